// The planner's specification, message by message (test/planner/corpus.jsonl, written from
// docs/PLANNER.md apart from the rules): every case's intent and operations exactly, against the
// named draft where it has one, and a reply in the message's own language.
import { describe, expect, it } from 'vitest';
import { safeParseOperation } from '../../src/operations/index.js';
import { planMessage } from '../../src/planner/index.js';
import { loadCorpus } from './corpus.js';
import { DRAFTS } from './drafts.js';

const cases = loadCorpus();
const HAN = /\p{Script=Han}/u;

describe('the planner corpus', () => {
  it('is large and covers every intent and every operation', () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
    const intents = new Set(cases.map((c) => c.intent));
    expect([...intents].sort()).toEqual(['credits', 'edit', 'export', 'status', 'upload']);
    const ops = new Set(cases.flatMap((c) => c.operations.map((o) => (o as { op: string }).op)));
    expect(ops.size).toBe(34);
    expect(cases.filter((c) => c.intent === 'edit' && c.operations.length === 0).length).toBeGreaterThanOrEqual(25);
    expect(cases.filter((c) => HAN.test(c.message)).length).toBeGreaterThanOrEqual(60);
  });

  it.each(cases.map((c) => [`L${c.line} ${c.message}${c.draft ? ` [${c.draft}]` : ''}`, c] as const))('%s', (_name, c) => {
    for (const op of c.operations) expect(safeParseOperation(op)).toMatchObject({ ok: true });
    const plan = planMessage(c.message, c.draft ? { timeline: DRAFTS[c.draft]!() } : {});
    expect({ intent: plan.intent, operations: JSON.parse(JSON.stringify(plan.operations)) }).toEqual({
      intent: c.intent,
      operations: c.operations,
    });
    expect(plan.reply.length).toBeGreaterThan(0);
    if (plan.intent !== 'status') expect(HAN.test(plan.reply)).toBe(HAN.test(c.message));
  });
});
