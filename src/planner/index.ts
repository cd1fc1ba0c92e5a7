// The planner's door: a message in, an intent, operations and a reply out (docs/PLANNER.md).
export { planMessage, timelineFacts, withOperations, MAX_MESSAGE_CHARS, type Plan, type PlanOptions } from './plan.js';
export { planInstruction, needsModel, type InstructionPlan, type PlanInstructionOptions } from './plan-instruction.js';
export { routeIntent, type Intent } from './intent.js';
export { llmConfigFromEnv, type LlmConfig } from './llm-config.js';
export { planWithModel, type ModelPlan } from './llm-planner.js';
export type { Language } from './text.js';
