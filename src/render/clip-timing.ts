// How a clip's frames are read and timed in every pass that reads them (the render, and the
// stabilizer's motion analysis, whose frame numbers must match the render's).
import { filter, formatNumber, seconds } from './filtergraph.js';
import type { ClipSpan, PlanInput } from './plan.js';

/** Timing of a video clip: restart at 0, change speed, resample to the output rate, cut to its frames. */
export function videoTiming(span: Pick<ClipSpan, 'speed' | 'frames'>, fps: number): string[] {
  return [
    filter('setpts', { expr: span.speed === 1 ? 'PTS-STARTPTS' : `(PTS-STARTPTS)/${formatNumber(span.speed)}` }),
    filter('fps', { fps }),
    // A source that ends a little early (last frame's length, a short file) repeats its last frame.
    filter('tpad', { stop_mode: 'clone', stop: -1 }),
    filter('trim', { end_frame: span.frames }),
  ];
}

/**
 * One input per clip, already seeked: fast input seeking (`-ss` before `-i`, frame-accurate
 * when re-encoding) reading only the source span (`-t`). Autorotate is off: the graph applies the
 * probed rotation itself, exactly once. A still is read once (one picture; the graph repeats it).
 */
export function clipInput(span: ClipSpan): PlanInput {
  if (span.media.kind === 'image') return { path: span.media.path, before: ['-noautorotate'] };
  return {
    path: span.media.path,
    before: ['-noautorotate', '-ss', seconds(span.in_ms), '-t', seconds(span.out_ms - span.in_ms)],
  };
}

