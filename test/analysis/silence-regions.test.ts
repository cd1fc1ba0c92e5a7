import { describe, expect, it } from 'vitest';
import { silenceCuts, speechFromSilences } from '../../src/analysis/index.js';

const FRAME = 1000 / 30;
const onFrame = (ms: number) => Math.abs(ms / FRAME - Math.round(ms / FRAME)) * FRAME < 0.5;

describe('speechFromSilences', () => {
  it('is the complement of the silences within the span read', () => {
    const silences = [{ start_ms: 0, end_ms: 400 }, { start_ms: 2000, end_ms: 3500 }];
    expect(speechFromSilences(silences, { startMs: 0, endMs: 5000 })).toEqual([
      { start_ms: 400, end_ms: 2000 },
      { start_ms: 3500, end_ms: 5000 },
    ]);
  });

  it('widens each region by the padding, inside the span, merging regions that meet', () => {
    const silences = [{ start_ms: 1000, end_ms: 1300 }, { start_ms: 3000, end_ms: 4000 }];
    expect(speechFromSilences(silences, { startMs: 0, endMs: 5000, paddingMs: 200 })).toEqual([
      { start_ms: 0, end_ms: 3200 },
      { start_ms: 3800, end_ms: 5000 },
    ]);
  });

  it('is the whole span when nothing is silent, and nothing when all of it is', () => {
    expect(speechFromSilences([], { startMs: 100, endMs: 900 })).toEqual([{ start_ms: 100, end_ms: 900 }]);
    expect(speechFromSilences([{ start_ms: 0, end_ms: 900 }], { startMs: 100, endMs: 900 })).toEqual([]);
  });
});

describe('silenceCuts', () => {
  it('keeps the padding at each side and cuts on frame boundaries, removing the pause less twice the padding within a frame', () => {
    const cuts = silenceCuts([{ start_ms: 1796, end_ms: 3296 }], { paddingMs: 150, frameMs: FRAME });
    expect(cuts).toHaveLength(1);
    const [cut] = cuts;
    expect(onFrame(cut!.start_ms) && onFrame(cut!.end_ms)).toBe(true);
    expect(Math.abs(cut!.end_ms - cut!.start_ms - (1500 - 300))).toBeLessThanOrEqual(FRAME);
    expect(Math.abs(cut!.start_ms - (1796 + 150))).toBeLessThanOrEqual(FRAME / 2);
  });

  it('keeps no pause before the first words or after the last ones', () => {
    const cuts = silenceCuts([{ start_ms: 0, end_ms: 820 }, { start_ms: 4200, end_ms: 5000 }], { paddingMs: 150, frameMs: FRAME, durationMs: 5000 });
    expect(cuts).toEqual([{ start_ms: 0, end_ms: 667 }, { start_ms: 4367, end_ms: 5000 }]);
  });

  it('leaves out silences no longer than twice the padding', () => {
    expect(silenceCuts([{ start_ms: 1000, end_ms: 1310 }], { paddingMs: 150, frameMs: FRAME })).toEqual([]);
  });
});
