import { describe, expect, it } from 'vitest';
import { OPERATION_NAMES, parseOperation, safeParseOperation } from '../../src/operations/index.js';
import { ReelcutError } from '../../src/errors.js';
import { EXAMPLES } from './examples.js';

const message = (input: unknown) => {
  const r = safeParseOperation(input);
  if (r.ok) throw new Error(`expected ${JSON.stringify(input)} to be refused`);
  return r.message;
};

describe('operation schemas', () => {
  it('know every operation of OPERATIONS.md by its exact name', () => {
    expect(OPERATION_NAMES).toEqual([
      'set_aspect', 'set_resolution', 'set_fps', 'trim', 'cut', 'set_duration', 'split', 'reorder', 'delete_clip',
      'set_speed', 'add_text', 'add_captions', 'add_music', 'set_volume', 'mute', 'fade', 'add_transition',
      'apply_filter', 'adjust_color', 'rotate', 'flip', 'stabilize', 'style_captions', 'edit_caption', 'beat_sync',
      'remove_silence', 'normalize_audio', 'set_cover', 'add_clip', 'select_media', 'split_scenes', 'undo', 'redo', 'reset',
    ]);
  });

  it.each(Object.values(EXAMPLES))('accept $op as a person would ask for it', (op) => {
    expect(parseOperation(op)).toEqual(op);
  });

  it('refuse volumes and amounts out of range, naming the field and the value', () => {
    expect(message({ op: 'add_music', volume: 1.2 })).toBe('add_music: volume must be at most 1 (got 1.2)');
    expect(message({ op: 'set_volume', target: 'original', volume: 2.5 })).toBe('set_volume: volume must be at most 2 (got 2.5)');
    expect(message({ op: 'set_volume', target: 'original', volume: -1 })).toBe('set_volume: volume must be at least 0 (got -1)');
    expect(message({ op: 'adjust_color', contrast: -1.5 })).toBe('adjust_color: contrast must be at least -1 (got -1.5)');
    expect(message({ op: 'set_fps', fps: 15 })).toBe('set_fps: fps must be at least 23 (got 15)');
    expect(message({ op: 'set_speed', factor: 0.1 })).toBe('set_speed: factor must be at least 0.25 (got 0.1)');
  });

  it('refuse values outside an enumeration, listing the allowed ones', () => {
    expect(message({ op: 'set_aspect', aspect: '21:9' })).toBe(
      'set_aspect: aspect must be one of "9:16", "1:1", "4:5", "16:9", "1.91:1" (got "21:9")',
    );
    expect(message({ op: 'mute', target: 'everything' })).toBe('mute: target must be one of "original", "music" (got "everything")');
    expect(message({ op: 'fade', direction: 'sideways' })).toBe('fade: direction must be one of "in", "out" (got "sideways")');
  });

  it('refuse missing, mistyped and unknown arguments', () => {
    expect(message({ op: 'split' })).toBe('split: at_ms is required');
    expect(message({ op: 'split', at_ms: '12s' })).toBe('split: at_ms must be a number (got "12s")');
    expect(message({ op: 'cut', start_ms: -5, end_ms: 10 })).toBe('cut: start_ms must be at least 0 (got -5)');
    expect(message({ op: 'reorder', clip: 0, to: 1 })).toBe('reorder: clip must be at least 1 (got 0)');
    expect(message({ op: 'undo', steps: 2 })).toBe('undo: unknown field "steps"');
  });

  it('refuse ranges that end before they start', () => {
    expect(message({ op: 'trim', start_ms: 5000, end_ms: 5000 })).toBe('trim: end_ms must come after start_ms');
    expect(message({ op: 'set_speed', factor: 2, start_ms: 5000, end_ms: 1000 })).toBe('set_speed: end_ms must come after start_ms');
  });

  it('refuse an unknown operation or something that is not an operation', () => {
    expect(message({ op: 'make_it_pop' })).toMatch(/^unknown operation \("op": "make_it_pop"\); the operations are: set_aspect, /);
    expect(message({ aspect: '1:1' })).toMatch(/^unknown operation \(no "op"\)/);
    expect(message(null)).toBe('an operation is a JSON object like {"op": "trim", "end_ms": 30000}');
  });

  it('throw INVALID_INPUT from parseOperation', () => {
    let caught: unknown;
    try {
      parseOperation({ op: 'rotate', degrees: 45 });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ReelcutError);
    expect((caught as ReelcutError).code).toBe('INVALID_INPUT');
  });

  it('accept colour names and hex colours, and media by number or name', () => {
    expect(safeParseOperation({ op: 'style_captions', color: '#FFCC00' }).ok).toBe(true);
    expect(message({ op: 'style_captions', color: 'chartreuse' })).toBe(
      'style_captions: color must be a colour like #ffcc00 or one of white, black, yellow, red, green, blue, orange, pink, purple, cyan (got "chartreuse")',
    );
    expect(safeParseOperation({ op: 'add_clip', media: 2, at: 3 }).ok).toBe(true);
    expect(message({ op: 'add_clip', media: 0 })).toBe('add_clip: media must be at least 1 (got 0)');
  });
});
