// One chat turn: route the message, plan it against the session's current timeline, apply every
// operation or none, save the result as new versions, and say in words what changed. Exports,
// credits, status and upload questions asked in chat are answered here too.
import { randomUUID } from 'node:crypto';
import { ReelcutError } from '../errors.js';
import type { Operation } from '../operations/index.js';
import { describeOperationIn } from '../operations/index.js';
import { planInstruction, withOperations, type LlmConfig } from '../planner/index.js';
import type { Language } from '../planner/index.js';
import { binListing, trackSummary, type MediaItem, type Timeline } from '../timeline/index.js';
import type { CreditRepo, SessionRepo, StoredHistory } from '../store/index.js';
import { eventFactory, type AgentEvent } from './events.js';
import { collapseTurn, startWalk, step, timelineAt, withBin, type WalkState } from './history-walk.js';

export interface ExportUpdate {
  /** The render's id as clients see it. */
  id: string;
  status: 'queued' | 'rendering' | 'completed' | 'failed' | 'cancelled';
  /** 0..1 */
  progress: number;
  url?: string;
  reason?: string;
}

export interface TurnDeps {
  sessions: SessionRepo;
  credits: CreditRepo;
  /** The session's media bin, in upload order. */
  bin: () => MediaItem[];
  llm: LlmConfig | null;
  /** Queues a render of this version and reports until it ends (or the signal aborts). */
  exportRender: (req: { timeline: Timeline; versionId: number; signal: AbortSignal }) => AsyncIterable<ExportUpdate>;
  /** Where files go, in the words a client can act on (the upload endpoint for this session). */
  uploadHint: string;
  /** The operations to apply for one that needs the media measured first (captions from speech). */
  prepare?: (op: Operation, timeline: Timeline, signal: AbortSignal) => Promise<Operation[]>;
  /**
   * Answers music asked for by words from the person's own folder (`serve --music-dir`): the
   * operations with the chosen songs (now in the bin) and a line each on what was chosen.
   */
  chooseMusic?: (ops: Operation[], words: string, signal: AbortSignal) => Promise<{ operations: Operation[]; notes: string[] }>;
  /** Set when this caller may not export (strict compatibility without attribution): why, in words. */
  exportBlocked?: string | null;
}

export interface TurnInput {
  tokenId: string;
  sessionId: string;
  message: string;
  signal: AbortSignal;
}

/** What a turn did, for the caller's bookkeeping (credits are charged for turns that changed the timeline). */
export interface TurnOutcome {
  intent: 'edit' | 'export' | 'credits' | 'status' | 'upload';
  /** A new timeline version was saved. */
  changed: boolean;
}

