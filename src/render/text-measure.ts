// Text widths as libass will draw them, measured from the font files it is given: the glyph
// advances after shaping (kerning and ligatures included), scaled the way libass scales a font,
// where the ASS font size is the face's Windows ascent + descent, not its em (VSFilter's rule;
// libass ass_face_set_size). A character no pinned face has is measured in the face libass's
// fontconfig fallback would most likely take (a monochrome emoji font), else estimated wide.
import { existsSync, readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import type { FontFace } from './fonts.js';

/** Marks, format characters and variation selectors: no width of their own, part of the character before. */
export const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}\ufe00-\ufe0f]/u;

/** Width in pixels of one row of `text` at ASS font size `size`. */
export type MeasureText = (text: string, size: number) => number;

/**
 * libass places glyphs on its own grid (hinting, whole-pixel advances), so a row can draw a
 * pixel or two wider than its exact advances: "THANK YOU FOR WATCHING!" at 96 drew 1330 px over
 * 1328.4 of advances. One percent covers it.
 */
const PLACEMENT_SLACK = 1.01;

interface Face {
  font: fontkit.Font;
  /** Pixels per font unit at size 1. */
  scale: number;
}

const opened = new Map<string, Face | null>();

/** The face of `file` (the one named `family` in a collection), or null when it cannot be read. */
function openFace(file: string, family?: string): Face | null {
  const key = `${file}\u0000${family ?? ''}`;
  if (opened.has(key)) return opened.get(key)!;
  let face: Face | null = null;
  try {
    const got = fontkit.create(readFileSync(file));
    const fonts = 'fonts' in got ? got.fonts : [got];
    const font = fonts.find((f) => f.familyName === family) ?? fonts[0];
    const os2 = font ? (font as unknown as { 'OS/2'?: { winAscent: number; winDescent: number } })['OS/2'] : undefined;
    const height = os2 && os2.winAscent + os2.winDescent > 0 ? os2.winAscent + os2.winDescent : font ? font.ascent - font.descent : 0;
    if (font && height > 0) face = { font, scale: 1 / height };
  } catch {
    face = null; // an unreadable font file only costs precision: the estimate answers instead
  }
  opened.set(key, face);
  return face;
}

// Monochrome fonts with emoji outlines that fontconfig offers libass for what the pinned faces
// lack (libass draws no colour glyphs). Debian: fonts-symbola.
const EMOJI_FONTS = [
  '/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf',
  '/usr/share/fonts/truetype/ancient-scripts/Symbola.ttf',
  '/usr/share/fonts/gdouros-symbola/Symbola.ttf',
  '/usr/share/fonts/TTF/Symbola.ttf',
];

/** The emoji font present on this machine, if any. */
export function emojiFontFile(exists: (p: string) => boolean = existsSync): string | null {
  return EMOJI_FONTS.find(exists) ?? null;
}

/**
 * A measure over the faces libass uses for a render: the style's face (bold, as every style is),
 * then the emoji fallback. Runs of text are shaped in the first face that has all their glyphs;
 * what no face has is measured by `estimate`.
 */
export function fontMeasure(face: FontFace | null, estimate: MeasureText, emojiFile: string | null = emojiFontFile()): MeasureText {
  const faces = [face && openFace(face.bold ?? face.file, face.family), emojiFile ? openFace(emojiFile) : null].filter((f): f is Face => f !== null);
  if (faces.length === 0) return estimate;
  const cache = new Map<string, number>();
  return (text, size) => {
    let units = cache.get(text);
    if (units === undefined) {
      units = measureUnits(text, faces, estimate);
      if (cache.size > 10_000) cache.clear();
      cache.set(text, units);
    }
    return units * size * PLACEMENT_SLACK;
  };
}

/** Width at size 1: consecutive characters drawn by the same face are shaped together. */
function measureUnits(text: string, faces: Face[], estimate: MeasureText): number {
  let total = 0;
  let run = '';
  let runFace: Face | null = null;
  const flush = () => {
    if (!run) return;
    total += runFace ? runFace.font.layout(run).advanceWidth * runFace.scale : estimate(run, 1);
    run = '';
  };
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    // Variation selectors and joiners belong to the run they are in.
    const f: Face | null = run && ZERO_WIDTH.test(ch) ? runFace : faces.find((x) => x.font.hasGlyphForCodePoint(cp)) ?? null;
    if (f !== runFace) flush();
    runFace = f;
    run += ch;
  }
  flush();
  return total;
}
