// From the music's beat times to trims that put every join between clips on a beat. Pure: the
// listening is in prepare-beat-sync.ts.
import type { OperationOf } from '../operations/schemas.js';
import { apply, clipLength, clipOutputRanges, type ClipRange, type Timeline } from '../timeline/index.js';

type TrimOp = OperationOf<'trim'>;

/**
 * Beats of a strictly periodic track (a bundled piece) over [fromMs, toMs): the detected beats
 * give the phase, the track's known tempo the spacing. The tracker misses beats at a file's very
 * edges, and a loop repeats, so the grid fills in what one pass over one loop cannot hear.
 */
export function beatGrid(detected: readonly number[], periodMs: number, fromMs: number, toMs: number): number[] {
  if (detected.length === 0 || !(periodMs > 0)) return [];
  // The circular mean of the beats' offsets within a period: robust to a beat read just after 0.
  let x = 0;
  let y = 0;
  for (const b of detected) {
    const angle = (2 * Math.PI * b) / periodMs;
    x += Math.cos(angle);
    y += Math.sin(angle);
  }
  const phase = ((Math.atan2(y, x) / (2 * Math.PI)) * periodMs + periodMs) % periodMs;
  const grid: number[] = [];
  for (let k = Math.ceil((fromMs - phase) / periodMs); phase + k * periodMs < toMs; k++) grid.push(Math.round(phase + k * periodMs));
  return grid;
}

/** Beats of a file that may play more than once: `beats` (within one play of `playMs`) repeated up to `toMs`. */
export function repeatBeats(beats: readonly number[], playMs: number, toMs: number): number[] {
  if (!(playMs > 0)) return [...beats];
  const out: number[] = [];
  for (let offset = 0; offset < toMs; offset += playMs) {
    for (const b of beats) if (b < playMs && offset + b < toMs) out.push(offset + b);
  }
  return out;
}

export interface BeatSyncOptions {
  /** No clip is trimmed shorter than this. */
  minClipMs: number;
  /** A join this close to a beat is left where it is. */
  toleranceMs: number;
}

/**
 * Trims (one per join that moves) that end each clip on a beat, first join first: a trim moves
 * every later join, so each is decided on the timeline the trims before it left. No operation
 * lengthens a clip, so a join moves to the latest beat at or before it (never more than one beat
 * back); a join whose clip would get shorter than `minClipMs` stays. With a transition the join
 * is the middle of its overlap, where the picture is half one clip and half the other.
 * `beats` are output times, ascending.
 */
export function beatSyncOperations(timeline: Timeline, beats: readonly number[], opts: BeatSyncOptions): TrimOp[] {
  const ops: TrimOp[] = [];
  let t = timeline;
  for (let k = 0; k + 1 < t.clips.length; k++) {
    const ranges = clipOutputRanges(t);
    const here = ranges[k]!;
    const next = ranges[k + 1]!;
    const join = joinTime(next);
    if (beats.some((b) => Math.abs(b - join) <= opts.toleranceMs)) continue;
    const room = clipLength(here.clip) - opts.minClipMs;
    const beat = latestAtOrBefore(beats, join);
    if (beat === undefined || join - beat > room) continue;
    // `trim` with a clip counts from the clip's start over the span it owns (until the next clip starts).
    const end_ms = next.start_ms - (join - beat) - here.start_ms;
    if (end_ms <= 0) continue;
    const op: TrimOp = { op: 'trim', clip: k + 1, end_ms };
    t = apply(t, op);
    ops.push(op);
  }
  return ops;
}

/** Where a clip joins the one before it: the middle of a transition's overlap (half one clip, half the other), or the cut. */
function joinTime(r: ClipRange): number {
  return r.start_ms + Math.round(r.overlap_ms / 2);
}

/** Output times of the joins of `timeline` more than `toleranceMs` from every beat. */
export function offBeatJoins(timeline: Timeline, beats: readonly number[], toleranceMs: number): number[] {
  const ranges = clipOutputRanges(timeline);
  return ranges
    .slice(1)
    .map(joinTime)
    .filter((join) => !beats.some((b) => Math.abs(b - join) <= toleranceMs));
}

function latestAtOrBefore(sorted: readonly number[], at: number): number | undefined {
  let found: number | undefined;
  for (const b of sorted) {
    if (b > at) break;
    found = b;
  }
  return found;
}
