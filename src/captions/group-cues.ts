// Words into the cues a person reads: a cue ends at a pause, when it would grow past a number of
// characters, or when it would stay on screen too long. Lengths are counted in graphemes, so an
// emoji with a skin tone or a ZWJ family is one character and is never cut in two. Chinese and
// Japanese are written without spaces: their words are joined without one and, as Latin words
// that are too long, a run longer than a whole cue is broken between characters.
import type { Cue, TranscriptWord } from './transcript.js';

export interface CueLimits {
  /** Most graphemes of text in one cue, spaces included. */
  maxChars: number;
  /** Longest a cue stays on screen, from its first word's start to its last word's end. */
  maxMs: number;
  /** A silence longer than this between two words starts a new cue. */
  maxGapMs: number;
}

// 42 characters is the broadcast rule of thumb for one line of Latin text.
export const DEFAULT_CUE_LIMITS: CueLimits = { maxChars: 42, maxMs: 5000, maxGapMs: 600 };

const CJK = /[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u{20000}-\u{2fa1f}]/u;
// Punctuation that hugs the word before it in Latin scripts.
const CLOSING = /^[,.!?;:%)\]}…'’”]/u;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** Whether two pieces of text are written without a space between them. */
function joinsTight(before: string, after: string): boolean {
  const last = graphemes(before).at(-1) ?? '';
  const first = graphemes(after)[0] ?? '';
  return CJK.test(last) || CJK.test(first) || CLOSING.test(after);
}

/** `before` and `after` written one after the other, with a space where the script has one. */
export function joinWords(before: string, after: string): string {
  if (before === '') return after;
  return joinsTight(before, after) ? before + after : `${before} ${after}`;
}

/** A word too long for any cue, cut into cue-sized runs whose times share the word's span. */
function splitLongWord(word: TranscriptWord, maxChars: number): TranscriptWord[] {
  const chars = graphemes(word.text);
  if (chars.length <= maxChars) return [word];
  const span = word.end_ms - word.start_ms;
  const pieces: TranscriptWord[] = [];
  for (let i = 0; i < chars.length; i += maxChars) {
    const j = Math.min(chars.length, i + maxChars);
    const piece: TranscriptWord = {
      text: chars.slice(i, j).join(''),
      start_ms: word.start_ms + Math.round((i * span) / chars.length),
      end_ms: word.start_ms + Math.round((j * span) / chars.length),
    };
    if (word.confidence !== undefined) piece.confidence = word.confidence;
    pieces.push(piece);
  }
  return pieces;
}

/** Cues from words in time order. Empty words are skipped; limits below 1 count as 1. */
export function groupCues(words: readonly TranscriptWord[], limits: Partial<CueLimits> = {}): Cue[] {
  const { maxChars, maxMs, maxGapMs } = { ...DEFAULT_CUE_LIMITS, ...limits };
  const charLimit = Math.max(1, Math.floor(maxChars));
  const pieces = words
    .map((w) => ({ ...w, text: w.text.trim() }))
    .filter((w) => w.text !== '')
    .flatMap((w) => splitLongWord(w, charLimit));

  const cues: Cue[] = [];
  let current: (Cue & { last_end_ms: number }) | null = null;
  for (const w of pieces) {
    if (current) {
      const text = joinWords(current.text, w.text);
      const fits =
        w.start_ms - current.last_end_ms <= maxGapMs &&
        graphemes(text).length <= charLimit &&
        Math.max(current.end_ms, w.end_ms) - current.start_ms <= maxMs;
      if (fits) {
        current.text = text;
        current.end_ms = Math.max(current.end_ms, w.end_ms);
        current.last_end_ms = w.end_ms;
        continue;
      }
      cues.push({ start_ms: current.start_ms, end_ms: current.end_ms, text: current.text });
    }
    current = { start_ms: w.start_ms, end_ms: w.end_ms, text: w.text, last_end_ms: w.end_ms };
  }
  if (current) cues.push({ start_ms: current.start_ms, end_ms: current.end_ms, text: current.text });
  return cues;
}
