// The planner every face uses: the rules first (offline, microseconds); a local language model
// only when one is configured and the rules could not fully place the message. The model sees
// the message and the track summary, never media; whatever it answers passes the same schemas,
// and when it fails the rules' plan stands with a note saying so.
import { ReelcutError } from '../errors.js';
import { trackSummary } from '../timeline/index.js';
import type { LlmConfig } from './llm-config.js';
import { planWithModel } from './llm-planner.js';
import { planMessage, type Plan, type PlanOptions } from './plan.js';
import { composeReply } from './reply.js';

export interface PlanInstructionOptions extends PlanOptions {
  llm?: LlmConfig | null;
  signal?: AbortSignal;
}

export interface InstructionPlan extends Plan {
  /** Who planned it: the rules, or the language model named in the reply. */
  planner: 'rules' | 'model';
}

/** True when the rules left something unread, unresolved or answered only with a default. */
export function needsModel(plan: Plan): boolean {
  if (plan.intent !== 'edit' && plan.intent !== 'export') return false;
  return plan.unknown.length > 0 || plan.vague || (plan.intent === 'edit' && plan.operations.length === 0);
}

export async function planInstruction(message: string, opts: PlanInstructionOptions = {}): Promise<InstructionPlan> {
  const rules = planMessage(message, opts);
  if (!opts.llm || !needsModel(rules)) return { ...rules, planner: 'rules' };
  const zh = rules.language === 'zh';
  try {
    const summary = opts.timeline ? trackSummary(opts.timeline).text : null;
    const model = await planWithModel(message, summary, opts.llm, opts.signal);
    const dropped = model.dropped.map((d) => `${d.name} (${d.reason})`);
    const droppedNote = dropped.length
      ? zh
        ? `模型给出的 ${dropped.length} 个操作无效，已忽略：${dropped.join('；')}。`
        : `Ignored ${dropped.length} invalid call${dropped.length > 1 ? 's' : ''} from the model: ${dropped.join('; ')}.`
      : '';
    if (model.operations.length === 0) {
      const said = model.text ? ` ${model.text}` : '';
      return { ...rules, reply: `${rules.reply}${said}${droppedNote ? ` ${droppedNote}` : ''}`.trim(), planner: 'rules' };
    }
    const reply = composeReply({
      language: rules.language,
      intent: rules.intent,
      operations: model.operations,
      notes: [zh ? `（由语言模型 ${model.model} 规划）` : `(planned by the language model ${model.model})`, ...(droppedNote ? [droppedNote] : [])],
      needs: [],
      asks: [],
      unknown: [],
      ...(opts.timeline ? { timeline: opts.timeline } : {}),
    });
    return { ...rules, operations: model.operations, reply, unknown: [], needs: [], vague: false, planner: 'model' };
  } catch (err) {
    if (!(err instanceof ReelcutError) || err.code === 'RENDER_CANCELLED') throw err;
    const note = zh ? `语言模型不可用（${err.message}），改用内置规则。` : `The language model was not available (${err.message}), so the built-in rules planned this.`;
    return { ...rules, reply: `${rules.reply} ${note}`, notes: [...rules.notes, note], planner: 'rules' };
  }
}
