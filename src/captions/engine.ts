// The one shape every speech recogniser takes, so the rest of reelcut never asks which it has.
import type { Transcript } from './transcript.js';

export interface TranscribeOptions {
  /** The spoken language as an ISO 639-1 code ("en", "zh"); engines that can detect it may omit it. */
  language?: string;
  signal?: AbortSignal;
}

export interface SpeechEngine {
  /** For messages and benchmarks: "openai-compatible", "whisper.cpp", "pocketsphinx". */
  readonly name: string;
  /** Words of the speech in an audio file; best given a 16 kHz mono WAV (`extractSpeechWav`). */
  transcribe(wavPath: string, opts?: TranscribeOptions): Promise<Transcript>;
}
