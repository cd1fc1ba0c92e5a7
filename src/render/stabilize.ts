// Stabilising shaky clips with libvidstab's two passes. Pass 1 (vidstabdetect) reads exactly the
// frames the render will show of a clip (same seek, same length, same timing chain) and writes
// their motion to a .trf file; pass 2 (vidstabtransform, inside the render's graph) smooths it.
// Frame numbers in the .trf file are positions in that chain, which is why the detect pass must
// run the very same timing filters. Transforms are cached by what they depend on, so a re-export
// after another edit (music, captions) does not analyse the footage again.
import { createHash } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ReelcutError } from '../errors.js';
import type { FfmpegInfo } from '../media/ffmpeg-types.js';
import type { MediaInfo } from '../media/types.js';
import { cacheDir } from '../music/index.js';
import type { Timeline } from '../timeline/schema.js';
import { filter } from './filtergraph.js';
import type { ClipSpan } from './plan.js';
import { runFfmpeg } from './run.js';
import { computeSpans } from './spans.js';
import { clipInput, videoTiming } from './clip-timing.js';

/** libvidstab's knobs for a 0..1 strength: how shaky it assumes the footage is, how long it smooths. */
export function stabilizeSettings(strength: number, fps: number): { shakiness: number; accuracy: number; smoothing: number } {
  const s = Math.min(1, Math.max(0, strength));
  return { shakiness: Math.round(1 + s * 9), accuracy: 15, smoothing: Math.max(1, Math.round((0.3 + s * 1.2) * fps)) };
}

/** Pass 1 for one clip: its input arguments, its timing chain, then the motion detection. */
export function stabilizeDetectArgs(span: ClipSpan, fps: number, strength: number, trfPath: string): string[] {
  const { shakiness, accuracy } = stabilizeSettings(strength, fps);
  const input = clipInput(span);
  const chain = [...videoTiming(span, fps), filter('vidstabdetect', { result: trfPath, shakiness, accuracy })].join(',');
  return ['-hide_banner', '-nostdin', '-y', ...input.before, '-i', input.path, '-map', `0:${span.media.video!.index}`, '-vf', chain, '-an', '-f', 'null', '-'];
}

/** Pass 2, placed right after the clip's timing chain. optzoom keeps the frame filled: no black edges. */
export function stabilizeTransformFilter(trfPath: string, strength: number, fps: number): string {
  return filter('vidstabtransform', { input: trfPath, smoothing: stabilizeSettings(strength, fps).smoothing, optzoom: 1, interpol: 'bicubic' });
}

/** The .trf file of each video clip (by its index on the track), analysed once and cached. */
export async function ensureStabilizeTransforms(
  timeline: Timeline,
  media: Map<string, MediaInfo>,
  ff: FfmpegInfo,
  opts: { signal?: AbortSignal; dir?: string } = {},
): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (!timeline.stabilize) return out;
  if (!ff.caps.vidstab) {
    throw new ReelcutError(
      'FFMPEG_MISSING',
      `Stabilizing needs an ffmpeg built with libvidstab, and ${ff.ffmpeg} (${ff.version}) has none. Debian/Ubuntu's ffmpeg has it (sudo apt-get install ffmpeg); point REELCUT_FFMPEG at such a build, or undo the stabilize step.`,
    );
  }
  const strength = timeline.stabilize.strength;
  const fps = timeline.format.fps;
  const dir = opts.dir ?? join(cacheDir(), 'stabilize');
  await mkdir(dir, { recursive: true });
  for (const span of computeSpans(timeline, media, fps)) {
    if (span.media.kind === 'image' || !span.media.video) continue;
    const file = await stat(span.media.path);
    const key = createHash('sha256')
      .update(JSON.stringify([span.media.path, file.size, file.mtimeMs, span.in_ms, span.out_ms, span.speed, span.frames, fps, stabilizeSettings(strength, fps)]))
      .digest('hex')
      .slice(0, 32);
    const trf = join(dir, `${key}.trf`);
    const done = await stat(trf).then(() => true, () => false);
    if (!done) {
      // Written under a temporary name and renamed: a cancelled pass never leaves a half file to reuse.
      const tmp = join(dir, `${key}.${process.pid}.partial.trf`);
      try {
        await runFfmpeg({ ffmpeg: ff.ffmpeg, args: stabilizeDetectArgs(span, fps, strength, tmp), durationMs: span.out_ms - span.in_ms, ...(opts.signal ? { signal: opts.signal } : {}) });
        await rename(tmp, trf);
      } finally {
        await rm(tmp, { force: true });
      }
    }
    out.set(span.index, trf);
  }
  return out;
}
