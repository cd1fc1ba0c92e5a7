// `reelcut plan`: the planner on its own, for people (a readable plan) and for batch evaluation
// (--jsonl: one message a line in, one {"intent","operations","reply"} a line out, in order).
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { describeOperationIn } from '../operations/index.js';
import { planInstruction, type InstructionPlan, type PlanInstructionOptions } from '../planner/index.js';
import type { Timeline } from '../timeline/index.js';

export function planJson(plan: InstructionPlan): string {
  return JSON.stringify({ intent: plan.intent, operations: plan.operations, reply: plan.reply });
}

export function printPlan(plan: InstructionPlan, json: boolean, out: (line: string) => void, timeline?: Timeline): void {
  if (json) {
    out(planJson(plan));
    return;
  }
  out(`intent: ${plan.intent}`);
  for (const op of plan.operations) out(`• ${describeOperationIn(plan.language, op, timeline ? { timeline } : {})}   ${JSON.stringify(op)}`);
  out(plan.reply);
}

export async function runPlanLines(input: Readable, out: (line: string) => void, opts: PlanInstructionOptions): Promise<void> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    // A blank line still gets its answer, so output line N always belongs to input line N.
    out(planJson(await planInstruction(line, opts)));
  }
}
