// Measuring silence with ffmpeg's silencedetect on a file's first sound stream.
import { invalidInput } from '../errors.js';
import { filter, formatNumber } from '../render/filtergraph.js';
import { inputArgs, requireFile, runFfmpeg, type AnalysisFfmpeg } from './run-ffmpeg.js';
import { parseProgressDurationMs, parseSilences } from './silence-parse.js';
import { speechFromSilences } from './silence-regions.js';
import type { TimeRange } from './types.js';

export interface SilenceOptions {
  /** Sound below this level counts as silence; -35 dB keeps breaths and room tone out of speech. */
  thresholdDb?: number;
  /** Shorter quiet spans are pauses within speech, not silences. */
  minSilenceMs?: number;
  /** Only this part of the file is read; results stay on the file's clock. */
  startMs?: number;
  endMs?: number;
}

export const DEFAULT_SILENCE = { thresholdDb: -35, minSilenceMs: 400 } as const;

export interface SilenceMeasurement {
  silences: TimeRange[];
  /** The span that was read: [startMs, end of sound or endMs). */
  read: TimeRange;
}

// A file's silences depend only on its bytes and the window read, and the same clip is asked
// about again and again (each "add music" checks for speech to duck under, each turn of a chat
// session): measured once per file version, the answer is kept.
const MEASURED_MAX = 256;
const measured = new Map<string, Promise<SilenceMeasurement>>();

/** Silences and the span actually read (the sound may end before the window or the picture does). */
export async function measureSilences(path: string, opts: SilenceOptions, ff: AnalysisFfmpeg): Promise<SilenceMeasurement> {
  const st = await requireFile(path);
  const startMs = Math.max(0, Math.round(opts.startMs ?? 0));
  const durationMs = opts.endMs === undefined ? undefined : Math.round(opts.endMs) - startMs;
  if (durationMs !== undefined && durationMs <= 0) throw invalidInput(`The end of the span to analyse (${opts.endMs} ms) must come after its start (${startMs} ms).`);
  const key = JSON.stringify([ff.ffmpeg, path, st.size, st.mtimeMs, startMs, durationMs ?? null, opts.thresholdDb ?? null, opts.minSilenceMs ?? null]);
  const known = measured.get(key);
  if (known) return known;
  const run = runSilencedetect(path, opts, ff, startMs, durationMs);
  if (measured.size >= MEASURED_MAX) measured.delete(measured.keys().next().value as string);
  measured.set(key, run);
  // A failure is not an answer: the next ask measures again.
  run.catch(() => measured.delete(key));
  return run;
}

async function runSilencedetect(path: string, opts: SilenceOptions, ff: AnalysisFfmpeg, startMs: number, durationMs: number | undefined): Promise<SilenceMeasurement> {
  const detect = filter('silencedetect', {
    noise: `${formatNumber(opts.thresholdDb ?? DEFAULT_SILENCE.thresholdDb)}dB`,
    d: (opts.minSilenceMs ?? DEFAULT_SILENCE.minSilenceMs) / 1000,
  });
  const { stdout, stderr } = await runFfmpeg(
    ff.ffmpeg,
    ['-nostats', ...inputArgs(path, startMs, durationMs), '-map', '0:a:0', '-af', detect, '-f', 'null', '-', '-progress', 'pipe:1'],
    { path, what: 'silence detection', needs: 'sound' },
  );
  const readMs = parseProgressDurationMs(stdout.toString('utf8')) ?? durationMs ?? 0;
  return { silences: parseSilences(stderr, readMs, startMs), read: { start_ms: startMs, end_ms: startMs + readMs } };
}

/** Silent spans of the file's sound, in file milliseconds. */
export async function detectSilences(path: string, opts: SilenceOptions, ff: AnalysisFfmpeg): Promise<TimeRange[]> {
  return (await measureSilences(path, opts, ff)).silences;
}

export interface SpeechRegionOptions extends SilenceOptions {
  /** Silence kept around each region (merged where two regions meet). */
  paddingMs?: number;
}

/** The sounding spans between silences (speech, in a talking clip), within the span read. */
export async function speechRegions(path: string, opts: SpeechRegionOptions, ff: AnalysisFfmpeg): Promise<TimeRange[]> {
  const { silences, read } = await measureSilences(path, opts, ff);
  return speechFromSilences(silences, { startMs: read.start_ms, endMs: read.end_ms, paddingMs: opts.paddingMs ?? 0 });
}
