import type { FfmpegCapabilities } from '../../src/media/ffmpeg-types.js';

/** Everything reelcut can use: what Debian's ffmpeg 5.1 has. */
export const ALL_CAPS: Readonly<FfmpegCapabilities> = {
  libx264: true,
  libass: true,
  drawtext: true,
  xfade: true,
  loudnorm: true,
  zscale: true,
  tonemap: true,
  vidstab: true,
  ebur128: true,
};
