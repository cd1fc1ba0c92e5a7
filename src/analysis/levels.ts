// Loudness over time: the RMS level of a file's first sound stream in 10 ms windows, from PCM
// ffmpeg decodes (mono, 16 kHz, 16-bit: 115 MB for an hour, and a sibilant's tail still in
// band). What a pause's edges need: where speech fades into room tone.
import { decodeMonoPcm, requireFile, type AnalysisFfmpeg } from './run-ffmpeg.js';

export const LEVEL_STEP_MS = 10;
const RATE = 16_000;
const WINDOW = (RATE * LEVEL_STEP_MS) / 1000;
/** The level of digital silence: log10(0) would be -Infinity. */
export const SILENT_DB = -120;

export interface Levels {
  /** File ms of the first window's start. */
  startMs: number;
  stepMs: number;
  /** dBFS per window. */
  db: number[];
}

/** RMS levels over [startMs, endMs) of `path` (the whole file without a window). */
export async function measureLevels(path: string, opts: { startMs?: number; endMs?: number }, ff: AnalysisFfmpeg): Promise<Levels> {
  await requireFile(path);
  const startMs = Math.max(0, Math.round(opts.startMs ?? 0));
  const durationMs = opts.endMs === undefined ? undefined : Math.max(1, Math.round(opts.endMs) - startMs);
  const pcm = await decodeMonoPcm(path, { startMs, ...(durationMs !== undefined ? { durationMs } : {}) }, RATE, 'level measurement', ff);
  return { startMs, stepMs: LEVEL_STEP_MS, db: windowLevels(pcm, WINDOW, 32768) };
}

/** dBFS of each whole window of `samples` (a last partial window counts too); `fullScale` is the sample value of 0 dBFS. */
export function windowLevels(samples: ArrayLike<number>, window = WINDOW, fullScale = 1): number[] {
  const out: number[] = [];
  for (let i = 0; i < samples.length; i += window) {
    const end = Math.min(samples.length, i + window);
    let sum = 0;
    for (let j = i; j < end; j++) sum += samples[j]! * samples[j]!;
    const rms = Math.sqrt(sum / (end - i)) / fullScale;
    out.push(rms > 0 ? Math.max(SILENT_DB, 20 * Math.log10(rms)) : SILENT_DB);
  }
  return out;
}
