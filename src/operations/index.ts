// The operations module's only door: the edit vocabulary, its validator, its JSON Schema tool
// definitions and its one-line descriptions.
export * from './schemas.js';
export {
  operationTools,
  operationParameters,
  operationJsonSchema,
  OPERATION_DESCRIPTIONS,
  type ToolDefinition,
} from './json-schema.js';
export { describeOperation, type DescribeContext } from './describe.js';
export { describeOperationZh, describeOperationIn, type DescribeLanguage } from './describe-zh.js';
