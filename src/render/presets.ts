// Instagram's formats and the encoder settings that produce an upload Instagram takes as-is
// (see docs INSTAGRAM.md). Pure: sizes and argv fragments from a timeline's format and the
// ffmpeg at hand.
import type { FfmpegInfo } from '../media/ffmpeg-types.js';
import { even, frameSize } from '../timeline/format.js';

export { even };

/**
 * The output size for a format and a "resolution" (`height`: the short side, as "720p" means;
 * 1.91:1 scales from 1080×566). The timeline owns the rule (timeline/format.ts) so the
 * description of an operation and the render can never disagree about a size.
 */
export const presetSize = frameSize;

export type Quality = 'high' | 'draft';

/**
 * x264 settings per quality. The budget for 'high' is ≥ 5× realtime on 2 cores at SSIM ≥ 0.97
 * against lossless. Measured on 2 EPYC cores, 10 s of 1080×1920 30 fps test pattern with
 * sensor-like noise, CPU seconds (encode alone → frames/s on 2 cores; SSIM; bitrate):
 *   ultrafast crf 21: 151 fps, 0.987, 13 Mb/s (at the 12M cap)   superfast crf 21: 67–72 fps, 0.986
 *   veryfast crf 21:   49 fps, 0.985, 7 Mb/s                      faster crf 20:    25 fps, 0.987
 * Only ultrafast keeps the encoder inside the budget (a whole render, decode and audio
 * included, ran at 2.7× realtime with it, 1.2× with veryfast), and all of them clear the SSIM
 * floor, so 'high' is ultrafast; the 12 Mb/s cap bounds its size. ultrafast alone signals
 * Constrained Baseline; the 8×8 transform (free at this speed) makes it the High profile
 * Instagram's spec and `reelcut check` expect. 'draft' is the same speed, smaller.
 */
export const X264: Readonly<Record<Quality, { preset: string; crf: number; extra: readonly string[] }>> = {
  high: { preset: 'ultrafast', crf: 21, extra: ['-8x8dct', '1'] },
  draft: { preset: 'ultrafast', crf: 28, extra: ['-8x8dct', '1'] },
};

/** ffmpeg's release as [major, minor], from FfmpegInfo (git builds without a number: treat as new). */
function release(ff: FfmpegInfo): [number, number] {
  const m = /^(\d+)\.(\d+)/.exec(ff.version);
  if (m) return [Number(m[1]), Number(m[2])];
  return [ff.major, 0];
}

/** `-fps_mode` arrived in ffmpeg 5.1; older builds (the bundled 4.x) only know `-vsync`. */
export function constantFrameRateArgs(ff: FfmpegInfo): string[] {
  const [major, minor] = release(ff);
  return major > 5 || (major === 5 && minor >= 1) ? ['-fps_mode', 'cfr'] : ['-vsync', 'cfr'];
}

/**
 * Everything after the maps: H.264 High yuv420p with a closed 2-second GOP, BT.709 tags,
 * AAC-LC 48 kHz stereo, moov first, no edit list, no metadata carried over from the sources
 * (which is also what drops any rotation tag: the picture is already upright).
 */
export function outputArgs(ff: FfmpegInfo, fps: number, quality: Quality = 'high'): string[] {
  return [...videoEncodeArgs(ff, fps, quality), ...audioAndMuxArgs()];
}

/** H.264 High yuv420p with a closed 2-second GOP and BT.709 tags. */
export function videoEncodeArgs(ff: FfmpegInfo, fps: number, quality: Quality = 'high'): string[] {
  const x = X264[quality];
  const gop = String(2 * fps);
  return [
    '-c:v', 'libx264',
    '-preset', x.preset,
    '-crf', String(x.crf),
    ...x.extra,
    '-profile:v', 'high',
    '-pix_fmt', 'yuv420p',
    '-maxrate', '12M',
    '-bufsize', '24M',
    '-g', gop,
    '-keyint_min', gop,
    '-sc_threshold', '0',
    '-flags', '+cgop',
    '-r', String(fps),
    ...constantFrameRateArgs(ff),
    '-color_primaries', 'bt709',
    '-color_trc', 'bt709',
    '-colorspace', 'bt709',
    '-color_range', 'tv',
  ];
}

/**
 * AAC-LC 48 kHz stereo at 192 kbps (the top of Instagram's range); moov first, no edit list,
 * nothing carried over from the sources. Intensity stereo is off: on the near-mono mixes phone
 * audio makes (a mono mic, mono music), ffmpeg's encoder used it at 160k to put one channel
 * 3.8 dB over the limited mix's true peak (−3.4 → +0.4 dBTP, failing the −1 dBTP check); at
 * 192k without it the same mix came out at −3.3.
 */
export function audioAndMuxArgs(): string[] {
  return [
    '-c:a', 'aac',
    '-b:a', '192k',
    '-aac_is', '0',
    '-ar', '48000',
    '-ac', '2',
    '-map_metadata', '-1',
    '-map_chapters', '-1',
    '-metadata:s:v:0', 'rotate=0',
    // moov first; negative composition offsets let the first frame show at 0 without an edit
    // list (B-frames would otherwise push video's start two frames after audio's).
    '-movflags', '+faststart+negative_cts_offsets',
    '-use_editlist', '0',
    '-f', 'mp4',
  ];
}