export async function* runTurn(input: TurnInput, deps: TurnDeps): AsyncGenerator<AgentEvent, TurnOutcome> {
  const ev = eventFactory();
  let bin = deps.bin();
  const load = (id: number) => deps.sessions.version(id);
  const base = deps.sessions.history(input.sessionId);
  let current = withBin(timelineAt(startWalk(base), load), bin);
  let plan = await planInstruction(input.message, { timeline: current, llm: deps.llm, signal: input.signal });
  if (deps.chooseMusic && plan.operations.some((op) => op.op === 'add_music' && op.media_id === undefined)) {
    let picked: { operations: Operation[]; notes: string[] };
    try {
      picked = await deps.chooseMusic(plan.operations, input.message, input.signal);
    } catch (err) {
      if (!(err instanceof ReelcutError) || err.code === 'RENDER_CANCELLED') throw err;
      yield ev.text(plan.language === 'zh' ? `无法使用你的音乐文件夹：${err.message} ${unchanged(current, true)}` : `Could not use your music folder: ${err.message} ${unchanged(current, false)}`);
      yield ev.complete();
      return { intent: plan.intent, changed: false };
    }
    bin = deps.bin();
    current = withBin(current, bin);
    plan = withOperations(plan, picked.operations, { notes: picked.notes, timeline: current });
  }
  const zh = plan.language === 'zh';
  const done = (changed: boolean): TurnOutcome => ({ intent: plan.intent, changed });

  if (plan.intent === 'credits') {
    const b = deps.credits.balance(input.tokenId);
    yield ev.text(zh ? `可用积分 ${b.available}（冻结 ${b.frozen}，共 ${b.total}）。时间线没有改动。` : `You have ${b.available} credits available (${b.frozen} reserved, ${b.total} in total). The timeline is unchanged.`);
    yield ev.complete();
    return done(false);
  }
  if (plan.intent === 'status') {
    yield ev.text(statusText(current, bin, zh));
    yield ev.complete();
    return done(false);
  }
  if (plan.intent === 'upload') {
    yield ev.text(`${plan.reply} ${deps.uploadHint}`.trim());
    yield ev.complete();
    return done(false);
  }

  // Edits (an export may carry some: "make it square and export").
  let state = startWalk(base);
  let versionId = base.ids[base.cursor]!;
  let committed = false;
  if (plan.operations.length > 0) {
    const applied = yield* applyOperations(plan.operations, state, load, bin, plan.language, ev, deps.prepare && ((op, t) => deps.prepare!(op, t, input.signal)));
    if (!applied.ok) {
      yield ev.text(`${applied.message} ${unchanged(current, zh)}`);
      yield ev.complete();
      return done(false);
    }
    if (input.signal.aborted) throw new ReelcutError('RENDER_CANCELLED', 'the client went away before the turn was saved; nothing changed');
    const walked = collapseTurn(base, applied.state);
    if (changesNothing(base, walked, current, load, bin)) {
      // Said twice ("make it square" on a square video): no new undo step, nothing to pay for.
      yield ev.text(zh ? `时间线已经是这样了，没有改动：${trackSummary(current).text}` : `The timeline is already like that, so nothing changed: ${trackSummary(current).text}`);
      if (plan.intent !== 'export') {
        yield ev.complete();
        return done(false);
      }
    } else {
      const saved = deps.sessions.commit(input.sessionId, base, walked, JSON.stringify(plan.operations.map((o) => o.op)));
      if (!saved) {
        yield ev.text(zh ? '会话在此期间被修改，本轮没有生效，请再说一次。' : 'The session changed while this turn ran, so nothing was applied; please say it again.');
        yield ev.complete();
        return done(false);
      }
      committed = true;
      state = { entries: saved.ids, cursor: saved.cursor };
      versionId = saved.ids[saved.cursor]!;
      const after = withBin(timelineAt(state, load), bin);
      yield ev.text(`${plan.reply}\n${zh ? '时间线' : 'Timeline'}: ${trackSummary(after).text}`);
    }
  } else if (plan.intent === 'edit') {
    yield ev.text(`${plan.reply} ${unchanged(current, zh)}`.trim());
    yield ev.complete();
    return done(false);
  }

  if (plan.intent === 'export' && deps.exportBlocked) {
    yield ev.text(deps.exportBlocked);
  } else if (plan.intent === 'export') {
    const timeline = withBin(timelineAt(state, load), bin);
    if (timeline.clips.length === 0) {
      yield ev.text(zh ? '时间线还是空的：先上传一个视频或图片再导出。' : 'The timeline is empty: upload a video or image first, then export.');
      yield ev.complete();
      return done(committed);
    }
    yield* exportInChat(timeline, versionId, deps, input.signal, ev, zh, plan.operations.length === 0 ? plan.reply : '');
  }
  yield ev.complete();
  return done(committed);
}

type Applied = { ok: true; state: WalkState } | { ok: false; message: string };

