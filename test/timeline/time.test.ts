import { describe, expect, it } from 'vitest';
import {
  clipLength,
  clipOutputRanges,
  createTimeline,
  formatLength,
  formatSeconds,
  frameSize,
  timelineDuration,
  type Timeline,
} from '../../src/timeline/index.js';
import { binItems } from './arbitraries.js';

const base = createTimeline([binItems[0]!, binItems[1]!]); // 10 s + 4 s
const clip = (id: string, media_id: string, in_ms: number, out_ms: number, speed = 1) => ({
  id,
  media_id,
  in_ms,
  out_ms,
  speed,
  transform: { rotate: 0 as const, flip_h: false, flip_v: false },
});

describe('timeline times', () => {
  it('plays a clip for its source length divided by its speed', () => {
    expect(clipLength({ in_ms: 1000, out_ms: 5000, speed: 2 })).toBe(2000);
    expect(clipLength({ in_ms: 0, out_ms: 1000, speed: 0.25 })).toBe(4000);
    expect(clipLength({ in_ms: 0, out_ms: 1000, speed: 3 })).toBe(333);
    expect(clipLength({ in_ms: 0, out_ms: 1, speed: 4 })).toBe(1);
  });

  it('lays clips end to end without a transition', () => {
    expect(clipOutputRanges(base).map((r) => [r.start_ms, r.end_ms, r.overlap_ms])).toEqual([
      [0, 10_000, 0],
      [10_000, 14_000, 0],
    ]);
    expect(timelineDuration(base)).toBe(14_000);
  });

  it('overlaps clips by the transition, which shortens the video', () => {
    const t: Timeline = { ...base, transition: { kind: 'crossfade', duration_ms: 500 } };
    expect(clipOutputRanges(t).map((r) => [r.start_ms, r.end_ms, r.overlap_ms])).toEqual([
      [0, 10_000, 0],
      [9_500, 13_500, 500],
    ]);
    expect(timelineDuration(t)).toBe(13_500);
  });

  it('limits a transition to half the shorter clip', () => {
    const t: Timeline = {
      ...base,
      clips: [clip('c1', 'v1', 0, 10_000), clip('c2', 'v2', 0, 600)],
      transition: { kind: 'crossfade', duration_ms: 1000 },
    };
    expect(clipOutputRanges(t)[1]!.overlap_ms).toBe(300);
    expect(timelineDuration(t)).toBe(10_300);
  });

  it('puts no transition between two pieces of one continuous shot', () => {
    const t: Timeline = {
      ...base,
      clips: [clip('c1', 'v1', 0, 4000), clip('c2', 'v1', 4000, 6000, 2), clip('c3', 'v2', 0, 4000)],
      transition: { kind: 'crossfade', duration_ms: 500 },
    };
    expect(clipOutputRanges(t).map((r) => r.overlap_ms)).toEqual([0, 0, 500]);
    expect(timelineDuration(t)).toBe(4000 + 1000 + 4000 - 500);
  });

  it('is 0 long with no clips', () => {
    expect(timelineDuration({ ...base, clips: [] })).toBe(0);
  });

  it('writes seconds for people', () => {
    expect(formatSeconds(2500)).toBe('2.5');
    expect(formatSeconds(3000)).toBe('3');
    expect(formatSeconds(12_345)).toBe('12.35');
    expect(formatSeconds(12_345, 3)).toBe('12.345');
    expect(formatSeconds(0)).toBe('0');
    expect(formatLength(12_000)).toBe('12.0 s');
  });

  it('sizes Instagram frames, scaled to the height and kept even', () => {
    expect(frameSize('9:16')).toEqual({ width: 1080, height: 1920 });
    expect(frameSize('1:1')).toEqual({ width: 1080, height: 1080 });
    expect(frameSize('4:5')).toEqual({ width: 1080, height: 1350 });
    expect(frameSize('16:9')).toEqual({ width: 1920, height: 1080 });
    expect(frameSize('1.91:1')).toEqual({ width: 1080, height: 566 });
    expect(frameSize('9:16', 720)).toEqual({ width: 720, height: 1280 });
    expect(frameSize('1.91:1', 720)).toEqual({ width: 720, height: 378 });
  });
});
