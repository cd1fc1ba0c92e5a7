// Loudness normalisation, two-pass per EBU R128 / BS.1770: a cheap audio-only pass measures the
// mix with loudnorm, and the final render applies one linear gain from that measurement (no
// pumping). Without a measurement the final pass falls back to loudnorm's single-pass dynamic
// mode. Everything here is pure except `measureLoudness`, the small adapter that runs the pass.
import { spawn } from 'node:child_process';
import { ReelcutError } from '../errors.js';
import { filter } from './filtergraph.js';
import type { RenderPlan } from './plan.js';

/** What loudnorm's analysis pass prints (print_format=json), as numbers (-Infinity for silence). */
export interface LoudnessMeasurement {
  input_i: number;
  input_tp: number;
  input_lra: number;
  input_thresh: number;
  target_offset: number;
}

export interface LoudnessTarget {
  /** Integrated loudness, LUFS. */
  i: number;
  /** Maximum true peak, dBTP. Below Instagram's −1 so AAC encoding's overshoot still fits. */
  tp: number;
  /** Loudness range target, LU (dynamic mode only; the linear pass widens it to stay linear). */
  lra: number;
}

export const DEFAULT_TARGET_LUFS = -14;
/** −1 dBTP is the delivery limit; AAC encoding adds up to about 0.6 dB of overshoot on drums. */
export const TARGET_TRUE_PEAK = -2;
export const DEFAULT_LRA = 11;
/** Below this integrated level (BS.1770's absolute gate) there is nothing to normalise. */
export const SILENCE_LUFS = -70;

export function loudnessTarget(target_lufs: number = DEFAULT_TARGET_LUFS): LoudnessTarget {
  return { i: target_lufs, tp: TARGET_TRUE_PEAK, lra: DEFAULT_LRA };
}

/** The measuring filter of the analysis pass: prints a JSON block to stderr at the end. */
export function loudnormAnalysisFilter(target: LoudnessTarget): string {
  return filter('loudnorm', { I: target.i, TP: target.tp, LRA: target.lra, print_format: 'json' });
}

/** True when a measurement describes something louder than digital silence. */
export function isMeasurable(m: LoudnessMeasurement): boolean {
  return Number.isFinite(m.input_i) && m.input_i > SILENCE_LUFS && Number.isFinite(m.input_tp);
}

/**
 * The normalising filter of the final pass. With a measurement: loudnorm's linear mode (one
 * gain for the whole mix). loudnorm only stays linear when the measured range fits the target
 * range, so the target range is widened to the measured one (up to what this ffmpeg accepts:
 * 20 LU before ffmpeg 5, 50 after); it still turns dynamic when the gain would push the true
 * peak over the limit, which is the limiter doing its job. Without one: single-pass dynamic.
 */
export function loudnormFilter(target: LoudnessTarget, measured: LoudnessMeasurement | undefined, ffMajor: number): string {
  if (!measured) return filter('loudnorm', { I: target.i, TP: target.tp, LRA: target.lra });
  const maxLra = ffMajor >= 5 ? 50 : 20;
  const lra = clamp(Math.max(target.lra, Math.ceil(measured.input_lra + 1)), 1, maxLra);
  return filter('loudnorm', {
    I: target.i,
    TP: target.tp,
    LRA: lra,
    measured_I: round2(clamp(measured.input_i, -99, 0)),
    measured_TP: round2(clamp(measured.input_tp, -99, 99)),
    measured_LRA: round2(clamp(measured.input_lra, 0, 99)),
    measured_thresh: round2(clamp(measured.input_thresh, -99, 0)),
    offset: round2(clamp(measured.target_offset, -99, 99)),
    linear: 'true',
  });
}

/**
 * Reads the JSON block loudnorm prints (print_format=json) from ffmpeg's stderr; the last block
 * wins. Returns null when there is none (the pass did not run loudnorm, or its output was cut).
 * "-inf"/"inf" (digital silence) become -Infinity/Infinity.
 */