async function* applyOperations(
  ops: Operation[],
  start: WalkState,
  load: (id: number) => Timeline,
  bin: readonly MediaItem[],
  language: Language,
  ev: ReturnType<typeof eventFactory>,
  prepare: ((op: Operation, timeline: Timeline) => Promise<Operation[]>) | undefined,
): AsyncGenerator<AgentEvent, Applied> {
  let state = start;
  for (const op of ops) {
    const callId = `call_${randomUUID()}`;
    const { op: name, ...args } = op;
    yield ev.call(callId, name, args);
    const before = withBin(timelineAt(state, load), bin);
    try {
      // Media measured first where the operation needs it (captions from speech); a heartbeat
      // keeps the stream alive meanwhile.
      const ready = prepare ? await prepare(op, before) : [op];
      // One step of several operations: the walk sees them as the one edit the person asked for.
      state = ready.reduce((s, o) => step(s, o, load, bin), state);
    } catch (err) {
      if (!(err instanceof ReelcutError)) throw err;
      yield ev.response(callId, name, { ok: false, error: err.message });
      const what = describeOperationIn(language, op, { timeline: before });
      return {
        ok: false,
        message: language === 'zh' ? `无法执行「${what}」：${err.message}。本轮的操作都没有应用。` : `Could not ${lowerFirst(what)}: ${err.message}. None of this turn's edits were applied.`,
      };
    }
    yield ev.response(callId, name, { ok: true, summary: describeOperationIn(language, op, { timeline: before }) });
  }
  return { ok: true, state };
}

async function* exportInChat(
  timeline: Timeline,
  versionId: number,
  deps: TurnDeps,
  signal: AbortSignal,
  ev: ReturnType<typeof eventFactory>,
  zh: boolean,
  lead: string,
): AsyncGenerator<AgentEvent> {
  const callId = `call_${randomUUID()}`;
  yield ev.call(callId, 'export_video', { format: 'mp4', version: versionId });
  if (lead) yield ev.text(lead, true);
  let shown = -1;
  let last: ExportUpdate | null = null;
  for await (const u of deps.exportRender({ timeline, versionId, signal })) {
    last = u;
    const pct = Math.floor(u.progress * 10) * 10;
    if (u.status === 'rendering' && pct > shown) {
      shown = pct;
      yield ev.text(zh ? `正在渲染… ${pct}%` : `Rendering… ${pct}%`, true);
    }
  }
  if (!last) throw new ReelcutError('FFMPEG_FAILED', 'the render queue did not report');
  yield ev.response(callId, 'export_video', { id: last.id, status: last.status, ...(last.url ? { url: last.url } : {}), ...(last.reason ? { reason: last.reason } : {}) });
  if (last.status === 'completed' && last.url) {
    yield ev.text(zh ? `导出完成：${last.url}（链接 24 小时内有效）。时间线没有改动。` : `Your video is ready: ${last.url} (the link works for 24 hours). The timeline is unchanged.`);
  } else if (last.status === 'queued' || last.status === 'rendering') {
    // The stream ended first (its time cap, or the client left): the render itself goes on.
    yield ev.text(
      zh
        ? `导出仍在进行（渲染 ${last.id}，${Math.round(last.progress * 100)}%）；稍后查询它即可拿到下载链接。时间线没有改动。`
        : `The export is still rendering (render ${last.id}, ${Math.round(last.progress * 100)}%); poll it to get the download link when it is done. The timeline is unchanged.`,
    );
  } else {
    yield ev.text(zh ? `导出没有完成（${last.reason ?? last.status}）。时间线没有改动。` : `The export did not finish (${last.reason ?? last.status}). The timeline is unchanged.`);
  }
}

/** A plain edit turn (one new step, no moves through the history) whose result is the timeline it started from. */
function changesNothing(base: StoredHistory, walked: WalkState, current: Timeline, load: (id: number) => Timeline, bin: readonly MediaItem[]): boolean {
  const last = walked.entries[walked.cursor];
  if (walked.entries.length !== base.cursor + 2 || walked.cursor !== base.cursor + 1 || typeof last !== 'object') return false;
  return JSON.stringify(withBin(timelineAt(walked, load), bin)) === JSON.stringify(current);
}

function statusText(t: Timeline, bin: readonly MediaItem[], zh: boolean): string {
  const tracks = trackSummary(t).text;
  const media = bin.length ? binListing(bin) : zh ? '（空）' : '(empty)';
  return zh ? `时间线：${tracks}\n素材：${media}` : `Timeline: ${tracks}\nMedia bin: ${media}`;
}

function unchanged(t: Timeline, zh: boolean): string {
  return zh ? `时间线没有改动：${trackSummary(t).text}` : `The timeline is unchanged: ${trackSummary(t).text}`;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
