// Captions (timeline.captions) burned into the picture through libass. They add one style and
// their events to the titles' `.ass` file (text-overlay.ts), so one libass pass draws both.
//
// Three looks: `classic` shows each caption line (timeline/captions.ts captionLines) from its
// first word's start to its last word's end; `karaoke` shows the same lines and sweeps each word
// into the caption colour as it is said (ASS \kf, centisecond durations); `bold` shows pages of
// one to three big upper-case words (TikTok-style pagination, as Remotion's captions do).
//
// Line breaks are ours, not libass's: rows are broken by the text's width measured in the font
// files libass draws with (text-measure.ts), which is what lets Chinese (no spaces, so libass
// cannot wrap it) break between characters, and keeps every cue to at most two rows inside the
// side margins. Without a readable font the estimate below answers, and it errs wide; libass's
// own wrapping stays on as a safety net.
import { captionLines } from '../timeline/index.js';
import type { Captions } from '../timeline/schema.js';
import { hasCjk } from './fonts.js';
import { ZERO_WIDTH, type MeasureText } from './text-measure.js';
import {
  ALIGNMENT,
  assCentiseconds,
  assColor,
  assDialogue,
  assStyleLine,
  escapeAssText,
  fontSize,
  frameAtOrAfter,
  safeArea,
  type AssPart,
  type SafeArea,
  type TitleLayout,
} from './text-overlay.js';

type Word = Captions['words'][number];

export const CAPTION_STYLE = 'Captions';

// ---------------------------------------------------------------------------------------------
// Estimated widths

