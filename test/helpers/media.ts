// Test-side media helpers: generate fixtures with the real ffmpeg and measure outputs with
// ffprobe and filters. Fixtures are generated, never committed.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const FFMPEG = process.env.REELCUT_FFMPEG ?? 'ffmpeg';
export const FFPROBE = process.env.REELCUT_FFPROBE ?? 'ffprobe';

export function tempDir(prefix = 'reelcut-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A per-run cache so several test files share expensive fixtures. */
export function fixtureDir(): string {
  const dir = join(tmpdir(), `reelcut-fixtures-${process.ppid}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function ffmpeg(args: string[]): string {
  return execFileSync(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-y', ...args], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
}

/** ffmpeg for measurement filters that print to stderr; returns stderr. */
export function ffmpegStderr(args: string[]): string {
  const r = spawnSync(FFMPEG, ['-hide_banner', '-nostats', ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`ffmpeg failed: ${r.stderr.slice(-500)}`);
  return r.stderr;
}

export interface ProbeStream {
  codec_type: string;
  codec_name: string;
  profile?: string;
  width?: number;
  height?: number;
  pix_fmt?: string;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  sample_rate?: string;
  channels?: number;
  start_time?: string;
  duration?: string;
  color_primaries?: string;
  color_transfer?: string;
  color_space?: string;
  nb_frames?: string;
  side_data_list?: Array<Record<string, unknown>>;
  tags?: Record<string, string>;
}

export function probe(path: string): { streams: ProbeStream[]; format: { duration: string; format_name: string; size: string } } {
  const out = execFileSync(FFPROBE, ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', path], {
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

export function videoStream(path: string): ProbeStream {
  const s = probe(path).streams.find((x) => x.codec_type === 'video');
  if (!s) throw new Error(`${path} has no video stream`);
  return s;
}

export function audioStream(path: string): ProbeStream | undefined {
  return probe(path).streams.find((x) => x.codec_type === 'audio');
}

/** RGB of one pixel of the frame at `atSeconds`. */
export function pixelAt(path: string, atSeconds: number, x: number, y: number): [number, number, number] {
  const buf = execFileSync(
    FFMPEG,
    ['-v', 'error', '-ss', String(atSeconds), '-i', path, '-frames:v', '1', '-vf', `crop=1:1:${x}:${y},format=rgb24`, '-f', 'rawvideo', '-'],
    { maxBuffer: 1024 * 1024 },
  );
  return [buf[0]!, buf[1]!, buf[2]!];
}

/** Mean luma (0-255) of a rectangle of the frame at `atSeconds`. */
export function meanLuma(path: string, atSeconds: number, rect: { x: number; y: number; w: number; h: number }): number {
  const buf = execFileSync(
    FFMPEG,
    [
      '-v', 'error', '-ss', String(atSeconds), '-i', path, '-frames:v', '1',
      '-vf', `crop=${rect.w}:${rect.h}:${rect.x}:${rect.y},format=gray`, '-f', 'rawvideo', '-',
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  let sum = 0;
  for (const v of buf) sum += v;
  return sum / buf.length;
}

/** Integrated loudness (LUFS) and true peak (dBTP) by the ebur128 filter. */
export function loudnessOf(path: string, extraFilter = ''): { lufs: number; truePeak: number } {
  const args = ['-hide_banner', '-nostats', '-i', path, '-map', '0:a:0', '-af', `${extraFilter}ebur128=peak=true`, '-f', 'null', '-'];
  const r = spawnSync(FFMPEG, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`ebur128 failed on ${path}: ${r.stderr.slice(-500)}`);
  const summary = r.stderr.slice(r.stderr.lastIndexOf('Summary:'));
  const lufs = Number(/I:\s+(-?[\d.]+) LUFS/.exec(summary)?.[1] ?? NaN);
  const truePeak = Number(/Peak:\s+(-?[\d.]+) dBFS/.exec(summary)?.[1] ?? NaN);
  return { lufs, truePeak };
}

export function exists(p: string): boolean {
  return existsSync(p);
}

/**
 * A clip of three horizontal colour bands (top, middle, bottom) with a sine tone: a picture
 * whose every region has a known colour, for reading crops and pads back as pixels.
 */
export function writeBandsClip(
  out: string,
  opts: { width: number; heights: [number, number, number]; colours: [string, string, string]; seconds: number; toneHz: number; encoder?: string[] },
): string {
  const [top, mid, bottom] = opts.heights;
  const [c1, c2, c3] = opts.colours;
  const band = (c: string, h: number) => ['-f', 'lavfi', '-i', `color=c=${c}:s=${opts.width}x${h}:r=30:d=${opts.seconds}`];
  ffmpeg([
    ...band(c1, top),
    ...band(c2, mid),
    ...band(c3, bottom),
    '-f', 'lavfi', '-i', `sine=frequency=${opts.toneHz}:sample_rate=48000:duration=${opts.seconds}`,
    '-filter_complex', '[0:v][1:v][2:v]vstack=inputs=3,format=yuv420p[v]',
    '-map', '[v]', '-map', '3:a', ...(opts.encoder ?? ['-c:v', 'libx264', '-preset', 'ultrafast']), '-c:a', 'aac', '-shortest', out,
  ]);
  return out;
}