export function parseLoudnorm(stderr: string): LoudnessMeasurement | null {
  const at = stderr.lastIndexOf('"input_i"');
  if (at < 0) return null;
  const open = stderr.lastIndexOf('{', at);
  const close = stderr.indexOf('}', at);
  if (open < 0 || close < 0) return null;
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(stderr.slice(open, close + 1)) as Record<string, unknown>;
  } catch {
    return null;
  }
  const num = (key: string): number | null => {
    const v = raw[key];
    if (typeof v === 'number') return v;
    if (typeof v !== 'string') return null;
    const t = v.trim().toLowerCase();
    if (t === 'inf' || t === '+inf') return Infinity;
    if (t === '-inf') return -Infinity;
    const n = Number(t);
    return Number.isNaN(n) ? null : n;
  };
  const input_i = num('input_i');
  const input_tp = num('input_tp');
  const input_lra = num('input_lra');
  const input_thresh = num('input_thresh');
  const target_offset = num('target_offset');
  if (input_i === null || input_tp === null || input_lra === null || input_thresh === null || target_offset === null) {
    return null;
  }
  return { input_i, input_tp, input_lra, input_thresh, target_offset };
}

const INPUT_LABEL = /\[(\d+):a:0\]/g;

/**
 * The argv (without the ffmpeg binary) of the analysis pass for a compiled plan: only the inputs
 * the audio reads (video streams discarded at the demuxer), only the audio chains up to the
 * pre-master mix, measured by loudnorm, written nowhere. Null when the plan's audio is silence
 * by construction (nothing to measure). Parse its stderr with `parseLoudnorm`.
 */
export function buildLoudnessAnalysisArgs(plan: RenderPlan): string[] | null {
  const audio = plan.audio;
  if (!audio) {
    throw new ReelcutError('INVALID_INPUT', 'This render plan has no audio description (plan.audio), so its loudness cannot be measured.');
  }
  if (!audio.analysis) return null;
  const used = [...new Set(audio.inputs)].sort((a, b) => a - b);
  const renumber = new Map(used.map((old, i) => [old, i]));
  const args = ['-hide_banner', '-loglevel', 'info'];
  for (const index of used) {
    const input = plan.inputs[index];
    if (!input) throw new ReelcutError('INVALID_INPUT', `The plan's audio reads input ${index}, which the plan does not have.`);
    args.push(...input.before, '-vn', '-sn', '-dn', '-i', input.path);
  }
  const relabel = (chain: string): string =>
    chain.replace(INPUT_LABEL, (_m, n: string) => {
      const to = renumber.get(Number(n));
      if (to === undefined) throw new ReelcutError('INVALID_INPUT', `An audio chain reads input ${n}, which plan.audio.inputs does not list.`);
      return `[${to}:a:0]`;
    });
  const graph = [...audio.chains.map(relabel), `${audio.premaster}${audio.analysis}[loudness_probe]`].join(';');
  args.push('-filter_complex', graph, '-map', '[loudness_probe]', '-f', 'null', '-');
  return args;
}

/** Adapter: runs the analysis pass of `plan` and returns its measurement (null: nothing to measure). */
export function measureLoudness(ffmpeg: string, plan: RenderPlan, signal?: AbortSignal): Promise<LoudnessMeasurement | null> {
  const args = buildLoudnessAnalysisArgs(plan);
  if (!args) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, ['-nostdin', '-nostats', ...args], { stdio: ['ignore', 'ignore', 'pipe'], ...(signal ? { signal } : {}) });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-64_000);
    });
    child.on('error', (err) => {
      if (signal?.aborted) reject(new ReelcutError('RENDER_CANCELLED', 'The loudness measurement was cancelled.'));
      else reject(new ReelcutError('FFMPEG_MISSING', `Could not start ffmpeg (${ffmpeg}): ${err.message}`));
    });
    child.on('close', (code) => {
      if (code !== 0) {
        const tail = stderr.trim().split('\n').slice(-3).join(' | ');
        reject(new ReelcutError('FFMPEG_FAILED', `Measuring the loudness failed (exit ${code}): ${tail}`, { stderr: stderr.slice(-4000) }));
        return;
      }
      const m = parseLoudnorm(stderr);
      if (!m) reject(new ReelcutError('FFMPEG_FAILED', 'Measuring the loudness printed no loudnorm report.'));
      else resolve(m);
    });
  });
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
