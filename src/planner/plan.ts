// One message in, an intent and operations out (docs/PLANNER.md). Pure and offline: the rules
// read clause by clause, each consuming the words it understood, and whatever is left unread is
// said back to the person instead of guessed at.
import { safeParseOperation, type Operation } from '../operations/index.js';
import { clipOutputRanges, timelineDuration, trackSummary, type Timeline } from '../timeline/index.js';
import { EXPORT_WORDS, routeIntent, type Intent } from './intent.js';
import { composeReply } from './reply.js';
import { RULES } from './rules/index.js';
import { directOperations } from './rules/direct.js';
import type { RuleContext, TimelineFacts } from './rules/types.js';
import { consume, leftover, prepare, type Clause, type Language } from './text.js';
import { vagueAnswer } from './vague.js';
import { findSubtitleBlock } from './subtitle-block.js';
import { answerQuestion, isQuestion } from './questions.js';

export interface PlanOptions {
  /** The timeline the message talks about: "clip 2", "the end" and "quieter" resolve against it. */
  timeline?: Timeline;
}

export interface Plan {
  intent: Intent;
  operations: Operation[];
  reply: string;
  language: Language;
  /** Clauses nothing understood, quoted back in the reply. */
  unknown: string[];
  /** Defaults and limits the reply explains. */
  notes: string[];
  /** References that need a timeline the planner was not given ("the last 5 s"). */
  needs: string[];
  /** A vague wish answered with a documented default or choices: a language model may do better. */
  vague: boolean;
  /** Operations a rule built that the schema refused (a rule bug): kept out of `operations`, listed here so tests can see them. */
  rejected: Array<{ operation: unknown; message: string }>;
}

/** Longer messages are cut here: a planner that answers in microseconds cannot read a novel. */
export const MAX_MESSAGE_CHARS = 2000;

