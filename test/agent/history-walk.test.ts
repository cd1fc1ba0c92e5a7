// The turn's walk over the stored undo history, in memory: what a turn saves as its steps.
import { describe, expect, it } from 'vitest';
import { collapseTurn, startWalk, step, timelineAt } from '../../src/agent/history-walk.js';
import { createTimeline, type MediaItem, type Timeline } from '../../src/timeline/index.js';

const bin: MediaItem[] = [{ id: 'm1', name: 'a.mp4', kind: 'video', duration_ms: 8000, width: 1080, height: 1920, has_audio: true }];
const versions = new Map<number, Timeline>([[1, createTimeline(bin)]]);
const load = (id: number) => versions.get(id)!;

describe('history walk', () => {
  it('a turn of several edits is saved as one step, so one undo takes back the whole message', () => {
    const base = { ids: [1], cursor: 0 };
    let s = startWalk(base);
    s = step(s, { op: 'set_aspect', aspect: '1:1' }, load, bin);
    s = step(s, { op: 'set_speed', factor: 2 }, load, bin);
    const saved = collapseTurn(base, s);
    expect(saved.entries).toHaveLength(2);
    expect(saved.cursor).toBe(1);
    const last = timelineAt(saved, load);
    expect(last.format.aspect).toBe('1:1');
    expect(last.clips[0]!.speed).toBe(2);
  });

  it('edits after an undo drop the redo branch and still collapse to one step', () => {
    versions.set(2, { ...createTimeline(bin), format: { ...createTimeline(bin).format, aspect: '4:5' } });
    const base = { ids: [1, 2], cursor: 0 };
    let s = startWalk(base);
    s = step(s, { op: 'set_speed', factor: 2 }, load, bin);
    s = step(s, { op: 'flip', axis: 'horizontal' }, load, bin);
    const saved = collapseTurn(base, s);
    expect(saved.entries[0]).toBe(1);
    expect(saved.entries).toHaveLength(2);
    expect(typeof saved.entries[1]).toBe('object');
  });

  it('a turn that moves through the history itself (undo inside it) is saved as walked', () => {
    const base = { ids: [1], cursor: 0 };
    let s = startWalk(base);
    s = step(s, { op: 'set_aspect', aspect: '1:1' }, load, bin);
    s = step(s, { op: 'set_speed', factor: 2 }, load, bin);
    s = step(s, { op: 'undo' }, load, bin);
    expect(collapseTurn(base, s)).toEqual(s);
    expect(timelineAt(s, load).format.aspect).toBe('1:1');
  });

  it('undo at the first version is refused in words', () => {
    expect(() => step(startWalk({ ids: [1], cursor: 0 }), { op: 'undo' }, load, bin)).toThrow(/nothing to undo/);
  });
});
