// What a speech engine hears: words with times on the audio's clock and how sure it was of each.
// Engines differ in what they report (OpenAI's words carry no confidence, pocketsphinx's do), so
// confidence is optional and nothing downstream depends on it.
import type { Captions } from '../timeline/index.js';

export interface TranscriptWord {
  text: string;
  start_ms: number;
  end_ms: number;
  /** 0..1 where the engine reports one. */
  confidence?: number;
}

export interface Transcript {
  /** What the engine was told or detected, as it said it ("en", "english", "zh"). */
  language?: string;
  words: TranscriptWord[];
}

/** One subtitle on screen: the text (lines joined by "\n") shown over [start_ms, end_ms]. */
export interface Cue {
  start_ms: number;
  end_ms: number;
  text: string;
}

type CaptionWord = Captions['words'][number];

/**
 * The timeline's caption words for a transcript: whole milliseconds, no empty words, in time
 * order, never ending before they start, confidence kept within 0..1 when there is one.
 */
export function toCaptionWords(transcript: Transcript): CaptionWord[] {
  return transcript.words
    .map((w) => ({ ...w, text: w.text.trim() }))
    .filter((w) => w.text !== '')
    .map((w) => {
      const start_ms = Math.max(0, Math.round(w.start_ms));
      const end_ms = Math.max(start_ms, Math.round(w.end_ms));
      const word: CaptionWord = { text: w.text, start_ms, end_ms };
      if (w.confidence !== undefined && Number.isFinite(w.confidence)) {
        word.confidence = Math.min(1, Math.max(0, w.confidence));
      }
      return word;
    })
    .sort((a, b) => a.start_ms - b.start_ms || a.end_ms - b.end_ms);
}

/** Seconds (as engines report them) to whole milliseconds. */
export function secondsToMs(s: number): number {
  return Math.round(s * 1000);
}
