// Operations that change which pieces of media play, in what order and how fast.
import { ReelcutError } from '../errors.js';
import type { OperationOf } from '../operations/schemas.js';
import { clipFor } from './create.js';
import { piecesWithin, rebuild, splitAll, splitClipsAt, type NextClip } from './edit.js';
import { freshId } from './ids.js';
import { resolveMedia } from './media-ref.js';
import { Timeline, TIMELINE_VERSION } from './schema.js';
import { formatLength, formatSeconds, ownedRanges, timelineDuration } from './time.js';

const fail = (message: string, details?: Record<string, unknown>) => new ReelcutError('INVALID_OPERATION', message, details);
const sec = (ms: number) => `${formatSeconds(ms, 3)} s`;

/** Throws unless the timeline has clip number `n` (1-based). */
export function requireClip(t: Timeline, n: number): void {
  if (t.clips.length === 0) throw fail(`clip ${n} does not exist: the timeline has no clips (add_clip first)`);
  if (n < 1 || n > t.clips.length) {
    throw fail(`clip ${n} does not exist: the timeline has ${t.clips.length} clip${t.clips.length === 1 ? '' : 's'}`);
  }
}

function requireContent(t: Timeline): number {
  const d = timelineDuration(t);
  if (d === 0) throw fail('the timeline is empty: add a clip first (add_clip)');
  return d;
}

/**
 * The output range [a, b) an operation's start_ms/end_ms (and optional clip) mean. Without a clip,
 * times are on the whole timeline; with one, they are within that clip and default to all of it.
 */
export function resolveRange(
  t: Timeline,
  args: { start_ms?: number | undefined; end_ms?: number | undefined; clip?: number | undefined },
): [number, number] {
  const d = requireContent(t);
  let origin = 0;
  let length = d;
  let what = `the timeline is ${formatLength(d)} long`;
  if (args.clip !== undefined) {
    requireClip(t, args.clip);
    const r = ownedRanges(t)[args.clip - 1]!;
    origin = r.start_ms;
    length = r.owned_end_ms - r.start_ms;
    what = `clip ${args.clip} is ${formatLength(length)} long`;
  }
  const start = args.start_ms ?? 0;
  const end = args.end_ms ?? length;
  if (start >= length) throw fail(`${what}; ${sec(start)} is past its end`);
  if (end > length) throw fail(`${what}; ${sec(end)} is past its end`);
  if (end <= start) throw fail(`the end (${sec(end)}) must come after the start (${sec(start)})`);
  return [origin + start, origin + end];
}

/** Drops the pieces in [a, b) (keep = false) or outside it (keep = true). */
function removeRange(t: Timeline, a: number, b: number, keep: boolean, what: string): Timeline {
  const pieces = splitAll(t, [a, b]);
  const inside = piecesWithin(pieces, a, b);
  const next: NextClip[] = [];
  pieces.clips.forEach((clip, j) => {
    if (inside[j] === keep) next.push({ clip, from: j });
  });
  if (next.length === 0) throw fail(`${what} would leave nothing: the timeline is ${formatLength(timelineDuration(t))} long`);
  if (next.length === pieces.clips.length) return t;
  return rebuild(pieces, next);
}

export function trim(t: Timeline, op: OperationOf<'trim'>): Timeline {
  const [a, b] = resolveRange(t, op);
  if (op.clip === undefined) return removeRange(t, a, b, true, `keeping ${sec(a)}–${sec(b)}`);
  // Trimming one clip keeps the other clips whole: drop the clip's pieces outside [a, b).
  const r = ownedRanges(t)[op.clip - 1]!;
  let out = t;
  if (b < r.owned_end_ms) out = removeRange(out, b, r.owned_end_ms, false, 'trimming');
  if (a > r.start_ms) out = removeRange(out, r.start_ms, a, false, 'trimming');
  return out;
}

export function cut(t: Timeline, op: OperationOf<'cut'>): Timeline {
  const [a, b] = resolveRange(t, op);
  return removeRange(t, a, b, false, `cutting ${sec(a)}–${sec(b)}`);
}

