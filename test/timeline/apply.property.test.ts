import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReelcutError } from '../../src/errors.js';
import { apply, createTimeline, Timeline, timelineDuration } from '../../src/timeline/index.js';
import { anyOperation, anyTimeline, binItems } from './arbitraries.js';

/** apply() either returns a timeline the schema accepts, or refuses with a person's message. */
function applyOrRefuse(t: Timeline, op: unknown): Timeline | ReelcutError {
  try {
    const next = apply(t, op);
    expect(Timeline.safeParse(next).success).toBe(true);
    return next;
  } catch (e) {
    expect(e).toBeInstanceOf(ReelcutError);
    const err = e as ReelcutError;
    expect(['INVALID_OPERATION', 'INVALID_INPUT']).toContain(err.code);
    // That message is reserved for apply's own bugs.
    expect(err.message).not.toMatch(/would leave the timeline invalid/);
    return err;
  }
}

/** Everything timed sits inside the video. */
function expectWithinDuration(t: Timeline): void {
  const d = timelineDuration(t);
  for (const x of [...t.texts, ...t.music]) {
    expect(x.start_ms).toBeGreaterThanOrEqual(0);
    expect(x.end_ms).toBeLessThanOrEqual(d);
    expect(x.end_ms).toBeGreaterThan(x.start_ms);
  }
  for (const w of t.captions?.words ?? []) expect(w.end_ms).toBeLessThanOrEqual(d);
  if (t.format.cover_ms !== null) expect(t.format.cover_ms).toBeLessThan(d);
}

const start = fc
  .subarray(binItems, { minLength: 1 })
  .filter((items) => items.some((m) => m.kind !== 'audio'))
  .map((items) => createTimeline(items));

describe('apply on random operations', () => {
  it('never produces an invalid timeline from any valid one', () => {
    fc.assert(
      fc.property(anyTimeline, anyOperation, (t, op) => {
        applyOrRefuse(t, op);
      }),
      { numRuns: 1500 },
    );
  });

  it('keeps a real edit session valid and every overlay inside the video, step after step', () => {
    fc.assert(
      fc.property(start, fc.array(anyOperation, { minLength: 1, maxLength: 12 }), (first, ops) => {
        let t = first;
        for (const op of ops) {
          const r = applyOrRefuse(t, op);
          if (r instanceof ReelcutError) continue;
          t = r;
          expectWithinDuration(t);
          if (t.clips.length > 0) expect(timelineDuration(t)).toBeGreaterThan(0);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('leaves its input untouched', () => {
    fc.assert(
      fc.property(anyTimeline, anyOperation, (t, op) => {
        const before = structuredClone(t);
        applyOrRefuse(t, op);
        expect(t).toStrictEqual(before);
      }),
      { numRuns: 300 },
    );
  });
});
