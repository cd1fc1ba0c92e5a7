// Titles (timeline.texts) burned into the picture, last in the graph. With libass: one `.ass`
// file whose play area is the output size, so positions and sizes are output pixels; captions
// (captions-overlay.ts) add their style and events to the same file, so one libass pass draws
// both. Without libass: drawtext reading each title from its own file. Either way a person's
// words live only in a file the plan writes, never in the filter graph, so no text can break it.
import type { Aspect, TextSegment } from '../timeline/schema.js';
import type { FontFace } from './fonts.js';
import { filter, formatNumber } from './filtergraph.js';

/**
 * The overlay file's name (titles and captions); the render runs ffmpeg with the job folder as
 * its working directory.
 */
export const TITLES_FILE = 'reelcut-titles.ass';
export const titleTextFile = (n: number) => `reelcut-title-${n}.txt`;

export interface SafeArea {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/**
 * Margins titles keep from each edge, in output pixels. Reels and Stories (9:16): the app's UI
 * covers the top 14 % and everything below y ≈ 1250 of 1920, 6 % at the left and the button
 * rail (≈ 120 of 1080 px) at the right (INSTAGRAM.md). Feed and landscape formats: 6 % around.
 */
export function safeArea(aspect: Aspect, width: number, height: number): SafeArea {
  if (aspect === '9:16') {
    return {
      top: Math.round(height * (270 / 1920)),
      bottom: Math.round(height * (670 / 1920)),
      left: Math.round(width * 0.06),
      right: Math.round(width * (120 / 1080)),
    };
  }
  const m = Math.round(Math.min(width, height) * 0.06);
  return { top: m, bottom: m, left: m, right: m };
}

/** Font size in output pixels: a share of the short side. */
export function fontSize(size: TextSegment['style']['size'], width: number, height: number): number {
  const share = { small: 0.045, medium: 0.06, large: 0.08 }[size];
  return Math.max(8, Math.round(Math.min(width, height) * share));
}

/** First output frame at or after `ms` (a frame at time t shows titles with start ≤ t < end). */
export function frameAtOrAfter(ms: number, fps: number): number {
  return Math.ceil((ms * fps) / 1000 - 1e-9);
}

/**
 * The `.ass` time (centiseconds) that switches on exactly at output frame `frame`. libass gets
 * each frame's time truncated to whole milliseconds, possibly one below; a boundary at least
 * 1 ms before the frame and (at ≤ 60 fps) at least 5 ms after the frame before it is hit by
 * that frame and missed by the one before, whatever the float rounding.
 */
export function assCentiseconds(frame: number, fps: number): number {
  return Math.max(0, Math.floor(((frame * 1000) / fps - 1) / 10));
}

export function assTime(cs: number): string {
  const h = Math.floor(cs / 360000);
  const m = Math.floor((cs % 360000) / 6000);
  const s = Math.floor((cs % 6000) / 100);
  const c = cs % 100;
  const p2 = (v: number) => String(v).padStart(2, '0');
  return `${h}:${p2(m)}:${p2(s)}.${p2(c)}`;
}

/**
 * A person's words as ASS dialogue text, shown literally: braces would open override tags and a
 * backslash could form \N, \h or \{ with the next letter, so braces are escaped (\{ \}) and every
 * backslash is followed by a WORD JOINER (U+2060, invisible) so it never pairs with what follows.
 * Line breaks become \N; other control characters become spaces.
 */
export function escapeAssText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\\/g, '\\\u2060')
    .replace(/[{}]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\N')
    .replace(/[\u0000-\u001f\u007f]/g, ' ');
}

/** #rrggbb → ASS &HAABBGGRR (alpha 00 = opaque). */
export function assColor(hex: string, alpha = 0): string {
  const h = hex.replace('#', '');
  const a = alpha.toString(16).padStart(2, '0');
  return `&H${a}${h.slice(4, 6)}${h.slice(2, 4)}${h.slice(0, 2)}`.toUpperCase();
}

export const ALIGNMENT = { top: 8, center: 5, bottom: 2 } as const;
/** The box behind boxed titles: black, about 40 % opaque. */
const BOX_ALPHA = 0x99;

export interface TitleLayout {
  aspect: Aspect;
  width: number;
  height: number;
  fps: number;
  /** Output length in frames: titles are clipped to it. */
  frames: number;
}

/** A title's frame range [first, end) on the output, or null when none of it is on screen. */
export function titleFrames(t: TextSegment, layout: TitleLayout): { first: number; end: number } | null {
  const first = frameAtOrAfter(t.start_ms, layout.fps);
  const end = Math.min(frameAtOrAfter(t.end_ms, layout.fps), layout.frames);
  return end > first ? { first, end } : null;
}

/** One `Style:` line of the `.ass` file, its fields named (the format line below fixes their order). */
export interface AssStyle {
  name: string;
  fontFamily: string;
  size: number;
  primary: string;
  secondary: string;
  outlineColour: string;
  backColour: string;
  /** 1: outline and shadow; 3: an opaque box. */
  borderStyle: 1 | 3;
  outline: number;
  shadow: number;
  /** Numpad position: 2 bottom centre, 5 middle centre, 8 top centre. */
  alignment: number;
  marginL: number;
  marginR: number;
  marginV: number;
}