// Advance widths as shares of the ASS font size, which libass takes as the font's line height
// (ascent + descent), not its em. Fitted to DejaVu Sans Bold, the widest of the faces we pin,
// and rounded up; Noto Sans CJK's Latin is narrower. A CJK glyph is 1 em of Noto Sans CJK,
// whose line height is 1.45 em, so about 0.69 of the size.
const EMOJI = /[\p{Extended_Pictographic}\u{1f1e6}-\u{1f1ff}]/u;
const NARROW = /[ijlI.,:;'!|`]/;
const SEMI_NARROW = /[frt()[\]{}"\-/\\*]/;
const WIDE = /[mwMW@%&]/;
const WIDE_OTHER = /[ÆŒæœЖШЩЫЮФжшщыюф]/u;
const UPPER_OR_DIGIT = /[A-Z0-9]/;
const LOWER = /[a-z]/;

function charWidth(ch: string): number {
  if (ZERO_WIDTH.test(ch)) return 0;
  if (ch === ' ') return 0.32;
  if (hasCjk(ch)) return 0.72;
  if (EMOJI.test(ch)) return 1.0;
  if (NARROW.test(ch)) return 0.32;
  if (SEMI_NARROW.test(ch)) return 0.45;
  if (WIDE.test(ch)) return 0.95;
  if (WIDE_OTHER.test(ch)) return 1.15;
  if (UPPER_OR_DIGIT.test(ch)) return 0.72;
  if (LOWER.test(ch)) return 0.6;
  return 0.8; // accented Latin, Greek, Cyrillic, symbols: err wide
}

/** Estimated width in pixels of one row of `text` at ASS font size `size`, for when no font file can be read. */
export function estimateTextWidth(text: string, size: number): number {
  let units = 0;
  for (const ch of text) units += charWidth(ch);
  return units * size;
}

// ---------------------------------------------------------------------------------------------
// Breaking a cue into rows

/**
 * A run of a cue's text that is never broken: the rows break only between segments. `sep` is
 * what stands between it and the segment before (a space, which a break swallows, or nothing).
 */
interface Segment {
  text: string;
  /** Index of its word in the cue. */
  word: number;
  sep: '' | ' ';
}

// A CJK break may not put closing punctuation at a row's start or opening punctuation at an end.
const CLOSING = /[、。，．：；！？）」』】〉》〕｝〙〗〟’”ー…,.:;!?)\]}]/u;
const OPENING = /[（「『【〈《〔｛〘〖〝‘“([{]/u;

function tightJoin(before: string, after: string): boolean {
  const last = [...before].at(-1) ?? '';
  const first = [...after][0] ?? '';
  return hasCjk(last) || hasCjk(first);
}

/** Where a word may break inside: between characters when either side is CJK. */
function wordPieces(text: string): string[] {
  const chars = [...text];
  const pieces: string[] = [];
  let current = '';
  chars.forEach((ch, i) => {
    const prev = chars[i - 1];
    const breakable =
      prev !== undefined && (hasCjk(prev) || hasCjk(ch)) && !CLOSING.test(ch) && !OPENING.test(prev) && !ZERO_WIDTH.test(ch);
    if (breakable && current) {
      pieces.push(current);
      current = '';
    }
    current += ch;
  });
  if (current) pieces.push(current);
  return pieces;
}

function segmentsOf(texts: string[]): Segment[] {
  const segments: Segment[] = [];
  texts.forEach((text, word) => {
    // A word set by hand may hold spaces of its own: they are break points like any other.
    text.split(' ').filter(Boolean).forEach((part, p) => {
      wordPieces(part).forEach((piece, k) => {
        const previous = segments.at(-1);
        const sep = !previous || k > 0 ? '' : p > 0 || !tightJoin(previous.text, piece) ? ' ' : '';
        segments.push({ text: piece, word, sep });
      });
    });
  });
  return segments;
}

function rowWidth(segments: Segment[], size: number, measure: MeasureText): number {
  return segments.reduce((w, s, i) => w + measure((i > 0 ? s.sep : '') + s.text, size), 0);
}

/** The cue's segments in one row when they fit, else two rows as even as can be. */
function twoRows(segments: Segment[], size: number, maxWidth: number, measure: MeasureText): { rows: Segment[][]; width: number } {
  const whole = rowWidth(segments, size, measure);
  if (whole <= maxWidth || segments.length < 2) return { rows: [segments], width: whole };
  let best = { rows: [segments], width: whole };
  for (let k = 1; k < segments.length; k++) {
    const top = segments.slice(0, k);
    const bottom = segments.slice(k);
    const width = Math.max(rowWidth(top, size, measure), rowWidth(bottom, size, measure));
    if (width < best.width) best = { rows: [top, bottom], width };
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Cues

/** How captions look on this output: font size, outline, margins and the widest row allowed. */
export interface CaptionMetrics {
  size: number;
  outline: number;
  margins: SafeArea;
  alignment: number;
  marginV: number;
  /** Widest a row's text may be, the outline on both sides left out, to stay inside the side margins. */
  maxWidth: number;
}

/**
 * Margins: on 9:16 the Reels safe zone (text between y ≈ 270 and 1250 of 1920, 6 % at the
 * left, clear of the button rail at the right); elsewhere 6 % around, and at least 8 % of the
 * height under bottom captions, where subtitles are usually read.
 */
export function captionMargins(aspect: TitleLayout['aspect'], width: number, height: number): SafeArea {
  const safe = safeArea(aspect, width, height);
  if (aspect === '9:16') return safe;
  return { ...safe, bottom: Math.max(safe.bottom, Math.round(height * 0.08)) };
}

const BOLD_SCALE = 1.6;

export function captionMetrics(captions: Pick<Captions, 'style' | 'size' | 'position'>, layout: Pick<TitleLayout, 'aspect' | 'width' | 'height'>): CaptionMetrics {
  const { width, height } = layout;
  const base = fontSize(captions.size, width, height);
  const bold = captions.style === 'bold';
  const size = bold ? Math.round(base * BOLD_SCALE) : base;
  const outline = Math.max(1, Math.round(size * (bold ? 0.1 : 0.08)));
  const margins = captionMargins(layout.aspect, width, height);
  const position = captions.position;
  const marginV = position === 'top' ? margins.top : position === 'bottom' ? margins.bottom : 0;
  return {
    size,
    outline,
    margins,
    alignment: ALIGNMENT[position],
    marginV,
    maxWidth: width - margins.left - margins.right - 2 * outline,
  };
}

/** One caption event: what is on screen over output frames [first, end). */
export interface CaptionCue {
  first: number;
  end: number;
  /** The cue's words as shown (upper-case in the bold style). */
  words: Word[];
  /** The text of each row, as shown (one or two rows). */
  rows: string[];
  /** The font size the cue is drawn at: the style's, or smaller for a word too long for a row. */
  size: number;
  /** The dialogue text: escaped words, row breaks, karaoke tags. */
  text: string;
}

const SENTENCE_END = /[.!?。！？…]$/u;
const PAGE_MAX_WORDS = 3;
const PAGE_MAX_MS = 1200;
const PAGE_FULL_MS = 800;
const PAGE_GAP_MS = 300;

/**
 * Bold pages: up to three words; a page closes once it has lasted 800 ms, before a word that
 * would stretch it past 1200 ms, at a sentence's end and at a pause.
 */
export function boldPages(words: readonly Word[]): Array<{ first: number; count: number }> {
  const pages: Array<{ first: number; count: number }> = [];
  let page: { first: number; count: number; start: number; end: number } | null = null;
  words.forEach((w, i) => {
    const prev = words[i - 1];
    const close =
      !page ||
      !prev ||
      page.count >= PAGE_MAX_WORDS ||
      page.end - page.start >= PAGE_FULL_MS ||
      w.end_ms - page.start > PAGE_MAX_MS ||
      w.start_ms - prev.end_ms >= PAGE_GAP_MS ||
      SENTENCE_END.test(prev.text);
    if (close || !page) {
      page = { first: i, count: 1, start: w.start_ms, end: w.end_ms };
      pages.push(page);
    } else {
      page.count += 1;
      page.end = Math.max(page.end, w.end_ms);
    }
  });
  return pages.map(({ first, count }) => ({ first, count }));
}

interface Context {
  layout: TitleLayout;
  metrics: CaptionMetrics;
  measure: MeasureText;
}

/** Split a group of words into cues that each fit in two rows (a lone word shrinks instead). */
function fitGroup(words: Word[], ctx: Context): Array<{ words: Word[]; rows: Segment[][]; size: number }> {
  const { size, maxWidth } = ctx.metrics;
  const segments = segmentsOf(words.map((w) => w.text));
  const layout = twoRows(segments, size, maxWidth, ctx.measure);
  if (layout.width <= maxWidth || words.length === 1) {
    const scaled = layout.width > maxWidth ? Math.max(1, Math.floor((size * maxWidth) / layout.width)) : size;
    return [{ words, rows: layout.rows, size: scaled }];
  }
  // Too long for two rows: show it in two halves, one after the other, split where the widths
  // are most even.
  const widths = words.map((w) => ctx.measure(w.text, size));
  const total = widths.reduce((a, b) => a + b, 0);
  let k = 1;
  let best = Infinity;
  let before = 0;
  for (let i = 1; i < words.length; i++) {
    before += widths[i - 1]!;
    const worst = Math.max(before, total - before);
    if (worst < best) {
      best = worst;
      k = i;
    }
  }
  return [...fitGroup(words.slice(0, k), ctx), ...fitGroup(words.slice(k), ctx)];
}

function frameOf(ms: number, ctx: Context, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, frameAtOrAfter(ms, ctx.layout.fps)));
}

function plainRows(rows: Segment[][]): string[] {
  return rows.map((row) => row.map((s, i) => (i > 0 ? s.sep : '') + s.text).join(''));
}

function staticText(rows: Segment[][]): string {
  return rows.map((row) => row.map((s, i) => (i > 0 ? s.sep : '') + escapeAssText(s.text)).join('')).join('\\N');
}

/**
 * Karaoke text: each word swept (\kf) over the centiseconds it is spoken, pauses between words
 * held (\k) on the space before the next one, so the durations add up to the cue's length.
 */
function karaokeText(rows: Segment[][], words: Word[], first: number, end: number, ctx: Context): string {
  const fps = ctx.layout.fps;
  const cs = (ms: number) => assCentiseconds(frameOf(ms, ctx, first, end), fps);
  const cueStart = assCentiseconds(first, fps);
  const cueEnd = assCentiseconds(end, fps);
  const spans: Array<{ gap: number; length: number }> = [];
  let t = cueStart;
  words.forEach((w, j) => {
    const start = Math.max(t, cs(w.start_ms));
    const next = words[j + 1];
    const stop = Math.min(Math.max(start, cs(w.end_ms)), next ? Math.max(start, cs(next.start_ms)) : cueEnd);
    spans.push({ gap: start - t, length: stop - start });
    t = stop;
  });
  let text = '';
  let word = -1;
  rows.forEach((row, r) => {
    row.forEach((s, i) => {
      const sep = i === 0 ? (r > 0 ? '\\N' : '') : s.sep;
      if (s.word !== word) {
        word = s.word;
        const span = spans[word]!;
        if (span.gap > 0) text += `{\\k${span.gap}}`;
        text += `${sep}{\\kf${span.length}}`;
      } else {
        text += sep;
      }
      text += escapeAssText(s.text);
    });
  });
  if (cueEnd > t) text += `{\\k${cueEnd - t}}`;
  return text;
}

/** The caption events of a timeline, in order, clipped to the output's frames. */
export function captionCues(captions: Captions, layout: TitleLayout, measure: MeasureText = estimateTextWidth): CaptionCue[] {
  const metrics = captionMetrics(captions, layout);
  const ctx: Context = { layout, metrics, measure };
  const bold = captions.style === 'bold';
  // Each word's text on one line: the timeline may hold any string; emoji and symbols stay.
  const words = captions.words
    .map((w) => ({ ...w, text: (bold ? w.text.toUpperCase() : w.text).replace(/\s+/gu, ' ').trim() }))
    .filter((w) => w.text !== '');
  const groups = bold
    ? boldPages(words).map((p) => words.slice(p.first, p.first + p.count))
    : captionLines(words).map((l) => words.slice(l.first, l.first + l.count));
  const cues: CaptionCue[] = [];
  for (const group of groups) {
    for (const fitted of fitGroup(group, ctx)) {
      const startMs = Math.min(...fitted.words.map((w) => w.start_ms));
      const endMs = Math.max(...fitted.words.map((w) => w.end_ms));
      const first = frameAtOrAfter(startMs, layout.fps);
      const end = Math.min(frameAtOrAfter(endMs, layout.fps), layout.frames);
      if (end <= first) continue;
      const body = captions.style === 'karaoke' ? karaokeText(fitted.rows, fitted.words, first, end, ctx) : staticText(fitted.rows);
      const sizeTag = fitted.size === metrics.size ? '' : `{\\fs${fitted.size}}`;
      cues.push({ first, end, words: fitted.words, rows: plainRows(fitted.rows), size: fitted.size, text: sizeTag + body });
    }
  }
  return cues;
}

/** A colour at half brightness: karaoke words not yet said. */
function dimmed(hex: string): string {
  const h = hex.replace('#', '');
  const half = (i: number) => Math.round(parseInt(h.slice(i, i + 2), 16) * 0.5).toString(16).padStart(2, '0');
  return `#${half(0)}${half(2)}${half(4)}`;
}

/** Captions' part of the `.ass` file: one style, one event a cue. Nothing when there are no words. */
export function captionsAssPart(captions: Captions | null, layout: TitleLayout, fontFamily: string, measure: MeasureText = estimateTextWidth): AssPart {
  if (!captions || captions.words.length === 0) return { styles: [], events: [] };
  const cues = captionCues(captions, layout, measure);
  if (cues.length === 0) return { styles: [], events: [] };
  const m = captionMetrics(captions, layout);
  const black = assColor('#000000');
  const style = assStyleLine({
    name: CAPTION_STYLE,
    fontFamily,
    size: m.size,
    primary: assColor(captions.color),
    secondary: assColor(captions.style === 'karaoke' ? dimmed(captions.color) : captions.color),
    outlineColour: black,
    backColour: black,
    borderStyle: 1,
    outline: m.outline,
    shadow: 0,
    alignment: m.alignment,
    marginL: m.margins.left,
    marginR: m.margins.right,
    marginV: m.marginV,
  });
  return {
    styles: [style],
    events: cues.map((c) => assDialogue(c.first, c.end, layout.fps, CAPTION_STYLE, c.text)),
  };
}

/** Every caption word's text, for choosing a font that has its glyphs (fonts.ts chooseFont). */
export function captionTexts(captions: Captions | null): string[] {
  return captions ? captions.words.map((w) => w.text) : [];
}
