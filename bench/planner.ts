// Planning time over the corpus: p50 and p99 of one planMessage call (target p99 < 2 ms), and,
// as a same-process baseline, the time to validate the resulting operations with the zod schemas
// (what every consumer of a plan does anyway). Run: npm run bench:planner
import { performance } from 'node:perf_hooks';
import { safeParseOperation } from '../src/operations/index.js';
import { planMessage } from '../src/planner/index.js';
import { loadCorpus } from '../test/planner/corpus.js';
import { DRAFTS } from '../test/planner/drafts.js';

const ROUNDS = Number(process.env.ROUNDS ?? 20);
const cases = loadCorpus().map((c) => ({ message: c.message, timeline: c.draft ? DRAFTS[c.draft]!() : undefined }));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

// Warm up the regex engine and the JIT.
for (const c of cases) planMessage(c.message, c.timeline ? { timeline: c.timeline } : {});

const plan: number[] = [];
const validate: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  for (const c of cases) {
    const t0 = performance.now();
    const p = planMessage(c.message, c.timeline ? { timeline: c.timeline } : {});
    const t1 = performance.now();
    for (const op of p.operations) safeParseOperation(op);
    const t2 = performance.now();
    plan.push(t1 - t0);
    validate.push(t2 - t1);
  }
}
plan.sort((a, b) => a - b);
validate.sort((a, b) => a - b);
const fmt = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;
const p50 = percentile(plan, 50);
const p99 = percentile(plan, 99);
console.log(`planner over ${cases.length} corpus messages × ${ROUNDS} rounds (${plan.length} calls)`);
console.log(`  plan      p50 ${fmt(p50)}  p99 ${fmt(p99)}  max ${fmt(plan.at(-1)!)}   target p99 < 2000 µs: ${p99 < 2 ? 'met' : 'MISSED'}`);
console.log(`  validate  p50 ${fmt(percentile(validate, 50))}  p99 ${fmt(percentile(validate, 99))}  (baseline: zod-validating the plan's operations)`);
console.log(`  ratio plan/validate: p50 ${(p50 / Math.max(1e-6, percentile(validate, 50))).toFixed(1)}x  p99 ${(p99 / Math.max(1e-6, percentile(validate, 99))).toFixed(1)}x`);
