// The measurements `check` makes with ffprobe and ffmpeg: stream metadata, the video stream's
// packet timing (read without decoding), and the audio's EBU R128 loudness. The spawning lives in
// `runTool`; everything that reads the tools' output is a pure function, tested on its own.
import { spawn } from 'node:child_process';
import { ReelcutError } from '../errors.js';

export interface ToolOutput {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a tool with an argv array (no shell) and collects its output. */
export function runTool(bin: string, args: string[]): Promise<ToolOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') {
        reject(
          new ReelcutError(
            'FFMPEG_MISSING',
            `${bin} was not found. Install ffmpeg (it includes ffprobe) or point REELCUT_FFMPEG / REELCUT_FFPROBE at it.`,
            { bin },
          ),
        );
      } else reject(e);
    });
    child.on('close', (code) =>
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
  });
}

// ---------------------------------------------------------------------------------------------
// Stream metadata and packets (one ffprobe run)

/** The subset of ffprobe's JSON that check reads. */
export interface ProbeJson {
  streams?: ProbeStreamJson[];
  packets?: ProbePacketJson[];
  format?: { format_name?: string; duration?: string; size?: string; bit_rate?: string };
}

export interface ProbePacketJson {
  stream_index?: number;
  pts_time?: string;
  dts_time?: string;
  flags?: string;
}

export interface ProbeStreamJson {
  index: number;
  codec_type?: string;
  codec_name?: string;
  profile?: string;
  width?: number;
  height?: number;
  pix_fmt?: string;
  field_order?: string;
  sample_aspect_ratio?: string;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  color_primaries?: string;
  color_transfer?: string;
  color_space?: string;
  color_range?: string;
  sample_rate?: string;
  channels?: number;
  channel_layout?: string;
  bit_rate?: string;
  start_time?: string;
  duration?: string;
  disposition?: { attached_pic?: number };
  tags?: Record<string, string>;
  side_data_list?: Array<{ side_data_type?: string; rotation?: number }>;
}

/**
 * One ffprobe run for everything but loudness: format, streams, and every packet's timing and
 * keyframe flag (packets are read, never decoded, so this stays fast on long files).
 */
export async function probeWithPackets(ffprobe: string, path: string): Promise<ProbeJson> {
  const r = await runTool(ffprobe, [
    '-v', 'error',
    '-show_format', '-show_streams',
    '-show_entries', 'packet=stream_index,pts_time,dts_time,flags',
    '-of', 'json',
    path,
  ]);
  if (r.code !== 0) {
    throw new ReelcutError('UNSUPPORTED_MEDIA', `${path}: ffprobe cannot read it as media (${lastLine(r.stderr)}). Is it a video file?`, {
      file: path,
    });
  }
  try {
    return JSON.parse(r.stdout) as ProbeJson;
  } catch {
    throw new ReelcutError('FFMPEG_FAILED', `ffprobe printed unreadable JSON for ${path}; try another ffprobe build.`, { file: path });
  }
}