export function setDuration(t: Timeline, op: OperationOf<'set_duration'>): Timeline {
  const d = requireContent(t);
  if (op.duration_ms > d) {
    throw fail(
      `the timeline is ${formatLength(d)} long; it cannot be made ${sec(op.duration_ms)} long by trimming ` +
        '(slow it down with set_speed or add clips instead)',
    );
  }
  if (op.duration_ms === d) return t;
  return removeRange(t, 0, op.duration_ms, true, 'trimming');
}

export function split(t: Timeline, op: OperationOf<'split'>): Timeline {
  const d = requireContent(t);
  if (op.at_ms === 0) throw fail('0 s is the start of the video; split somewhere inside it');
  if (op.at_ms === d) throw fail(`${sec(d)} is the end of the video; split somewhere inside it`);
  if (op.at_ms > d) throw fail(`the timeline is ${formatLength(d)} long; ${sec(op.at_ms)} is past its end`);
  const ranges = ownedRanges(t);
  const boundary = ranges.findIndex((r) => r.start_ms === op.at_ms);
  if (boundary > 0) throw fail(`clips ${boundary} and ${boundary + 1} already meet at ${sec(op.at_ms)}`);
  const clips = splitClipsAt(t, op.at_ms);
  if (clips === t.clips) throw fail(`the clip at ${sec(op.at_ms)} is too short to split there`);
  return { ...t, clips };
}

export function setSpeed(t: Timeline, op: OperationOf<'set_speed'>): Timeline {
  const [a, b] = resolveRange(t, op);
  const pieces = splitAll(t, [a, b]);
  const inside = piecesWithin(pieces, a, b);
  const next = pieces.clips.map((clip, j) => ({ clip: inside[j] ? { ...clip, speed: op.factor } : clip, from: j }));
  if (next.every((n, j) => n.clip.speed === pieces.clips[j]!.speed)) return t;
  return rebuild(pieces, next);
}

export function reorder(t: Timeline, op: OperationOf<'reorder'>): Timeline {
  requireClip(t, op.clip);
  if (op.to > t.clips.length) {
    throw fail(`position ${op.to} does not exist: the timeline has ${t.clips.length} clips (use 1 to ${t.clips.length})`);
  }
  if (op.to === op.clip) return t;
  const next: NextClip[] = t.clips.map((clip, j) => ({ clip, from: j }));
  const [moved] = next.splice(op.clip - 1, 1);
  next.splice(op.to - 1, 0, moved!);
  return rebuild(t, next, { keepOverlaysInPlace: true });
}

export function deleteClip(t: Timeline, op: OperationOf<'delete_clip'>): Timeline {
  requireClip(t, op.clip);
  if (t.clips.length === 1) {
    throw fail('clip 1 is the only clip, and a video needs at least one (add_clip or select_media to change it)');
  }
  const next = t.clips.map((clip, j) => ({ clip, from: j })).filter((_, j) => j !== op.clip - 1);
  return rebuild(t, next);
}

export function addClip(t: Timeline, op: OperationOf<'add_clip'>): Timeline {
  const item = resolveMedia(t, op.media);
  const n = t.clips.length;
  const at = op.at ?? 'end';
  const index = at === 'end' ? n : at === 'start' ? 0 : at - 1;
  if (index > n) {
    throw fail(`position ${at} does not exist: the timeline has ${n} clip${n === 1 ? '' : 's'} (use 1 to ${n + 1})`);
  }
  const clip = clipFor(item, freshId('c', t.clips.map((c) => c.id)));
  const next: NextClip[] = t.clips.map((c, j) => ({ clip: c, from: j }));
  next.splice(index, 0, { clip, from: null });
  return rebuild(t, next);
}

/** A new timeline of one bin item, keeping the bin and the output format (not the cover). */
export function selectMedia(t: Timeline, op: OperationOf<'select_media'>): Timeline {
  const item = resolveMedia(t, op.media);
  return Timeline.parse({
    version: TIMELINE_VERSION,
    media: t.media,
    clips: [clipFor(item, 'c1')],
    format: { ...t.format, cover_ms: null },
  });
}
