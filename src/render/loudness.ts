// Loudness normalisation, two-pass per EBU R128 / BS.1770, kept cheap for the video encoder:
//
// 1. Analysis: the mix alone (audio only) through `ebur128=peak=true`, which gives integrated
//    loudness and true peak for a sixth of what loudnorm's analysis costs (loudnorm works at
//    192 kHz). The same pass keeps the mix as a float WAV for step 2.
// 2. Final pass: one linear gain to the target. Only when that gain would push the true peak
//    over the ceiling does a limiter follow; it runs at twice the sample rate, so it catches most
//    inter-sample peaks too, and its ceiling leaves room for the AAC encoder's overshoot.
//    Limiting costs loudness (a lot for claps and drums), so when the limiter is needed, short
//    check passes over the kept WAV find the extra gain into it ("drive") that lands on the
//    target, within a drive a person would still call undistorted.
//
// Without a measurement the final pass falls back to loudnorm's single-pass dynamic mode.
// Everything here is pure except `measureLoudness`, the adapter that runs the passes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReelcutError } from '../errors.js';
import { filter, formatNumber } from './filtergraph.js';
import type { RenderPlan } from './plan.js';
import { runFfmpeg } from './run.js';

/** What the analysis pass found: ebur128's summary, as numbers (-Infinity for silence). */
export interface LoudnessMeasurement {
  /** Integrated loudness, LUFS. ebur128 says −70 for digital silence. */
  integrated_lufs: number;
  /** The relative gate the integration used, LUFS. */
  threshold_lufs: number;
  /** Loudness range, LU. */
  lra_lu: number;
  /** Highest true peak over all channels, dBTP (ebur128 prints it as dBFS). */
  true_peak_dbtp: number;
  /** Set when the final pass needs the limiter: the drive the check passes settled on. */
  limiter?: LimiterTry;
}

/** One check pass: the extra gain into the limiter, and the loudness that came out. */
export interface LimiterTry {
  drive_db: number;
  integrated_lufs: number;
}

export interface LoudnessTarget {
  /** Integrated loudness, LUFS. */
  i: number;
  /** Maximum true peak, dBTP, for loudnorm's fallback. Below Instagram's −1 so AAC's overshoot fits. */
  tp: number;
  /** Loudness range target, LU (loudnorm's dynamic fallback only). */
  lra: number;
}

export const DEFAULT_TARGET_LUFS = -14;
/** loudnorm's ceiling in the fallback: −1 dBTP is the delivery limit, and AAC adds up to about 0.8 dB. */
export const TARGET_TRUE_PEAK = -2;
export const DEFAULT_LRA = 11;
/** Below this integrated level (BS.1770's absolute gate) there is nothing to normalise. */
export const SILENCE_LUFS = -70;
/**
 * The limiter's ceiling, dBFS at twice the sample rate (the true peak comes out up to 0.5 dB
 * above). AAC (as presets.ts encodes it) adds 0.3 to 0.9 dB to limited speech and music, but now and then up to
 * 2.2 dB to a limited noise burst (claps): at −3 such claps reached −0.4 dBTP.
 */
export const LIMIT_DBFS = -3.5;
/**
 * Up to this predicted true peak (dBTP) a linear gain is enough. Unlimited audio gained at most
 * 0.8 dB through AAC in every measured case, so −2.5 keeps a margin for the odd transient.
 */
export const LINEAR_MAX_TRUE_PEAK = -2.5;
/** dB of extra gain into the limiter beyond which it audibly flattens the sound: a peaky mix stays quieter. */
export const MAX_DRIVE_DB = 6;
/** A check pass this close to the target (LU) ends the search; AAC moves loudness by ±0.3. */
export const DRIVE_TOLERANCE_LU = 0.4;
export const MAX_CHECK_PASSES = 3;

const OVERSAMPLED_RATE = 96000;
const OUTPUT_RATE = 48000;
// alimiter delays its output by its attack (look-ahead) and has no way to undo that in ffmpeg 4;
// 5 ms is 240 samples at 48 kHz in both 4.1 and 5.1 (measured), trimmed off again below.
const LIMITER_ATTACK_MS = 5;
const LIMITER_DELAY_SAMPLES = (LIMITER_ATTACK_MS * OUTPUT_RATE) / 1000;
const LIMITER_RELEASE_MS = 50;

