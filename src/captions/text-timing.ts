// Captions from words a person gave: timed where the speech is, not spread evenly over the
// video (which would show words over silences), and SRT/VTT text taken at its own cue times.
import { captionTokens, spreadWords, type Captions } from '../timeline/index.js';
import type { Cue } from './transcript.js';
import { parseSrt } from './srt.js';
import { parseVtt } from './vtt.js';

type CaptionWord = Captions['words'][number];

export interface Region {
  start_ms: number;
  end_ms: number;
}

/**
 * The tokens in order over the regions, each region taking a share of them proportional to its
 * length (a blip of sound far shorter than the rest may get none), each token an equal slice of
 * its region.
 */
export function wordsOverRegions(tokens: readonly string[], regions: readonly Region[]): CaptionWord[] {
  const usable = regions.filter((r) => r.end_ms > r.start_ms);
  const total = usable.reduce((sum, r) => sum + (r.end_ms - r.start_ms), 0);
  if (tokens.length === 0 || total === 0) return [];
  const words: CaptionWord[] = [];
  let given = 0;
  let lengthBefore = 0;
  usable.forEach((r, i) => {
    lengthBefore += r.end_ms - r.start_ms;
    const upTo = i === usable.length - 1 ? tokens.length : Math.min(tokens.length, Math.max(given, Math.round((tokens.length * lengthBefore) / total)));
    const mine = tokens.slice(given, upTo);
    given = upTo;
    if (mine.length > 0) words.push(...spreadWords([...mine], r.start_ms, r.end_ms));
  });
  return words;
}

/** A cue's timing, "00:00:01,000 --> 00:…" (SRT) or "00:01.000 --> …" (WebVTT), as a pattern's source. */
export const CUE_TIMING = String.raw`\d{1,2}:\d{2}(?::\d{2})?[,.]\d{3}\s*-->\s*\d`;
const CUE_TIMING_ANYWHERE = new RegExp(CUE_TIMING);

/** Whether a text given as captions is an SRT or WebVTT file's content rather than plain words. */
export function looksLikeCueFile(text: string): boolean {
  return /^\uFEFF?WEBVTT/.test(text) || CUE_TIMING_ANYWHERE.test(text);
}

/** SRT or VTT text as caption words: each cue's words spread over the cue's own time. */
export function wordsFromCueFile(text: string): CaptionWord[] {
  const cues: Cue[] = /^\uFEFF?WEBVTT/.test(text) ? parseVtt(text) : parseSrt(text);
  return cues.flatMap((c) => spreadWords(captionTokens(c.text), c.start_ms, c.end_ms));
}