/** The picture stream: the first video stream that is not cover art (an attached picture). */
export function mainVideoStream(probe: ProbeJson): ProbeStreamJson | null {
  return probe.streams?.find((s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1) ?? null;
}

export function firstAudioStream(probe: ProbeJson): ProbeStreamJson | null {
  return probe.streams?.find((s) => s.codec_type === 'audio') ?? null;
}

/** "30000/1001" → 29.97; null for "0/0" or junk. */
export function parseRational(text: string | undefined): number | null {
  if (!text) return null;
  const [n, d] = text.split(/[/:]/).map(Number);
  if (n === undefined || !Number.isFinite(n)) return null;
  if (d === undefined) return n;
  if (!Number.isFinite(d) || d === 0 || n === 0) return null;
  return n / d;
}

export function parseNumber(text: string | number | undefined): number | null {
  if (text === undefined || text === 'N/A' || text === '') return null;
  const v = Number(text);
  return Number.isFinite(v) ? v : null;
}

/** Clockwise quarter turns a player applies, from the display matrix or the legacy rotate tag. */
export function rotationOf(s: ProbeStreamJson): 0 | 90 | 180 | 270 {
  const matrix = s.side_data_list?.find((d) => typeof d.rotation === 'number');
  const raw = matrix?.rotation !== undefined ? -matrix.rotation : Number(s.tags?.rotate ?? 0);
  const quarter = (((Math.round(raw / 90) * 90) % 360) + 360) % 360;
  return quarter as 0 | 90 | 180 | 270;
}

/** Size as shown: sample aspect applied, then rotation. */
export function displaySize(s: ProbeStreamJson): { width: number; height: number } {
  const w = s.width ?? 0;
  const h = s.height ?? 0;
  const sar = parseRational(s.sample_aspect_ratio) ?? 1;
  const dw = sar > 0 && sar !== 1 ? Math.round(w * sar) : w;
  const rot = rotationOf(s);
  return rot === 90 || rot === 270 ? { width: h, height: dw } : { width: dw, height: h };
}

// ---------------------------------------------------------------------------------------------
// Packet timing

export interface PacketSample {
  /** Seconds; null when the container gives none. */
  pts: number | null;
  dts: number | null;
  key: boolean;
}

/** One stream's packets, in file (decode) order. */
export function packetsOfStream(probe: ProbeJson, streamIndex: number): PacketSample[] {
  return (probe.packets ?? [])
    .filter((p) => p.stream_index === streamIndex)
    .map((p) => ({ pts: parseNumber(p.pts_time), dts: parseNumber(p.dts_time), key: (p.flags ?? '').includes('K') }));
}

export interface VideoTiming {
  packets: number;
  /** Frames a second, from the mean interval between presentation times. */
  fps: number | null;
  interval_ms: { min: number; mean: number; max: number } | null;
  /** Largest distance of any frame interval from the mean interval. */
  max_jitter_ms: number | null;
  keyframes: number;
  /** Longest stretch from one keyframe to the next (or to the end), in seconds. */
  max_keyframe_interval_s: number | null;
  /** A frame decoded after a keyframe but shown before it: the GOP is open. */
  open_gop: boolean;
  /** Presentation time of the first frame, seconds. */
  first_pts: number | null;
}

export function analyseVideoPackets(packets: PacketSample[]): VideoTiming {
  const times = packets.map((p) => p.pts ?? p.dts).filter((t): t is number => t !== null);
  const sorted = [...times].sort((a, b) => a - b);
  const intervals: number[] = [];
  for (let i = 1; i < sorted.length; i++) intervals.push((sorted[i]! - sorted[i - 1]!) * 1000);
  const byLength = [...intervals].sort((a, b) => a - b);
  // The mean over the whole span, not the median: in a 1/1000 timebase 30 fps is 33, 33, 34 ms...
  const mean = intervals.length ? ((sorted[sorted.length - 1]! - sorted[0]!) * 1000) / intervals.length : null;
  let jitter: number | null = null;
  if (mean !== null) for (const d of intervals) jitter = Math.max(jitter ?? 0, Math.abs(d - mean));

  const keyTimes = packets.filter((p) => p.key).map((p) => p.pts ?? p.dts).filter((t): t is number => t !== null);
  keyTimes.sort((a, b) => a - b);
  let maxKeyGap: number | null = null;
  if (keyTimes.length && sorted.length) {
    const end = sorted[sorted.length - 1]! + (mean ?? 0) / 1000;
    const bounds = [...keyTimes, end];
    maxKeyGap = keyTimes[0]! - sorted[0]!; // frames before the first keyframe cannot be decoded alone
    for (let i = 1; i < bounds.length; i++) maxKeyGap = Math.max(maxKeyGap, bounds[i]! - bounds[i - 1]!);
  }

  // Decode order is file order. After a keyframe, a closed GOP only has frames shown after it.
  let openGop = false;
  let keyPts: number | null = null;
  for (const p of packets) {
    if (p.key) keyPts = p.pts;
    else if (keyPts !== null && p.pts !== null && p.pts < keyPts - 1e-6) {
      openGop = true;
      break;
    }
  }

  return {
    packets: packets.length,
    fps: mean && mean > 0 ? 1000 / mean : null,
    interval_ms: mean === null ? null : { min: byLength[0]!, mean, max: byLength[byLength.length - 1]! },
    max_jitter_ms: jitter,
    keyframes: keyTimes.length,
    max_keyframe_interval_s: maxKeyGap,
    open_gop: openGop,
    first_pts: sorted[0] ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// Loudness (ffmpeg -af ebur128=peak=true), audio decoded alone

export interface Loudness {
  integrated_lufs: number | null;
  /** Highest true peak over all channels, dBTP; null for digital silence (-inf). */
  true_peak_dbtp: number | null;
  loudness_range_lu: number | null;
}

/**
 * EBU R128 loudness of the first audio stream, or null when the file has none. The map is
 * optional so this can start before ffprobe has said whether there is audio; `-vn` stops ffmpeg
 * from decoding the video instead when there is none.
 */
export async function measureLoudness(ffmpeg: string, path: string): Promise<Loudness | null> {
  const r = await runTool(ffmpeg, [
    '-hide_banner', '-nostats', '-nostdin',
    '-i', path,
    '-map', '0:a:0?', '-vn', '-sn', '-dn',
    // framelog=verbose keeps the ten-a-second meter lines out of the info-level log we read.
    '-af', 'ebur128=peak=true:framelog=verbose',
    '-f', 'null', '-',
  ]);
  if (/does not contain any stream/.test(r.stderr)) return null;
  if (r.code !== 0) {
    throw new ReelcutError('FFMPEG_FAILED', `ffmpeg could not measure the loudness of ${path} (${lastLine(r.stderr)}).`, { file: path });
  }
  return parseEbur128Summary(r.stderr);
}

/** Reads the "Summary:" block ebur128 logs when it finishes. */
export function parseEbur128Summary(log: string): Loudness {
  const at = log.lastIndexOf('Summary:');
  if (at < 0) return { integrated_lufs: null, true_peak_dbtp: null, loudness_range_lu: null };
  const summary = log.slice(at);
  const num = (re: RegExp): number | null => {
    const m = re.exec(summary)?.[1];
    if (m === undefined || /inf/i.test(m)) return null;
    const v = Number(m);
    return Number.isFinite(v) ? v : null;
  };
  return {
    integrated_lufs: num(/\bI:\s+(-?inf|[-+]?[\d.]+) LUFS/),
    true_peak_dbtp: num(/\bPeak:\s+(-?inf|[-+]?[\d.]+) dBFS/),
    loudness_range_lu: num(/\bLRA:\s+(-?inf|[-+]?[\d.]+) LU\b/),
  };
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n');
  return (lines[lines.length - 1] ?? '').trim() || 'no message';
}
