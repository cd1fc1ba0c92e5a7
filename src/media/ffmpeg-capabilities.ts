// Reading what an ffmpeg build is and can do from its own listings (`-version`, `-filters`,
// `-encoders`). Pure text parsing, so every build's quirks can be pinned in tests.
import type { FfmpegCapabilities } from './ffmpeg-types.js';

export interface ParsedVersion {
  version: string;
  major: number;
}

// Snapshot builds ("N-47683-g0e8eb07980-static") carry no release number; libavutil's major
// version moves once per ffmpeg major release, so it tells us which ffmpeg the snapshot is.
const FFMPEG_MAJOR_BY_LIBAVUTIL: Record<number, number> = { 54: 2, 55: 3, 56: 4, 57: 5, 58: 6, 59: 7, 60: 8 };

/** Version from `ffmpeg -version` (or `ffprobe -version`) output. */
export function parseVersion(text: string): ParsedVersion {
  const token = /\bversion\s+(\S+)/.exec(text)?.[1] ?? 'unknown';
  const release = /^n?(\d+(?:\.\d+)+)/.exec(token);
  if (release) {
    const version = release[1]!;
    return { version, major: Number(version.split('.')[0]) };
  }
  const avutil = /libavutil\s+(\d+)\./.exec(text);
  const major = avutil ? FFMPEG_MAJOR_BY_LIBAVUTIL[Number(avutil[1])] ?? 0 : 0;
  return { version: token, major };
}

/** Names listed by `-filters`, `-encoders`, `-decoders`...: the word after the flags column. */
export function parseListing(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    // Legend lines ("  T.. = Timeline support", " V..... = Video") share the flags shape.
    if (line.includes(' = ')) continue;
    const m = /^\s*[A-Z.|]{3,6}\s+(\S+)/.exec(line);
    if (m) names.add(m[1]!);
  }
  return names;
}

export function capabilitiesFrom(filters: Set<string>, encoders: Set<string>): FfmpegCapabilities {
  return {
    libx264: encoders.has('libx264'),
    libass: filters.has('ass'),
    drawtext: filters.has('drawtext'),
    xfade: filters.has('xfade'),
    loudnorm: filters.has('loudnorm'),
    zscale: filters.has('zscale'),
    tonemap: filters.has('tonemap'),
    vidstab: filters.has('vidstabdetect') && filters.has('vidstabtransform'),
    ebur128: filters.has('ebur128'),
  };
}
