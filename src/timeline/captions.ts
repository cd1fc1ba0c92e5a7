// Caption words on the timeline: splitting text into words (Chinese and Japanese have no spaces),
// spreading words over a span, and grouping words into the lines a person sees on screen.
import type { Captions } from './schema.js';

type Word = Captions['words'][number];

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/u;
const CJK_PUNCT = /^[\u3000-\u303f\uff00-\uffef]$/u;

/** Words of a text: spaces separate words; each CJK character is a word (punctuation stays with it). */
export function captionTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const chunk of text.trim().split(/\s+/u)) {
    if (!chunk) continue;
    if (!CJK.test(chunk)) {
      tokens.push(chunk);
      continue;
    }
    let latin = '';
    for (const ch of chunk) {
      if (CJK.test(ch)) {
        if (latin) tokens.push(latin);
        latin = '';
        tokens.push(ch);
      } else if (CJK_PUNCT.test(ch) && tokens.length > 0 && !latin) {
        tokens[tokens.length - 1] += ch;
      } else {
        latin += ch;
      }
    }
    if (latin) tokens.push(latin);
  }
  return tokens;
}

/** Words spread evenly over [start, end): each word gets the same share of time. */
export function spreadWords(tokens: string[], start_ms: number, end_ms: number): Word[] {
  const n = tokens.length;
  const span = end_ms - start_ms;
  return tokens.map((text, i) => ({
    text,
    start_ms: start_ms + Math.round((i * span) / n),
    end_ms: start_ms + Math.round(((i + 1) * span) / n),
  }));
}

export interface CaptionLine {
  /** Index of the first word in `captions.words` and how many words the line has. */
  first: number;
  count: number;
  text: string;
  start_ms: number;
  end_ms: number;
}

const LINE_MAX_WORDS = 7;
const LINE_MAX_MS = 3000;
const LINE_GAP_MS = 300;
const SENTENCE_END = /[.!?。！？…]$/u;

/**
 * Groups words into on-screen lines: a line ends at a sentence's end, at a pause of 300 ms or
 * more, after 7 words or when it would last over 3 s. `edit_caption` replaces one such line.
 */
export function captionLines(words: readonly Word[]): CaptionLine[] {
  const lines: CaptionLine[] = [];
  let current: CaptionLine | null = null;
  words.forEach((w, i) => {
    const prev = words[i - 1];
    const breakHere =
      !current ||
      !prev ||
      SENTENCE_END.test(prev.text) ||
      w.start_ms - prev.end_ms >= LINE_GAP_MS ||
      current.count >= LINE_MAX_WORDS ||
      w.end_ms - current.start_ms > LINE_MAX_MS;
    if (breakHere || !current) {
      current = { first: i, count: 1, text: w.text, start_ms: w.start_ms, end_ms: w.end_ms };
      lines.push(current);
    } else {
      current.count += 1;
      current.text += (CJK.test(w.text[0] ?? '') ? '' : ' ') + w.text;
      current.end_ms = Math.max(current.end_ms, w.end_ms);
    }
  });
  return lines;
}
