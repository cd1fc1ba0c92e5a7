// Which font files titles are drawn with. Pinned files, never whatever fontconfig happens to
// find: the same timeline renders the same letters on every machine that has these fonts.
// Chinese, Japanese and Korean need a CJK font (DejaVu has no Han glyphs; the classic failure is
// a row of boxes), and Noto Sans CJK also covers Latin, so a render with any CJK text draws all
// its titles with it and libass only ever needs one font folder.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface FontFace {
  /** The family name libass matches the `.ass` style's Fontname against. */
  family: string;
  /** The regular face's file. */
  file: string;
  /** The bold face's file, when there is one (titles are bold; libass fakes it otherwise). */
  bold: string | null;
  /** The folder given to libass as `fontsdir` (it loads every font in it). */
  dir: string;
}

export interface FontSet {
  latin: FontFace | null;
  cjk: FontFace | null;
}

interface Candidate {
  family: string;
  regular: string;
  bold: string;
}

/**
 * DejaVu Sans as the project ships it: the `dejavu-fonts-ttf` npm package (its own free licence,
 * in node_modules/dejavu-fonts-ttf/LICENSE), so Latin titles and captions are drawn from the
 * same file on every machine reelcut is installed on, whatever fonts the system has.
 */
function shippedDejaVu(): Candidate[] {
  try {
    const dir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    return [{ family: 'DejaVu Sans', regular: join(dir, 'DejaVuSans.ttf'), bold: 'DejaVuSans-Bold.ttf' }];
  } catch {
    return []; // a copy of reelcut without its dependencies: the system's fonts below
  }
}

// The shipped font first, then Debian/Ubuntu paths (fonts-dejavu-core, fonts-noto-cjk), then
// other distributions'. CJK fonts are too large to ship (tens of MB): they come from the system.
const LATIN: Candidate[] = [
  ...shippedDejaVu(),
  { family: 'DejaVu Sans', regular: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' },
  { family: 'DejaVu Sans', regular: '/usr/share/fonts/dejavu/DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' },
  { family: 'DejaVu Sans', regular: '/usr/share/fonts/TTF/DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' },
  { family: 'DejaVu Sans', regular: '/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' },
];

const CJK: Candidate[] = [
  { family: 'Noto Sans CJK SC', regular: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', bold: 'NotoSansCJK-Bold.ttc' },
  { family: 'Noto Sans CJK SC', regular: '/usr/share/opentype/noto/NotoSansCJK-Regular.ttc', bold: 'NotoSansCJK-Bold.ttc' },
  { family: 'Noto Sans CJK SC', regular: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', bold: 'NotoSansCJK-Bold.ttc' },
  { family: 'Noto Sans CJK SC', regular: '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc', bold: 'NotoSansCJK-Bold.ttc' },
];

function firstPresent(candidates: Candidate[], exists: (p: string) => boolean): FontFace | null {
  for (const c of candidates) {
    if (!exists(c.regular)) continue;
    const dir = dirname(c.regular);
    const bold = join(dir, c.bold);
    return { family: c.family, file: c.regular, bold: exists(bold) ? bold : null, dir };
  }
  return null;
}

/** Pure: the font set found among the known locations, given a way to test for a file. */
export function findFonts(exists: (p: string) => boolean): FontSet {
  return { latin: firstPresent(LATIN, exists), cjk: firstPresent(CJK, exists) };
}

let cached: FontSet | undefined;

/** Adapter: the fonts installed on this machine (looked up once per process). */
export function systemFonts(): FontSet {
  cached ??= findFonts(existsSync);
  return cached;
}

// Han (with extensions and compatibility), kana, Hangul, CJK punctuation and full-width forms.
const CJK_TEXT =
  /[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3130-\u318f\u31a0-\u31ff\u3200-\u32ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]|[\u{20000}-\u{3134f}]/u;

export function hasCjk(text: string): boolean {
  return CJK_TEXT.test(text);
}

export interface FontChoice {
  face: FontFace | null;
  notes: string[];
}

/** The one face for a render's titles: the CJK face when any text needs it, else the Latin one. */
export function chooseFont(texts: string[], fonts: FontSet): FontChoice {
  const needsCjk = texts.some(hasCjk);
  if (needsCjk) {
    if (fonts.cjk) return { face: fonts.cjk, notes: [] };
    return {
      face: fonts.latin,
      notes: ['No CJK font (Noto Sans CJK) is installed, so Chinese, Japanese or Korean title text may show as empty boxes. Install fonts-noto-cjk.'],
    };
  }
  if (fonts.latin) return { face: fonts.latin, notes: [] };
  if (fonts.cjk) return { face: fonts.cjk, notes: [] };
  return {
    face: null,
    notes: ['No pinned title font (DejaVu Sans) was found, so titles use whatever font the system offers. Install fonts-dejavu-core.'],
  };
}