/** libass reads the style line as comma-separated fields, so a family name loses its commas. */
function assFontName(family: string): string {
  return family.replace(/,/g, ' ');
}

export function assStyleLine(s: AssStyle): string {
  return [
    `Style: ${s.name}`, assFontName(s.fontFamily), s.size,
    s.primary, s.secondary, s.outlineColour, s.backColour,
    -1, 0, 0, 0, 100, 100, 0, 0,
    s.borderStyle, s.outline, s.shadow,
    s.alignment, s.marginL, s.marginR, s.marginV, 1,
  ].join(',');
}

/** A dialogue line shown on output frames [first, end); `text` is already ASS (escaped, tagged). */
export function assDialogue(first: number, end: number, fps: number, style: string, text: string): string {
  const start = assTime(assCentiseconds(first, fps));
  const stop = assTime(assCentiseconds(end, fps));
  return `Dialogue: 0,${start},${stop},${style},,0,0,0,,${text}`;
}

/** What one kind of overlay adds to the shared `.ass` file. */
export interface AssPart {
  styles: string[];
  events: string[];
}

/** Titles' part of the `.ass` file: one style a title (its size, colour, outline or box, position). */
export function titlesAssPart(texts: TextSegment[], layout: TitleLayout, fontFamily: string): AssPart {
  const { width, height, fps } = layout;
  const safe = safeArea(layout.aspect, width, height);
  const styles: string[] = [];
  const events: string[] = [];
  texts.forEach((t, i) => {
    const range = titleFrames(t, layout);
    if (!range) return;
    const name = `T${i + 1}`;
    const size = fontSize(t.style.size, width, height);
    const box = t.style.box;
    const outline = box ? Math.round(size * 0.25) : t.style.outline ? Math.max(1, Math.round(size * 0.06)) : 0;
    const edge = box ? assColor('#000000', BOX_ALPHA) : assColor('#000000');
    const marginV = t.position === 'top' ? safe.top : t.position === 'bottom' ? safe.bottom : 0;
    styles.push(
      assStyleLine({
        name, fontFamily, size,
        primary: assColor(t.style.color), secondary: assColor(t.style.color), outlineColour: edge, backColour: edge,
        borderStyle: box ? 3 : 1, outline, shadow: 0,
        alignment: ALIGNMENT[t.position], marginL: safe.left, marginR: safe.right, marginV,
      }),
    );
    events.push(assDialogue(range.first, range.end, fps, name, escapeAssText(t.text)));
  });
  return { styles, events };
}

/** The whole `.ass` file: the parts' styles and events under one header, play area = output. */
export function buildOverlayAss(parts: AssPart[], layout: Pick<TitleLayout, 'width' | 'height'>): string {
  return [
    '[Script Info]',
    '; Written by reelcut: titles and captions burned into the video.',
    'ScriptType: v4.00+',
    `PlayResX: ${layout.width}`,
    `PlayResY: ${layout.height}`,
    'WrapStyle: 0',
    'ScaledBorderAndShadow: yes',
    'YCbCr Matrix: TV.709',
    '',
    '[V4+ Styles]',
    'Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding',
    ...parts.flatMap((p) => p.styles),
    '',
    '[Events]',
    'Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text',
    ...parts.flatMap((p) => p.events),
    '',
  ].join('\n');
}

/** The `ass` filter for the titles file, fonts loaded from the pinned folder. */
export function assFilter(fontsDir: string | null): string {
  return filter('ass', { filename: TITLES_FILE, fontsdir: fontsDir ?? undefined });
}

/**
 * Fallback without libass: one drawtext a title, its words read from `titleTextFile(n)` with
 * expansion off (so `%` stays a percent sign). drawtext does not wrap long lines.
 */
export function drawtextFilters(
  texts: TextSegment[],
  layout: TitleLayout,
  font: FontFace | null,
): { filters: string[]; files: Array<{ name: string; content: string }> } {
  const { width, height } = layout;
  const safe = safeArea(layout.aspect, width, height);
  const filters: string[] = [];
  const files: Array<{ name: string; content: string }> = [];
  texts.forEach((t, i) => {
    const range = titleFrames(t, layout);
    if (!range) return;
    const name = titleTextFile(i + 1);
    files.push({ name, content: t.text.replace(/\r\n?/g, '\n') });
    const size = fontSize(t.style.size, width, height);
    const inner = width - safe.left - safe.right;
    const y =
      t.position === 'top' ? String(safe.top) : t.position === 'bottom' ? `${height - safe.bottom}-text_h` : '(h-text_h)/2';
    filters.push(
      filter('drawtext', {
        textfile: name,
        fontfile: font ? (font.bold ?? font.file) : undefined,
        expansion: 'none',
        fontsize: size,
        fontcolor: `0x${t.style.color.replace('#', '')}`,
        borderw: !t.style.box && t.style.outline ? Math.max(1, Math.round(size * 0.06)) : undefined,
        bordercolor: !t.style.box && t.style.outline ? 'black' : undefined,
        box: t.style.box ? 1 : undefined,
        boxcolor: t.style.box ? 'black@0.4' : undefined,
        boxborderw: t.style.box ? Math.round(size * 0.25) : undefined,
        x: `${safe.left}+(${inner}-text_w)/2`,
        y,
        enable: `between(n,${formatNumber(range.first)},${formatNumber(range.end - 1)})`,
      }),
    );
  });
  return { filters, files };
}