export function loudnessTarget(target_lufs: number = DEFAULT_TARGET_LUFS): LoudnessTarget {
  return { i: target_lufs, tp: TARGET_TRUE_PEAK, lra: DEFAULT_LRA };
}

/**
 * The measuring filter of the analysis pass: prints a Summary block to stderr at the end.
 * framelog=verbose keeps its ten-a-second meter lines out of the info-level log (ffmpeg 4 and 5).
 */
export function loudnessAnalysisFilter(): string {
  return filter('ebur128', { peak: 'true', framelog: 'verbose' });
}

/** True when a measurement describes something louder than digital silence. */
export function isMeasurable(m: LoudnessMeasurement): boolean {
  return Number.isFinite(m.integrated_lufs) && m.integrated_lufs > SILENCE_LUFS && Number.isFinite(m.true_peak_dbtp);
}

/** The linear gain (dB, to 0.01) that brings the measured loudness to the target. */
export function linearGain(target: LoudnessTarget, m: LoudnessMeasurement): number {
  return round2(target.i - m.integrated_lufs);
}

/** The true peak the linear gain alone would give, dBTP. */
export function predictedPeak(target: LoudnessTarget, m: LoudnessMeasurement): number {
  return m.true_peak_dbtp + linearGain(target, m);
}

/** Whether the gain needs the limiter after it (see LINEAR_MAX_TRUE_PEAK). */
export function needsLimiter(target: LoudnessTarget, m: LoudnessMeasurement): boolean {
  return predictedPeak(target, m) > LINEAR_MAX_TRUE_PEAK;
}

/**
 * Gain, then a look-ahead limiter at twice the rate (level=0: no automatic make-up gain; asc=0:
 * plain release), back at 48 kHz with the limiter's delay trimmed off so sound stays on its frames.
 */
export function limiterStage(gain_db: number): string[] {
  return [
    gainFilter(gain_db),
    filter('apad', { pad_len: LIMITER_DELAY_SAMPLES }),
    filter('aresample', { osr: OVERSAMPLED_RATE }),
    filter('alimiter', {
      limit: round6(10 ** (LIMIT_DBFS / 20)),
      attack: LIMITER_ATTACK_MS,
      release: LIMITER_RELEASE_MS,
      level: 0,
      asc: 0,
    }),
    filter('aresample', { osr: OUTPUT_RATE }),
    filter('atrim', { start_sample: LIMITER_DELAY_SAMPLES }),
    filter('asetpts', { expr: 'N/SR/TB' }),
  ];
}

export interface Normalisation {
  /** Filters from the pre-master mix on; their output is 48 kHz (the caller re-cuts the length). */
  filters: string[];
  notes: string[];
}

/**
 * The normalising filters of the final pass. With a measurement: a linear gain, and the limiter
 * with the measured drive when the peaks need it (never loudnorm). A silent measurement: nothing.
 * Without one: loudnorm's single-pass dynamic mode when this ffmpeg has it (`canFallback`).
 */
export function normaliseFilters(target: LoudnessTarget, measured: LoudnessMeasurement | undefined, canFallback: boolean): Normalisation {
  if (!measured) {
    if (!canFallback) return { filters: [], notes: ['This ffmpeg can neither measure loudness nor run loudnorm, so the loudness was left as it is.'] };
    return {
      // loudnorm works at 192 kHz internally and outputs that.
      filters: [filter('loudnorm', { I: target.i, TP: target.tp, LRA: target.lra }), filter('aresample', { osr: OUTPUT_RATE })],
      notes: ['The loudness could not be measured first, so it was evened out in one adaptive pass, which is less exact.'],
    };
  }
  if (!isMeasurable(measured)) return { filters: [], notes: ['The audio is silent, so its loudness was left as it is.'] };
  const gain = linearGain(target, measured);
  if (!needsLimiter(target, measured)) return { filters: [gainFilter(gain)], notes: [] };
  const fit = measured.limiter;
  const notes: string[] = [];
  if (fit && fit.integrated_lufs < target.i - 1) {
    notes.push(
      `The sound is very peaky (claps, hits), so it plays at about ${formatNumber(round1(fit.integrated_lufs))} LUFS ` +
        `instead of ${formatNumber(target.i)}: louder would crush its peaks under the −1 dBTP limit.`,
    );
  }
  return { filters: limiterStage(round2(gain + (fit?.drive_db ?? 0))), notes };
}

