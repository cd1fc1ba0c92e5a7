// Whatever a person types, the planner answers: it never throws, the rules never build an
// operation the schema refuses (none rejected, every one emitted valid), and the reply is never empty.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeParseOperation } from '../../src/operations/index.js';
import { planMessage } from '../../src/planner/index.js';
import { loadCorpus } from './corpus.js';
import { draftOne, draftThree } from './drafts.js';

const corpusWords = [...new Set(loadCorpus().flatMap((c) => c.message.split(/\s+/)))];
const timelines = [undefined, draftOne(), draftThree()];

// Creator-like noise: corpus words, numbers, times, quotes and punctuation in any order.
const token = fc.oneof(
  fc.constantFrom(...corpusWords),
  fc.integer({ min: -100000, max: 100000 }).map(String),
  fc.tuple(fc.nat(99), fc.nat(99)).map(([m, s]) => `${m}:${String(s).padStart(2, '0')}`),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((v) => `${v}s`),
  fc.constantFrom('"', "'", '“', '”', '「', '」', ',', '，', 'and', '和', '%', 'x', '秒', '倍', '-', ':', '第', '段', 'clip', 'last', 'first'),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
);
const creatorText = fc.array(token, { maxLength: 24 }).map((t) => t.join(' '));

function check(message: string, timeline: (typeof timelines)[number]): void {
  const plan = planMessage(message, timeline ? { timeline } : {});
  expect(['edit', 'export', 'credits', 'status', 'upload']).toContain(plan.intent);
  if (plan.rejected.length) throw new Error(`the rules built invalid operations from ${JSON.stringify(message)}: ${JSON.stringify(plan.rejected)}`);
  for (const op of plan.operations) {
    const parsed = safeParseOperation(op);
    if (!parsed.ok) throw new Error(`invalid ${JSON.stringify(op)} from ${JSON.stringify(message)}: ${parsed.message}`);
  }
  expect(plan.reply.trim().length).toBeGreaterThan(0);
  if (plan.intent !== 'edit' && plan.intent !== 'export') expect(plan.operations).toEqual([]);
}

describe('planMessage on anything', () => {
  it('never throws on arbitrary Unicode, and every operation validates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.nat(2), (message, i) => check(message, timelines[i])),
      { numRuns: 1500 },
    );
  });

  it('never throws on creator-like mixtures of words, numbers, times and quotes, and every operation validates', () => {
    fc.assert(fc.property(creatorText, fc.nat(2), (message, i) => check(message, timelines[i])), { numRuns: 2500 });
  });

  it('reads only the first 2000 characters of a very long message, and still answers', () => {
    const long = `${'crop to square, '.repeat(400)}add lofi music`;
    const plan = planMessage(long);
    expect(plan.operations.every((o) => o.op === 'set_aspect')).toBe(true);
    expect(plan.reply.length).toBeGreaterThan(0);
  });
});
