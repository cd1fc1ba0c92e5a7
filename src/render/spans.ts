// Where each clip lands on the output, in whole output frames: the one unit video and audio are
// both cut to. The frame grid is anchored to the timeline's own clock (timeline/time.ts
// clipOutputRanges): each clip's edges are the timeline's millisecond edges rounded to the nearest
// frame, so rounding never builds up across cuts (a 10-clip edit ends on the frame the timeline
// says, not ten half-frames later) and titles and music placed in timeline time land on the
// frames that show what they were placed against.
import { ReelcutError } from '../errors.js';
import type { MediaInfo } from '../media/types.js';
import { clipOutputRanges } from '../timeline/time.js';
import type { Clip, Timeline } from '../timeline/schema.js';
import type { ClipSpan } from './plan.js';

/** Output frames a clip lasts on its own: its source length over its speed, at the output rate; at least 1. */
export function clipFrames(clip: Pick<Clip, 'in_ms' | 'out_ms' | 'speed'>, fps: number): number {
  return Math.max(1, Math.round((((clip.out_ms - clip.in_ms) / clip.speed) * fps) / 1000));
}

/** Milliseconds of `frames` output frames, rounded to the nearest millisecond. */
export function framesToMs(frames: number, fps: number): number {
  return Math.round((frames * 1000) / fps);
}

/** The output frame nearest to `ms` on the output timeline. */
export function msToFrame(ms: number, fps: number): number {
  return Math.round((ms * fps) / 1000);
}

/** One clip's place on the frame grid. */
export interface SpanFrames {
  /** First output frame of the clip. */
  start: number;
  /** Frames it lasts (at least 1). */
  frames: number;
  /** Frames it shares with the previous clip (a transition); 0 for the first clip and for cuts. */
  overlap: number;
}

/**
 * The clips of `t` on the frame grid of `fps`. Each join overlaps by the timeline's own overlap
 * (time.ts transitionOverlap: per join, limited by that join's two clips, none inside one
 * continuous shot), rounded to frames. Two guarantees the graph relies on:
 * - an overlap is never more than half of either clip's frames, so a clip's head and tail
 *   overlaps never meet (rounding could otherwise push one frame past the middle);
 * - a clip's end stays on the timeline's frame: when a cap shortens an overlap, the clip starts
 *   later instead, so the output still ends at round(timelineDuration × fps / 1000).
 * Only a clip shorter than half a frame moves the grid: it still gets its one frame.
 */
export function layoutFrames(t: Pick<Timeline, 'clips' | 'transition'>, fps: number): SpanFrames[] {
  const out: SpanFrames[] = [];
  let prevEnd = 0;
  let prevFrames = 0;
  for (const r of clipOutputRanges(t)) {
    const wantedEnd = msToFrame(r.end_ms, fps);
    // A cut or a continuation butts against the previous clip exactly: no gap, no overlap.
    const wantedOverlap = out.length > 0 && r.overlap_ms > 0 ? Math.max(0, prevEnd - msToFrame(r.start_ms, fps)) : 0;
    // Half of the previous clip at most; and no more than this clip has after the previous one
    // ends, which is the same as half of this clip's frames once the overlap is taken.
    const overlap = Math.max(0, Math.min(wantedOverlap, Math.floor(prevFrames / 2), wantedEnd - prevEnd));
    const start = prevEnd - overlap;
    const end = Math.max(wantedEnd, start + 1);
    out.push({ start, frames: end - start, overlap });
    prevEnd = end;
    prevFrames = end - start;
  }
  return out;
}

/**
 * The clips as output spans. Clip i reads ffmpeg input i. A span with `overlap_frames` > 0 starts
 * that many frames before the previous one ends: the two share those frames in a transition.
 */
export function computeSpans(t: Pick<Timeline, 'clips' | 'transition'>, media: Map<string, MediaInfo>, fps: number): ClipSpan[] {
  const grid = layoutFrames(t, fps);
  return t.clips.map((clip, index) => {
    const info = media.get(clip.media_id);
    if (!info) {
      throw new ReelcutError(
        'FILE_NOT_FOUND',
        `Clip ${index + 1} uses media "${clip.media_id}", which was not found or not probed. Add the file again.`,
        { clip: index + 1, media_id: clip.media_id },
      );
    }
    const g = grid[index]!;
    return {
      index,
      input: index,
      media: info,
      in_ms: clip.in_ms,
      out_ms: clip.out_ms,
      speed: clip.speed,
      start_ms: framesToMs(g.start, fps),
      duration_ms: framesToMs(g.frames, fps),
      frames: g.frames,
      overlap_frames: g.overlap,
    };
  });
}

/** Frames a span shares with the previous one (0 for the first span and for cuts). */
export function overlapOf(span: ClipSpan): number {
  return span.index > 0 ? (span.overlap_frames ?? 0) : 0;
}

/** Total output frames of spans laid out by computeSpans: each span's frames less its overlap. */
export function totalFrames(spans: ClipSpan[]): number {
  return spans.reduce((sum, s) => sum + s.frames - overlapOf(s), 0);
}
