// Caption rows are broken by widths measured in the font files libass draws with: what libass
// really draws (the lit pixels' extent, measured in a frame) must match the measure, for Latin,
// Chinese and emoji text, so a row the measure lets through never runs past the margins.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimateTextWidth } from '../../src/render/captions-overlay.js';
import { chooseFont, systemFonts } from '../../src/render/fonts.js';
import { emojiFontFile, fontMeasure } from '../../src/render/text-measure.js';
import { assColor, assStyleLine, escapeAssText } from '../../src/render/text-overlay.js';
import { FFMPEG, tempDir } from '../helpers/media.js';

const W = 1400;
const H = 300;
const dir = tempDir('reelcut-text-measure-');

/** The horizontal extent of what libass draws for `text` at `size` in the face chosen for it. */
function drawnWidth(text: string, size: number): number {
  const face = chooseFont([text], systemFonts()).face!;
  const style = assStyleLine({
    name: 'T', fontFamily: face.family, size, primary: assColor('#ffffff'), secondary: assColor('#ffffff'),
    outlineColour: assColor('#000000'), backColour: assColor('#000000'), borderStyle: 1, outline: 0, shadow: 0,
    alignment: 4, marginL: 0, marginR: 0, marginV: 0,
  });
  const ass = [
    '[Script Info]', 'ScriptType: v4.00+', `PlayResX: ${W}`, `PlayResY: ${H}`, 'WrapStyle: 2', '',
    '[V4+ Styles]',
    'Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding',
    style, '', '[Events]', 'Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text',
    `Dialogue: 0,0:00:00.00,0:00:01.00,T,,0,0,0,,{\\pos(20,${H / 2})}${escapeAssText(text)}`, '',
  ].join('\n');
  const file = join(dir, 'm.ass');
  writeFileSync(file, ass);
  const raw = execFileSync(FFMPEG, [
    '-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', `color=black:s=${W}x${H}:d=1`,
    '-vf', `ass=${file}:fontsdir=${face.dir}`, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'gray', '-',
  ], { maxBuffer: W * H * 2 });
  let min = W;
  let max = -1;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      if (raw[y * W + x]! > 64) {
        min = Math.min(min, x);
        max = Math.max(max, x);
      }
    }
  }
  return max < 0 ? 0 : max - min + 1;
}

function measured(text: string, size: number): number {
  return fontMeasure(chooseFont([text], systemFonts()).face, estimateTextWidth)(text, size);
}

describe('caption widths measured in the font files', () => {
  it.each([
    ['Hello everyone, welcome back', 64],
    ['WMW mmm iii lll', 80],
    ['THANK YOU FOR WATCHING!', 96],
    ['大家好，欢迎回来', 72],
    ['ok 你好世界 hello', 64],
  ])('"%s" at size %i: libass draws within the measured width, and fills at least 90 %% of it', (text, size) => {
    const m = measured(text, size);
    const drawn = drawnWidth(text, size);
    // Side bearings make the ink a little narrower than the advances; never wider.
    expect(drawn).toBeLessThanOrEqual(Math.ceil(m) + 1);
    expect(drawn).toBeGreaterThanOrEqual(0.9 * m);
  });

  it('measures emoji in the fallback font libass draws them with', () => {
    if (!emojiFontFile()) throw new Error('no emoji font: install fonts-symbola (CI does)');
    const text = 'party 🎉🔥 time';
    const m = measured(text, 72);
    const drawn = drawnWidth(text, 72);
    expect(drawn).toBeLessThanOrEqual(Math.ceil(m) + 1);
    expect(drawn).toBeGreaterThanOrEqual(0.9 * m);
  });

  it('is tighter than the estimate it replaces, which errs wide, and falls back to it without a readable font', () => {
    const text = 'Hello everyone, welcome back';
    expect(measured(text, 64)).toBeLessThan(estimateTextWidth(text, 64));
    const missing = fontMeasure({ family: 'Nope', file: '/nonexistent/font.ttf', bold: null, dir: '/nonexistent' }, estimateTextWidth, null);
    expect(missing(text, 64)).toBe(estimateTextWidth(text, 64));
  });
});