/**
 * The drive to try in the next check pass, or null when the search is over. The first guess
 * comes from how far the peaks go over the ceiling (a fit to speech and music: limiting peaks
 * by `o` dB costs about 0.04·o² LU); then secant steps on the measured loudness.
 */
export function nextDrive(target: LoudnessTarget, m: LoudnessMeasurement, tried: LimiterTry[]): number | null {
  const over = predictedPeak(target, m) - LIMIT_DBFS;
  const modelSlope = (drive: number): number => clamp(1 - 0.08 * (over + drive), 0.25, 1);
  if (tried.length === 0) return clamp(round2((0.04 * over * over) / modelSlope(0)), 0, MAX_DRIVE_DB);
  if (tried.length >= MAX_CHECK_PASSES) return null;
  const last = tried[tried.length - 1]!;
  const prev = tried[tried.length - 2];
  const error = target.i - last.integrated_lufs;
  if (Math.abs(error) <= DRIVE_TOLERANCE_LU) return null;
  const slope =
    prev && Math.abs(last.drive_db - prev.drive_db) > 1e-9
      ? (last.integrated_lufs - prev.integrated_lufs) / (last.drive_db - prev.drive_db)
      : modelSlope(last.drive_db);
  const next = clamp(round2(last.drive_db + error / clamp(slope, 0.15, 1)), 0, MAX_DRIVE_DB);
  // At a bound (no drive, or all the drive allowed) there is nowhere new to go.
  return tried.some((t) => Math.abs(t.drive_db - next) < 0.05) ? null : next;
}

/** The check pass closest to the target; between equals, the gentler one. */
export function bestTry(target: LoudnessTarget, tried: LimiterTry[]): LimiterTry | undefined {
  let best: LimiterTry | undefined;
  for (const t of tried) {
    const d = Math.abs(target.i - t.integrated_lufs);
    const b = best ? Math.abs(target.i - best.integrated_lufs) : Infinity;
    if (d < b - 1e-9 || (Math.abs(d - b) <= 1e-9 && best && t.drive_db < best.drive_db)) best = t;
  }
  return best;
}

/**
 * Reads the Summary block ebur128 logs when it finishes (the last one wins): integrated loudness
 * and its gate, loudness range, true peak. Null when there is none or it lacks the true peak
 * (`peak=true` not set). "-inf"/"inf" become -Infinity/Infinity.
 */
export function parseEbur128(stderr: string): LoudnessMeasurement | null {
  const at = stderr.lastIndexOf('Summary:');
  if (at < 0) return null;
  const summary = stderr.slice(at);
  const num = (re: RegExp): number | null => {
    const m = re.exec(summary)?.[1];
    if (m === undefined) return null;
    const t = m.toLowerCase();
    if (t === 'inf' || t === '+inf') return Infinity;
    if (t === '-inf') return -Infinity;
    const v = Number(t);
    return Number.isNaN(v) ? null : v;
  };
  const value = String.raw`([-+]?inf|[-+]?\d+(?:\.\d+)?)`;
  const integrated = num(new RegExp(String.raw`Integrated loudness:\s*I:\s*${value} LUFS`, 'i'));
  const threshold = num(new RegExp(String.raw`Integrated loudness:\s*I:\s*\S+ LUFS\s*Threshold:\s*${value} LUFS`, 'i'));
  const lra = num(new RegExp(String.raw`Loudness range:\s*LRA:\s*${value} LU\b`, 'i'));
  const peak = num(new RegExp(String.raw`True peak:\s*Peak:\s*${value} dBFS`, 'i'));
  if (integrated === null || threshold === null || lra === null || peak === null) return null;
  return { integrated_lufs: integrated, threshold_lufs: threshold, lra_lu: lra, true_peak_dbtp: peak };
}

const INPUT_LABEL = /\[(\d+):a:0\]/g;

