// Tempo and beats of a file's sound: decode mono PCM with ffmpeg, then everything in TypeScript.
import { trackBeats, fittedPeriod } from './beat-track.js';
import { onsetEnvelope } from './onset.js';
import { decodeMonoPcm, requireFile, type AnalysisFfmpeg } from './run-ffmpeg.js';
import { estimateTempo, type TempoOptions } from './tempo.js';
import type { BeatAnalysis } from './types.js';

/** Enough for kicks, snares, hats and clicks to show in the envelope; 4× cheaper than 44.1 kHz. */
export const BEAT_SAMPLE_RATE = 11025;

export interface BeatOptions extends TempoOptions {
  startMs?: number;
  durationMs?: number;
}

/** Mono PCM at `BEAT_SAMPLE_RATE`, as floats in -1..1. */
async function decodeMono(path: string, opts: BeatOptions, ff: AnalysisFfmpeg): Promise<Float32Array> {
  const pcm = await decodeMonoPcm(path, opts, BEAT_SAMPLE_RATE, 'beat detection', ff);
  return Float32Array.from(pcm, (v) => v / 32768);
}

/** Beats of mono samples; pure (the adapter below only decodes). */
export function analyseBeats(samples: Float32Array, sampleRate: number, opts: TempoOptions = {}, offsetMs = 0): BeatAnalysis {
  const envelope = onsetEnvelope(samples, sampleRate);
  const tempo = estimateTempo(envelope.values, envelope.hopMs, opts);
  if (!tempo) return { bpm: 0, beats_ms: [], confidence: 0 };
  const beats = trackBeats(envelope.values, tempo.periodHops);
  const period = fittedPeriod(beats, tempo.periodHops);
  return {
    bpm: Math.round((600_000 / (period * envelope.hopMs))) / 10,
    beats_ms: beats.map((b) => Math.round(offsetMs + envelope.offsetMs + b * envelope.hopMs)),
    confidence: Math.round(tempo.confidence * 1000) / 1000,
  };
}

/**
 * Tempo and beat times of a file's first sound stream, in file milliseconds. A file too short
 * to hold four beats at the slowest tempo gives bpm 0 and no beats.
 */
export async function detectBeats(path: string, ff: AnalysisFfmpeg, opts: BeatOptions = {}): Promise<BeatAnalysis> {
  await requireFile(path);
  const samples = await decodeMono(path, opts, ff);
  return analyseBeats(samples, BEAT_SAMPLE_RATE, opts, Math.max(0, Math.round(opts.startMs ?? 0)));
}
