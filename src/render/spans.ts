// Where each clip lands on the output, in whole output frames: the one unit video and audio are
// both cut to, so no rounding error can build up across cuts (a 10-clip edit drifts by zero
// frames, not by ten half-frames).
import { ReelcutError } from '../errors.js';
import type { MediaInfo } from '../media/types.js';
import type { Clip } from '../timeline/schema.js';
import type { ClipSpan } from './plan.js';

/** Output frames a clip lasts: its source length over its speed, at the output rate; at least 1. */
export function clipFrames(clip: Pick<Clip, 'in_ms' | 'out_ms' | 'speed'>, fps: number): number {
  return Math.max(1, Math.round((((clip.out_ms - clip.in_ms) / clip.speed) * fps) / 1000));
}

/** Milliseconds of `frames` output frames, rounded to the nearest millisecond. */
export function framesToMs(frames: number, fps: number): number {
  return Math.round((frames * 1000) / fps);
}

/**
 * Frames two neighbouring clips overlap for a transition of `duration_ms`: never more than half
 * of the shortest clip, so every clip keeps a moment on its own. 0 means hard cuts.
 */
export function transitionFrames(duration_ms: number, fps: number, clipFrameCounts: number[]): number {
  if (clipFrameCounts.length < 2 || duration_ms <= 0) return 0;
  const wanted = Math.round((duration_ms * fps) / 1000);
  const shortest = Math.min(...clipFrameCounts);
  return Math.max(0, Math.min(wanted, Math.floor(shortest / 2)));
}

/**
 * The clips as output spans. Clip i reads ffmpeg input i. With `overlapFrames` > 0 (transitions
 * drawn as overlaps) each clip starts that many frames before the previous one ends, so the
 * overlap with the previous clip is `prev.start + prev.duration - start`.
 */
export function computeSpans(clips: Clip[], media: Map<string, MediaInfo>, fps: number, overlapFrames = 0): ClipSpan[] {
  const spans: ClipSpan[] = [];
  let startFrame = 0;
  clips.forEach((clip, index) => {
    const info = media.get(clip.media_id);
    if (!info) {
      throw new ReelcutError(
        'FILE_NOT_FOUND',
        `Clip ${index + 1} uses media "${clip.media_id}", which was not found or not probed. Add the file again.`,
        { clip: index + 1, media_id: clip.media_id },
      );
    }
    const frames = clipFrames(clip, fps);
    spans.push({
      index,
      input: index,
      media: info,
      in_ms: clip.in_ms,
      out_ms: clip.out_ms,
      speed: clip.speed,
      start_ms: framesToMs(startFrame, fps),
      duration_ms: framesToMs(frames, fps),
      frames,
    });
    startFrame += frames - overlapFrames;
  });
  return spans;
}

/** Total output frames of spans laid end to end with `overlapFrames` between neighbours. */
export function totalFrames(spans: ClipSpan[], overlapFrames = 0): number {
  if (spans.length === 0) return 0;
  return spans.reduce((sum, s) => sum + s.frames, 0) - overlapFrames * (spans.length - 1);
}