/**
 * The argv (without the ffmpeg binary) of the analysis pass for a compiled plan: only the inputs
 * the audio reads (video streams discarded at the demuxer), only the audio chains up to the
 * pre-master mix, measured by ebur128 and written nowhere, or also kept as a float WAV at
 * `keepWav` for the check passes. Null when the plan's audio is silence by construction (nothing
 * to measure). Parse its stderr with `parseEbur128`.
 */
export function buildLoudnessAnalysisArgs(plan: RenderPlan, keepWav?: string): string[] | null {
  const audio = plan.audio;
  if (!audio) {
    throw new ReelcutError('INVALID_INPUT', 'This render plan has no audio description (plan.audio), so its loudness cannot be measured.');
  }
  if (!audio.analysis) return null;
  const used = [...new Set(audio.inputs)].sort((a, b) => a - b);
  const renumber = new Map(used.map((old, i) => [old, i]));
  const args = ['-hide_banner', '-loglevel', 'info', ...(keepWav ? ['-y'] : [])];
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
  const probe = keepWav
    ? [`${audio.premaster}asplit=2[loudness_in][loudness_keep]`, `[loudness_in]${audio.analysis}[loudness_probe]`]
    : [`${audio.premaster}${audio.analysis}[loudness_probe]`];
  args.push('-filter_complex', [...audio.chains.map(relabel), ...probe].join(';'), '-map', '[loudness_probe]', '-f', 'null', '-');
  if (keepWav) args.push('-map', '[loudness_keep]', '-c:a', 'pcm_f32le', '-f', 'wav', keepWav);
  return args;
}

/** The argv of one check pass: the kept mix through the final pass's limiter stage, measured. */
export function buildLimiterCheckArgs(keptWav: string, gain_db: number): string[] {
  const filters = [...limiterStage(gain_db), filter('ebur128', { framelog: 'verbose' })];
  return ['-hide_banner', '-loglevel', 'info', '-i', keptWav, '-af', filters.join(','), '-f', 'null', '-'];
}

export interface MeasureOptions {
  signal?: AbortSignal;
  /** Working directory for ffmpeg (where the plan's files were written). */
  cwd?: string;
}

/**
 * Adapter: runs the analysis pass of `plan` and, when the final pass will need the limiter, the
 * check passes that fit its drive. Null: nothing to measure (silent by construction, or this
 * ffmpeg cannot measure). An analysis that prints no summary also gives null, so the render
 * falls back to single-pass loudnorm instead of failing.
 */
export async function measureLoudness(ffmpeg: string, plan: RenderPlan, target_lufs: number, opts: MeasureOptions = {}): Promise<LoudnessMeasurement | null> {
  if (!buildLoudnessAnalysisArgs(plan)) return null;
  const dir = await mkdtemp(join(tmpdir(), 'reelcut-loudness-'));
  try {
    const kept = join(dir, 'premaster.wav');
    const run = async (args: string[]): Promise<string> =>
      (
        await runFfmpeg({
          ffmpeg,
          args,
          durationMs: plan.duration_ms,
          ...(opts.cwd ? { cwd: opts.cwd } : {}),
          ...(opts.signal ? { signal: opts.signal } : {}),
        })
      ).stderrTail;
    const measured = parseEbur128(await run(buildLoudnessAnalysisArgs(plan, kept)!));
    const target = loudnessTarget(target_lufs);
    if (!measured || !isMeasurable(measured) || !needsLimiter(target, measured)) return measured;
    const tried: LimiterTry[] = [];
    for (let drive = nextDrive(target, measured, tried); drive !== null; drive = nextDrive(target, measured, tried)) {
      const check = parseEbur128Integrated(await run(buildLimiterCheckArgs(kept, round2(linearGain(target, measured) + drive))));
      if (check === null) break;
      tried.push({ drive_db: drive, integrated_lufs: check });
    }
    const fit = bestTry(target, tried);
    return fit ? { ...measured, limiter: fit } : measured;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Integrated loudness from a Summary block measured without true peak. */
function parseEbur128Integrated(stderr: string): number | null {
  const m = /Integrated loudness:\s*I:\s*([-+]?\d+(?:\.\d+)?) LUFS/i.exec(stderr.slice(Math.max(0, stderr.lastIndexOf('Summary:'))));
  return m ? Number(m[1]) : null;
}

function gainFilter(gain_db: number): string {
  return filter('volume', { volume: `${formatNumber(round2(gain_db))}dB` });
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}
