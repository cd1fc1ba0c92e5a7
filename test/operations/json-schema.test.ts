import { describe, expect, it } from 'vitest';
import { OPERATION_NAMES, operationJsonSchema, operationParameters, operationTools } from '../../src/operations/index.js';

describe('operations as language-model tools', () => {
  const tools = operationTools();

  it('define one tool per operation, named by it, with a description', () => {
    expect(tools.map((t) => t.name)).toEqual(OPERATION_NAMES);
    for (const t of tools) expect(t.description.length).toBeGreaterThan(10);
  });

  it('describe arguments as a closed JSON Schema object without op', () => {
    for (const t of tools) {
      expect(t.parameters.type).toBe('object');
      expect(t.parameters.additionalProperties).toBe(false);
      expect(t.parameters).not.toHaveProperty('$schema');
      expect(Object.keys(t.parameters.properties as object)).not.toContain('op');
    }
  });

  it('carry ranges, enumerations and required arguments', () => {
    expect(operationParameters('add_music')).toMatchObject({
      properties: { volume: { type: 'number', minimum: 0, maximum: 1 }, query: { type: 'string' } },
    });
    expect(operationParameters('add_music')).not.toHaveProperty('required');
    expect(operationParameters('set_aspect')).toMatchObject({
      properties: { aspect: { enum: ['9:16', '1:1', '4:5', '16:9', '1.91:1'] } },
      required: ['aspect'],
    });
    expect(operationParameters('set_fps')).toMatchObject({ properties: { fps: { type: 'integer', minimum: 23, maximum: 60 } } });
    expect(operationParameters('cut').required).toEqual(['start_ms', 'end_ms']);
  });

  it('leave out the safe-integer bounds that say nothing to a model', () => {
    expect(JSON.stringify(tools)).not.toContain(String(Number.MAX_SAFE_INTEGER));
  });

  it('give undo no arguments', () => {
    expect(operationParameters('undo')).toEqual({ type: 'object', properties: {}, additionalProperties: false });
  });

  it('export the whole vocabulary as one schema, one branch per operation', () => {
    const schema = operationJsonSchema() as { oneOf?: Array<{ properties: { op: { const: string } } }> };
    expect(schema.oneOf!.map((b) => b.properties.op.const)).toEqual(OPERATION_NAMES);
  });
});
