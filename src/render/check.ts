// `reelcut check`: does a file meet what Instagram accepts for a target format? Measures the
// file (box layout from its bytes, streams and packet timing by one ffprobe run, loudness by one
// ffmpeg ebur128 run, the two concurrently) and applies the rules in check-rules.ts.
import { stat } from 'node:fs/promises';
import { ReelcutError } from '../errors.js';
import { readBoxLayout, type BoxLayout } from './check-boxes.js';
import {
  analyseVideoPackets,
  displaySize,
  firstAudioStream,
  mainVideoStream,
  measureLoudness,
  parseNumber,
  parseRational,
  packetsOfStream,
  probeWithPackets,
  rotationOf,
  type ProbeJson,
  type ProbeStreamJson,
  type VideoTiming,
} from './check-measure.js';
import {
  CHECK_TARGETS,
  evaluateChecks,
  type AudioMeasured,
  type CheckMeasured,
  type CheckResult,
  type CheckTarget,
  type VideoMeasured,
} from './check-rules.js';

export { CHECK_TARGETS, TARGET_SPECS, LIMITS } from './check-rules.js';
export type { CheckId, CheckResult, CheckStatus, CheckTarget, CheckMeasured, VideoMeasured, AudioMeasured } from './check-rules.js';

export interface CheckReport {
  file: string;
  target: CheckTarget;
  /** No check failed (warnings allowed). */
  ok: boolean;
  checks: CheckResult[];
  measured: CheckMeasured;
}

export interface CheckOptions {
  target: CheckTarget;
  /** Paths (or command names) of the ffmpeg and ffprobe to measure with. */
  ffmpeg: string;
  ffprobe: string;
}

export async function checkFile(path: string, opts: CheckOptions): Promise<CheckReport> {
  if (!(CHECK_TARGETS as readonly string[]).includes(opts.target)) {
    throw new ReelcutError('INVALID_INPUT', `Unknown check target "${String(opts.target)}"; use one of: ${CHECK_TARGETS.join(', ')}.`);
  }
  const size = await fileSize(path);

  // Two tool runs, side by side: ffprobe (streams and packets) and ffmpeg (loudness).
  const [layout, probe, loudness] = await Promise.all([
    readBoxLayout(path),
    probeWithPackets(opts.ffprobe, path),
    measureLoudness(opts.ffmpeg, path).then(
      (value) => ({ value, error: null }),
      // A broken audio stream is a finding about the file, not a reason to give no report.
      (e: unknown) => {
        if (e instanceof ReelcutError && e.code === 'FFMPEG_MISSING') throw e;
        return { value: null, error: e instanceof Error ? e.message : String(e) };
      },
    ),
  ]);
  const videoStream = mainVideoStream(probe);
  const audioStream = firstAudioStream(probe);
  const timing = videoStream ? analyseVideoPackets(packetsOfStream(probe, videoStream.index)) : null;

  const measured = assembleMeasured(size, probe, layout, videoStream, audioStream, timing, loudness);
  const checks = evaluateChecks(measured, opts.target);
  return { file: path, target: opts.target, ok: checks.every((c) => c.status !== 'fail'), checks, measured };
}

async function fileSize(path: string): Promise<number> {
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new ReelcutError('INVALID_INPUT', `${path} is not a file; give the path of a video to check.`, { file: path });
    return s.size;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new ReelcutError('FILE_NOT_FOUND', `${path} does not exist; check the path.`, { file: path });
    }
    throw e;
  }
}

function assembleMeasured(
  size: number,
  probe: ProbeJson,
  layout: BoxLayout,
  vs: ProbeStreamJson | null,
  as: ProbeStreamJson | null,
  timing: VideoTiming | null,
  loudness: { value: AudioMeasured['loudness']; error: string | null },
): CheckMeasured {
  const video: VideoMeasured | null = vs
    ? {
        stream_index: vs.index,
        codec: vs.codec_name ?? 'unknown',
        profile: vs.profile ?? null,
        pix_fmt: vs.pix_fmt ?? null,
        field_order: vs.field_order ?? null,
        width: vs.width ?? 0,
        height: vs.height ?? 0,
        display_width: displaySize(vs).width,
        display_height: displaySize(vs).height,
        rotation: rotationOf(vs),
        nominal_fps: parseRational(vs.r_frame_rate),
        avg_fps: parseRational(vs.avg_frame_rate),
        // Without a per-stream figure (Matroska), the whole file's rate is a safe upper bound.
        bit_rate: parseNumber(vs.bit_rate) ?? parseNumber(probe.format?.bit_rate),
        start_time_s: parseNumber(vs.start_time),
        color_primaries: vs.color_primaries ?? null,
        color_transfer: vs.color_transfer ?? null,
        color_space: vs.color_space ?? null,
        color_range: vs.color_range ?? null,
        timing,
      }
    : null;
  const audio: AudioMeasured | null = as
    ? {
        stream_index: as.index,
        codec: as.codec_name ?? 'unknown',
        profile: as.profile ?? null,
        sample_rate: parseNumber(as.sample_rate),
        channels: as.channels ?? null,
        channel_layout: as.channel_layout ?? null,
        bit_rate: parseNumber(as.bit_rate),
        start_time_s: parseNumber(as.start_time),
        loudness: loudness.value,
        loudness_error: loudness.error ?? (loudness.value ? null : 'ffmpeg found no audio to measure'),
      }
    : null;
  const vStart = video?.start_time_s ?? null;
  const aStart = audio?.start_time_s ?? null;
  return {
    size_bytes: size,
    duration_s: parseNumber(probe.format?.duration),
    container: {
      format_name: probe.format?.format_name ?? 'unknown',
      major_brand: layout.major_brand,
      top_level_boxes: layout.top_level,
      moov_before_mdat: layout.moov_before_mdat,
      has_moov: layout.has_moov,
      edit_lists: layout.edit_lists,
      box_problem: layout.problem,
    },
    video,
    audio,
    av_offset_ms: vStart !== null && aStart !== null ? (vStart - aStart) * 1000 : null,
  };
}
