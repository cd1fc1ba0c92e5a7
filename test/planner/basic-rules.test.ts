// The small rule set `reelcut edit` uses until the full planner lands: the seed's phrases and
// the ways people say them differently; anything else is reported back, never guessed.
import { describe, expect, it } from 'vitest';
import { Operation } from '../../src/operations/index.js';
import { planBasic, splitClauses } from '../../src/planner/basic-rules.js';

const CASES: Array<[string, unknown[]]> = [
  [
    "crop to square format, add music and add the title 'Urban Dreams' for the first 3 seconds",
    [
      { op: 'set_aspect', aspect: '1:1', fit: 'fill' },
      { op: 'add_music', query: 'trending' },
      { op: 'add_text', text: 'Urban Dreams', start_ms: 0, end_ms: 3000 },
    ],
  ],
  ['make it square', [{ op: 'set_aspect', aspect: '1:1', fit: 'fill' }]],
  ['9:16 please', [{ op: 'set_aspect', aspect: '9:16', fit: 'fill' }]],
  ['make it vertical for Reels', [{ op: 'set_aspect', aspect: '9:16', fit: 'fill' }]],
  ['4:5 for the feed, keep everything in frame', [{ op: 'set_aspect', aspect: '4:5', fit: 'fit' }]],
  ['改成竖屏 9:16', [{ op: 'set_aspect', aspect: '9:16', fit: 'fill' }]],
  ['add some upbeat music at 20%', [{ op: 'add_music', query: 'upbeat', volume: 0.2 }]],
  ['add lo-fi music at 35% and fade it out', [{ op: 'add_music', query: 'lo-fi', volume: 0.35, fade_out_ms: 2000 }]],
  ['put the title "Hello World" at the top for 5 seconds', [{ op: 'add_text', text: 'Hello World', start_ms: 0, end_ms: 5000, position: 'top' }]],
  ['add the title “Don\'t stop” for 3s', [{ op: 'add_text', text: "Don't stop", start_ms: 0, end_ms: 3000 }]],
  ["add the title 'Don't stop' for 3s", [{ op: 'add_text', text: "Don't stop", start_ms: 0, end_ms: 3000 }]],
  ["add the title 'Square One'", [{ op: 'add_text', text: 'Square One', start_ms: 0 }]],
  [
    "square crop with music and a title 'A, B and C' for the first 2 seconds",
    [
      { op: 'set_aspect', aspect: '1:1', fit: 'fill' },
      { op: 'add_music', query: 'trending' },
      { op: 'add_text', text: 'A, B and C', start_ms: 0, end_ms: 2000 },
    ],
  ],
  ['fade out at the end', [{ op: 'fade', direction: 'out' }]],
  ['crop to square then fade it out', [{ op: 'set_aspect', aspect: '1:1', fit: 'fill' }, { op: 'fade', direction: 'out' }]],
  ['fade in over 2 seconds', [{ op: 'fade', direction: 'in', duration_ms: 2000 }]],
];

describe('planBasic', () => {
  it.each(CASES)('%s', (message, expected) => {
    const plan = planBasic(message);
    expect(plan.unknown).toEqual([]);
    expect(plan.operations).toEqual(expected);
    for (const op of plan.operations) expect(Operation.safeParse(op).success).toBe(true);
  });

  it('reports what it did not understand instead of guessing', () => {
    expect(planBasic('make it look like a dream')).toEqual({ operations: [], unknown: ['make it look like a dream'] });
    const mixed = planBasic('crop to square and make it pop');
    expect(mixed.operations).toEqual([{ op: 'set_aspect', aspect: '1:1', fit: 'fill' }]);
    expect(mixed.unknown).toEqual(['make it pop']);
  });

  it('never splits inside quoted text', () => {
    expect(splitClauses("add the title 'Salt, pepper and love', then fade out")).toEqual(["add the title 'Salt, pepper and love'", 'fade out']);
  });
});
