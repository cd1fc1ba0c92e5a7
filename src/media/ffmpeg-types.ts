// The ffmpeg a render uses and what it can do; found once per process (see ffmpeg.ts).

export interface FfmpegCapabilities {
  libx264: boolean;
  libass: boolean;
  drawtext: boolean;
  xfade: boolean;
  loudnorm: boolean;
  zscale: boolean;
  tonemap: boolean;
  vidstab: boolean;
  ebur128: boolean;
}

export interface FfmpegInfo {
  ffmpeg: string; // absolute path or command name
  ffprobe: string;
  /** Where it was found: env var, PATH, or the npm-bundled static build. */
  source: 'env' | 'path' | 'bundled';
  version: string; // e.g. "5.1.9"
  major: number;
  caps: FfmpegCapabilities;
}
