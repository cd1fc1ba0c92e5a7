import { describe, expect, it } from 'vitest';
import {
  applyWithHistory,
  canRedo,
  canUndo,
  createHistory,
  createTimeline,
  currentTimeline,
  timelineDuration,
  type History,
} from '../../src/timeline/index.js';
import { binItems } from './arbitraries.js';
import { refusal } from '../helpers/errors.js';

const first = createTimeline([binItems[0]!]);
const run = (h: History, ...ops: unknown[]) => ops.reduce<History>((acc, op) => applyWithHistory(acc, op), h);

describe('edit history', () => {
  it('records each edit as a new version', () => {
    const h = run(createHistory(first), { op: 'trim', end_ms: 5000 }, { op: 'set_aspect', aspect: '1:1' });
    expect(h.versions).toHaveLength(3);
    expect(h.cursor).toBe(2);
    expect(timelineDuration(currentTimeline(h))).toBe(5000);
    expect(currentTimeline(h).format.aspect).toBe('1:1');
  });

  it('undoes and redoes', () => {
    const h = run(createHistory(first), { op: 'trim', end_ms: 5000 }, { op: 'set_aspect', aspect: '1:1' }, { op: 'undo' });
    expect(currentTimeline(h).format.aspect).toBe('9:16');
    expect(canRedo(h)).toBe(true);
    const r = applyWithHistory(h, { op: 'redo' });
    expect(currentTimeline(r).format.aspect).toBe('1:1');
    expect(canRedo(r)).toBe(false);
  });

  it('drops the redo branch when a new edit follows an undo', () => {
    const h = run(createHistory(first), { op: 'trim', end_ms: 5000 }, { op: 'undo' }, { op: 'set_fps', fps: 60 });
    expect(h.versions).toHaveLength(2);
    expect(timelineDuration(currentTimeline(h))).toBe(10_000);
    expect(canRedo(h)).toBe(false);
  });

  it('resets to the first version, and the reset itself can be undone', () => {
    const h = run(createHistory(first), { op: 'trim', end_ms: 5000 }, { op: 'set_fps', fps: 60 }, { op: 'reset' });
    expect(currentTimeline(h)).toStrictEqual(first);
    const u = applyWithHistory(h, { op: 'undo' });
    expect(currentTimeline(u).format.fps).toBe(60);
  });

  it('changes nothing on reset at the first version', () => {
    const h = createHistory(first);
    expect(applyWithHistory(h, { op: 'reset' })).toBe(h);
  });

  it('says when there is nothing to undo or redo', () => {
    const h = createHistory(first);
    expect(canUndo(h)).toBe(false);
    const u = refusal(() => applyWithHistory(h, { op: 'undo' }));
    expect(u.code).toBe('INVALID_OPERATION');
    expect(u.message).toBe('there is nothing to undo: this is the first version');
    expect(refusal(() => applyWithHistory(h, { op: 'redo' })).message).toBe('there is nothing to redo: this is the latest version');
  });

  it('leaves the history as it was when an edit is refused', () => {
    const h = createHistory(first);
    expect(refusal(() => applyWithHistory(h, { op: 'delete_clip', clip: 3 })).message).toBe(
      'clip 3 does not exist: the timeline has 1 clip',
    );
    expect(h).toEqual({ versions: [first], cursor: 0 });
  });

  it('keeps the previous timeline when switching media', () => {
    const both = createTimeline([binItems[0]!, binItems[1]!]);
    const h = run(createHistory(both), { op: 'select_media', media: 2 }, { op: 'undo' });
    expect(currentTimeline(h).clips).toHaveLength(2);
  });
});
