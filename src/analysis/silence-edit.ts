// From silences heard in each clip's media to `cut` operations on the output timeline. Pure: the
// measuring is in prepare-remove-silence.ts.
import type { OperationOf } from '../operations/schemas.js';
import { clipOutputRanges, outputTime, type Timeline } from '../timeline/index.js';
import { silenceCuts, type Pause } from './silence-regions.js';
import type { TimeRange } from './types.js';

export interface SilenceEditOptions {
  /** Pause kept at each side of a cut where a silence does not say, in output ms. */
  paddingMs: number;
  /** One output frame (1000 / fps): cut ends land on frame boundaries. */
  frameMs: number;
}

type CutOp = OperationOf<'cut'>;

/**
 * The cuts that remove `silences` (media ms, by clip index) from the output, last first: each cut
 * then leaves the positions of the ones still to come untouched (media times placed by
 * `outputTime`). Only the part of a clip that
 * shows alone is cut: a transition's overlap belongs to both clips and is left as it is.
 */
export function silenceCutOperations(
  timeline: Pick<Timeline, 'clips' | 'transition'>,
  silences: ReadonlyMap<number, readonly Pause[]>,
  opts: SilenceEditOptions,
): CutOp[] {
  const ranges = clipOutputRanges(timeline);
  const snap = (ms: number) => Math.round(Math.round(ms / opts.frameMs) * opts.frameMs);
  const cuts: TimeRange[] = [];
  for (const r of ranges) {
    const heard = silences.get(r.index);
    if (!heard?.length) continue;
    const from = r.start_ms + r.overlap_ms;
    const to = ranges[r.index + 1]?.start_ms ?? r.end_ms;
    if (to <= from) continue;
    const local: Pause[] = [];
    for (const s of heard) {
      const a = Math.max(from, outputTime(r, s.start_ms));
      const b = Math.min(to, outputTime(r, s.end_ms));
      if (b <= a) continue;
      // What a pause keeps is media time: at 2x speed it plays in half the output time.
      const pause: Pause = { start_ms: a - from, end_ms: b - from };
      if (s.keepStartMs !== undefined) pause.keepStartMs = s.keepStartMs / r.clip.speed;
      if (s.keepEndMs !== undefined) pause.keepEndMs = s.keepEndMs / r.clip.speed;
      local.push(pause);
    }
    // Local times run from the clip's first frame seen alone, so a pause that opens or closes the
    // clip is cut whole (no speech there to lead into or out of).
    for (const c of silenceCuts(local, { paddingMs: opts.paddingMs, frameMs: opts.frameMs, durationMs: to - from })) {
      const start_ms = c.start_ms <= 0 ? from : Math.max(from, snap(from + c.start_ms));
      const end_ms = c.end_ms >= to - from ? to : Math.min(to, snap(from + c.end_ms));
      if (end_ms > start_ms) cuts.push({ start_ms, end_ms });
    }
  }
  return cuts.sort((a, b) => b.start_ms - a.start_ms).map((c) => ({ op: 'cut', start_ms: c.start_ms, end_ms: c.end_ms }));
}