const NEGATION = /^(?:please\s+)?(?:don'?t|do not|never(?! ?mind)|no need to|not|stop(?!\s+(?:the\s+)?(?:auto[- ]?)?duck))\b|^(?:请)?(?:不要|别|不用|无需|不需要)(?:再)?(?:加|添加|放|用|改|动|剪|裁|变|调|换|上|做)|\bleave\b.*\b(?:as (?:it )?is|alone|untouched)\b|\bkeep\b.*\bas (?:it )?is\b|^(?:just\s+|but\s+)?keep\s+(?:the\s+|my\s+)?(?:music|song|captions|subtitles|titles?|voice|audio|sound|colou?rs?)\b(?!.*\d)|保持原样|不用动|别动|\bhold off\b|\bnot yet\b|\bwait (?:on|with)\b|\bskip the\b/;
const SINGLE = new Set<Operation['op']>(['stabilize', 'normalize_audio', 'add_captions', 'beat_sync', 'remove_silence', 'set_duration']);
const POSTING = /\b(?:post|publish|share|send|upload)\b|发到|发布/;
// "不要音乐" with nothing to remove is "no music, please"; with music there (or "不要…了") it removes it.
const ZH_NO_THING = /^(?:请)?(?:不要|别|不用|不需要)(?:加)?(?:背景音乐|音乐|配乐|字幕|滤镜|转场|标题)$/;
const FIT_NEGATION = /\b(?:crop|cropping|cut(?:ting)? off)\b|裁剪|裁切/;

export function timelineFacts(t: Timeline): TimelineFacts {
  return {
    duration_ms: timelineDuration(t),
    clipCount: t.clips.length,
    musicVolume: t.music.length > 0 ? (t.music[0]!.volume ?? 0.35) : null,
    music: t.music.length > 0 ? musicAsAsked(t.music[0]!) : null,
    originalVolume: t.original_audio.muted ? 0 : t.original_audio.volume,
    hasCaptions: t.captions !== null && t.captions !== undefined,
    mediaNames: t.media.map((m) => m.name),
    clips: clipOutputRanges(t).map((r) => ({ start_ms: r.start_ms, end_ms: r.end_ms })),
  };
}

/** The music segment as the add_music that would put it there again (a library track by its id). */
function musicAsAsked(m: Timeline['music'][number]): Extract<Operation, { op: 'add_music' }> {
  const source = m.media_id.startsWith('lib:') ? { query: m.media_id.slice(4) } : { media_id: m.media_id };
  return { op: 'add_music', ...source, volume: m.volume ?? 0.35, fade_in_ms: m.fade_in_ms, fade_out_ms: m.fade_out_ms, duck: m.duck };
}

export function planMessage(message: string, opts: PlanOptions = {}): Plan {
  // Pasted subtitles can run long: they are found in the whole message, before it is cut short.
  const pasted = typeof message === 'string' ? findSubtitleBlock(message) : null;
  if (pasted) return withSubtitleFile(planMessage(pasted.before || 'add captions', opts), pasted.block, opts);
  const text = typeof message === 'string' ? message.slice(0, MAX_MESSAGE_CHARS) : '';
  // A client may send the operations themselves (JSON); they skip the words entirely.
  const direct = /^\s*[[{]/.test(text) ? directOperations(text) : null;
  if (direct) {
    const reply = composeReply({ language: 'en', intent: 'edit', operations: direct, notes: [], needs: [], asks: [], unknown: [], ...(opts.timeline ? { timeline: opts.timeline } : {}) });
    return settled('edit', direct, reply, 'en', false);
  }
  const prepared = prepare(text);
  const language = prepared.language;
  // "how long can a reel be?" asks; it edits nothing, whatever words it contains.
  const question = isQuestion(prepared.text.replace(/⟦\d+⟧/g, ''));
  const routed = routeIntent(prepared.text);
  // A question about status, credits or uploading is that intent; one about exporting renders nothing.
  const intent = question && (routed === 'edit' || routed === 'export') ? 'edit' : routed;
  if (question && intent === 'edit') {
    const answer = answerQuestion(prepared.text, language);
    const reply = answer ?? composeReply({ language, intent, operations: [], notes: [], needs: [], asks: [], unknown: [] });
    return settled(intent, [], reply, language, answer === null);
  }
  const ctx: RuleContext = {
    language,
    ...(opts.timeline ? { timeline: timelineFacts(opts.timeline) } : {}),
    planned: [],
    notes: [],
    needs: [],
    asks: [],
  };
  const unknown: string[] = [];
  if (intent === 'export' && POSTING.test(prepared.text)) {
    ctx.notes.push(language === 'zh' ? 'reelcut 不会替你上传：导出的 MP4 在你电脑上，在 Instagram 里发布即可。' : 'reelcut never uploads anything: it exports the MP4 on your machine for you to post in Instagram.');
  }
  const vague: VagueState = { ops: 0, wish: false };
  if (intent === 'edit' || intent === 'export') {
    for (const clause of prepared.clauses) readClause(clause, ctx, { intent, unknown, vague, hasTimeline: opts.timeline !== undefined });
  }
  const { operations, rejected } = intent === 'edit' || intent === 'export' ? tidy(ctx.planned) : { operations: [], rejected: [] };
  let reply = composeReply({
    language,
    intent,
    operations,
    notes: [...ctx.notes, ...rejected.map((r) => (language === 'zh' ? `无法执行：${r.message}。` : `Could not plan this: ${r.message}.`))],
    needs: ctx.needs,
    asks: ctx.asks,
    unknown,
    ...(opts.timeline ? { timeline: opts.timeline } : {}),
    ...(opts.timeline && intent === 'status' ? { summary: trackSummary(opts.timeline).text } : {}),
  });
  if (vague.reply) {
    // The vague wish's own reply names its default; other edits in the message come first.
    const others = operations.length - vague.ops;
    reply = others > 0 || unknown.length > 0 || ctx.needs.length > 0 ? `${reply} ${vague.reply}` : vague.reply;
  }
  return { intent, operations, reply: reply.trim(), language, unknown, notes: ctx.notes, needs: ctx.needs, vague: vague.wish, rejected };
}

/**
 * The plan with other operations (captions from pasted subtitles, songs from a music folder),
 * its reply said again for them, with any notes on what changed.
 */
export function withOperations<P extends Plan>(plan: P, operations: Operation[], opts: { notes?: string[]; intent?: Intent; timeline?: Timeline } = {}): P {
  const intent = opts.intent ?? plan.intent;
  const notes = [...plan.notes, ...(opts.notes ?? [])];
  const reply = composeReply({
    language: plan.language, intent, operations, notes, needs: plan.needs, asks: [], unknown: plan.unknown,
    ...(opts.timeline ? { timeline: opts.timeline } : {}),
  });
  return { ...plan, intent, operations, notes, reply };
}

/** The plan of the words around pasted subtitles, with the subtitles as its captions (in the style asked). */
function withSubtitleFile(plan: Plan, block: string, opts: PlanOptions): Plan {
  const asked = plan.operations.find((o): o is Extract<Operation, { op: 'add_captions' }> => o.op === 'add_captions');
  const captions: Operation = { op: 'add_captions', source: 'file', text: block, ...(asked?.style ? { style: asked.style } : {}) };
  const operations = asked ? plan.operations.map((o) => (o === asked ? captions : o)) : [...plan.operations, captions];
  const intent = plan.intent === 'export' ? 'export' : 'edit';
  return { ...withOperations(plan, operations, { intent, ...(opts.timeline ? { timeline: opts.timeline } : {}) }), vague: false };
}

/** A plan decided before any clause is read (operations given directly, or a question). */
function settled(intent: Intent, operations: Operation[], reply: string, language: Language, vague: boolean): Plan {
  return { intent, operations, reply, language, unknown: [], notes: [], needs: [], vague, rejected: [] };
}

interface VagueState {
  reply?: string;
  ops: number;
  wish: boolean;
}

interface ClauseState {
  intent: Intent;
  unknown: string[];
  vague: VagueState;
  hasTimeline: boolean;
}

/** One clause: negations left alone, the rules, then vague wishes; what is left unread is kept. */
function readClause(clause: Clause, ctx: RuleContext, state: ClauseState): void {
  const { language } = ctx;
  if (state.intent === 'export') consume(clause, EXPORT_WORDS);
  if (!clause.text) return;
  if ((NEGATION.test(clause.text) && !FIT_NEGATION.test(clause.text)) || (ZH_NO_THING.test(clause.text) && !state.hasTimeline)) {
    ctx.notes.push(language === 'zh' ? `“${clause.original}”：这部分不动。` : `Leaving that alone ("${clause.original}").`);
    return;
  }
  let fired = runRules(clause, ctx);
  if (!fired && clause.quoted.length > 0 && clause.quoted.every((q) => q.split(/\s+/).length <= 3)) {
    // Apply the "vintage" filter: a quoted word that no title took may be the name of a setting.
    let k = 0;
    const inlined = { ...clause, text: clause.text.replace(/⟦\d+⟧/g, () => ` ${clause.quoted[k++]?.toLowerCase() ?? ''} `), quoted: [] };
    fired = runRules(inlined, ctx);
    if (fired) clause.text = inlined.text;
  }
  if (fired) {
    // "make it square with a vhs glitch effect": the square is done, the rest is said back.
    const rest = leftover(clause);
    if (rest) state.unknown.push(rest);
    return;
  }
  const answer = vagueAnswer(clause.text, language);
  if (answer) {
    ctx.planned.push(...answer.operations);
    state.vague.ops += answer.operations.length;
    state.vague.reply = answer.reply;
    if (!answer.help) state.vague.wish = true;
    return;
  }
  if (leftover(clause)) state.unknown.push(clause.original.trim());
}

/** Runs every rule on a clause in order; true when any of them understood something in it. */
function runRules(clause: Clause, ctx: RuleContext): boolean {
  const said = clause.text;
  const found: Array<{ at: number; ops: Operation[] }> = [];
  for (const rule of RULES) {
    if (!clause.text) break;
    clause.firstRead = undefined;
    const ops = rule(clause, ctx);
    if (ops === null) continue;
    const at = clause.firstRead ? said.indexOf(clause.firstRead) : -1;
    found.push({ at: at < 0 ? Number.MAX_SAFE_INTEGER : at, ops });
  }
  // Operations in the order they were said ("make it square, warm, with a title" in one breath).
  found.sort((a, b) => a.at - b.at);
  for (const f of found) ctx.planned.push(...f.ops);
  return found.length > 0;
}

/** One colour adjustment per message (they add up anyway), and only operations the schema accepts. */
function tidy(ops: Operation[]): { operations: Operation[]; rejected: Plan['rejected'] } {
  const out: Operation[] = [];
  let color: Extract<Operation, { op: 'adjust_color' }> | undefined;
  const seen = new Set<string>();
  for (const op of ops) {
    // The same edit said twice ("it's too shaky, stabilize it") is one edit; undo/redo repeat on purpose.
    const key = JSON.stringify(op);
    if (op.op !== 'undo' && op.op !== 'redo' && seen.has(key)) continue;
    seen.add(key);
    // One stabilisation, one loudness, one caption track: said twice, the details add up.
    const single = SINGLE.has(op.op) ? out.find((o) => o.op === op.op) : undefined;
    if (single) {
      Object.assign(single, op);
      continue;
    }
    if (op.op === 'adjust_color') {
      if (color) {
        for (const k of ['brightness', 'contrast', 'saturation'] as const) {
          const a = color[k];
          const b = op[k];
          if (b === undefined) continue;
          // "too dark, brighten it": one wish said twice keeps its larger step; opposite wishes add up.
          color[k] = a === undefined ? b : Math.sign(a) === Math.sign(b) ? (Math.abs(b) > Math.abs(a) ? b : a) : Math.round((a + b) * 100) / 100;
          color[k] = Math.max(-1, Math.min(1, color[k]!));
        }
        continue;
      }
      color = { ...op };
      out.push(color);
      continue;
    }
    out.push(op);
  }
  const operations: Operation[] = [];
  const rejected: Plan['rejected'] = [];
  for (const op of out) {
    const parsed = safeParseOperation(op);
    if (parsed.ok) operations.push(parsed.operation);
    else rejected.push({ operation: op, message: parsed.message });
  }
  return { operations, rejected };
}
