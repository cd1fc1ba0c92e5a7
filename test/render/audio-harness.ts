// An audio-only harness for the audio graph: clips laid out by the real span code, the audio
// chains run by the real ffmpeg into raw PCM or AAC, measured with ffmpeg's own meters.
import { execFileSync, spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { FfmpegInfo } from '../../src/media/ffmpeg-types.js';
import type { MediaInfo } from '../../src/media/types.js';
import { audioGraph, type AudioGraphPart } from '../../src/render/audio-graph.js';
import { seconds } from '../../src/render/filtergraph.js';
import type { LoudnessMeasurement } from '../../src/render/loudness.js';
import type { PlanInput, RenderPlan } from '../../src/render/plan.js';
import { computeSpans, framesToMs, totalFrames } from '../../src/render/spans.js';
import { Timeline, type TimelineInput } from '../../src/timeline/schema.js';
import { FFMPEG, FFPROBE, audioStream, ffmpeg, ffmpegStderr } from '../helpers/media.js';

function ffmpegMajor(): number {
  const version = execFileSync(FFMPEG, ['-hide_banner', '-version'], { encoding: 'utf8' });
  const m = /version n?(\d+)\./.exec(version);
  if (m) return Number(m[1]);
  // Static git builds print no release number: tell 5+ by amix's `normalize` option.
  const amix = execFileSync(FFMPEG, ['-hide_banner', '-h', 'filter=amix'], { encoding: 'utf8' });
  return amix.includes('normalize') ? 5 : 4;
}

export const FF: FfmpegInfo = {
  ffmpeg: FFMPEG,
  ffprobe: FFPROBE,
  source: 'path',
  version: 'test',
  major: ffmpegMajor(),
  caps: { libx264: true, libass: true, drawtext: true, xfade: true, loudnorm: true, zscale: false, tonemap: false, vidstab: false, ebur128: true },
};

/** A generated source file and what probe would say of it. */
export function source(dir: string, name: string, lavfiAudio: string | null, duration_ms: number, withVideo = false): MediaInfo {
  const path = join(dir, name);
  const sec = seconds(duration_ms);
  const args: string[] = [];
  if (withVideo) args.push('-f', 'lavfi', '-i', `testsrc2=s=160x284:r=30:d=${sec}`);
  if (lavfiAudio) args.push('-f', 'lavfi', '-t', sec, '-i', lavfiAudio);
  if (withVideo) args.push('-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p');
  if (lavfiAudio) args.push('-c:a', name.endsWith('.wav') ? 'pcm_s16le' : 'aac', '-ar', '48000');
  ffmpeg([...args, '-t', sec, path]);
  const channels = lavfiAudio ? (audioStream(path)?.channels ?? 0) : 0;
  return {
    path,
    kind: withVideo ? 'video' : 'audio',
    container: 'test',
    size_bytes: statSync(path).size,
    duration_ms,
    video: withVideo
      ? {
          index: 0, codec: 'h264', width: 160, height: 284, display_width: 160, display_height: 284, rotation: 0,
          sample_aspect: [1, 1], fps: 30, variable_frame_rate: false, pix_fmt: 'yuv420p', color_transfer: 'sdr',
          color_primaries: null, color_space: null, bit_depth: 8, frames: null,
        }
      : null,
    audio: lavfiAudio ? [{ index: withVideo ? 1 : 0, codec: 'aac', sample_rate: 48000, channels, duration_ms }] : [],
    width: withVideo ? 160 : 0,
    height: withVideo ? 284 : 0,
    hdr: false,
  };
}

export interface Built {
  part: AudioGraphPart;
  /** A plan carrying just the audio, the way compile.ts fills `inputs` and `audio`. */
  plan: RenderPlan;
  duration_ms: number;
  frames: number;
}

/**
 * Lays the timeline's clips out as compile.ts does (spans.ts) and builds the audio graph.
 * `media` maps media ids to generated sources.
 */
export function buildAudio(input: Omit<TimelineInput, 'version' | 'format'> & { fps?: number }, media: Map<string, MediaInfo>, measured?: LoudnessMeasurement): Built {
  const fps = input.fps ?? 30;
  const { fps: _fps, ...rest } = input;
  const timeline = Timeline.parse({ version: 1, format: { aspect: '9:16', fps }, ...rest });
  const spans = computeSpans(timeline, media, fps);
  const frames = totalFrames(spans);
  const duration_ms = framesToMs(frames, fps);
  const inputs: PlanInput[] = spans.map((s) => ({ path: s.media.path, before: ['-ss', seconds(s.in_ms), '-t', seconds(s.out_ms - s.in_ms)] }));
  const part = audioGraph({
    timeline,
    spans,
    fps,
    duration_ms,
    ff: FF,
    media,
    ...(measured ? { measuredLoudness: measured } : {}),
    addInput(i) {
      inputs.push(i);
      return inputs.length - 1;
    },
  });
  const plan: RenderPlan = {
    inputs,
    chains: part.chains,
    videoOut: '',
    audioOut: part.out,
    output: [],
    width: 0,
    height: 0,
    fps,
    duration_ms,
    files: [],
    notes: part.notes,
    audio: part.audio,
  };
  return { part, plan, duration_ms, frames };
}

function inputArgs(plan: RenderPlan): string[] {
  return plan.inputs.flatMap((i) => [...i.before, '-i', i.path]);
}

/** Runs the audio graph into `out`: `.raw` is 48 kHz stereo s16le, `.m4a` is AAC 192k, `.wav` float. */
export function renderAudio(b: Built, out: string, which: 'final' | 'premaster' = 'final'): string {
  const chains = which === 'final' ? b.part.chains : b.part.audio.chains;
  const label = which === 'final' ? b.part.out : b.part.audio.premaster;
  const codec = out.endsWith('.raw')
    ? ['-f', 's16le', '-c:a', 'pcm_s16le']
    : out.endsWith('.m4a')
      ? ['-c:a', 'aac', '-b:a', '192k']
      : ['-c:a', 'pcm_f32le'];
  ffmpeg([...inputArgs(b.plan), '-filter_complex', chains.join(';'), '-map', label, ...codec, '-ar', '48000', out]);
  return out;
}

/** Samples a channel in a raw 48 kHz stereo s16le file. */
export function rawSamples(path: string): number {
  return statSync(path).size / 4;
}

/**
 * RMS level (dBFS) of `path` between `from` and `to` seconds, after an optional filter (e.g. a
 * band-pass that isolates one tone of a mix). -Infinity for digital silence.
 */
export function rmsDb(path: string, from: number, to: number, pre = ''): number {
  const fmt = path.endsWith('.raw') ? ['-f', 's16le', '-ar', '48000', '-ac', '2'] : [];
  const err = ffmpegStderr([
    ...fmt, '-i', path, '-af', `atrim=start=${from}:end=${to},${pre}astats`, '-f', 'null', '-',
  ]);
  const m = /RMS level dB:\s*(-?[\d.]+|-inf)/.exec(err.slice(err.lastIndexOf('Overall')));
  if (!m) throw new Error(`no RMS level in: ${err.slice(-400)}`);
  return m[1] === '-inf' ? -Infinity : Number(m[1]);
}

/** Peak sample level (dBFS) of the whole file; -Infinity for digital silence. */
export function peakDb(path: string): number {
  const fmt = path.endsWith('.raw') ? ['-f', 's16le', '-ar', '48000', '-ac', '2'] : [];
  const err = ffmpegStderr([...fmt, '-i', path, '-af', 'astats', '-f', 'null', '-']);
  const m = /Peak level dB:\s*(-?[\d.]+|-inf)/.exec(err.slice(err.lastIndexOf('Overall')));
  if (!m) throw new Error(`no peak level in: ${err.slice(-400)}`);
  return m[1] === '-inf' ? -Infinity : Number(m[1]);
}

/** Runs an argv (without the binary) and returns stderr. */
export function runForStderr(args: string[]): string {
  const r = spawnSync(FFMPEG, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`ffmpeg failed: ${r.stderr.slice(-800)}`);
  return r.stderr;
}
