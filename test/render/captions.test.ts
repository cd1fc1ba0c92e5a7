// Captions burned in through libass: the cues and their `.ass` text (pure), then real renders of
// a flat dark picture where only caption text can make bright pixels, read back by frame number.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getFfmpeg, probeMedia, toMediaItem, type FfmpegInfo, type MediaInfo } from '../../src/media/index.js';
import { planToArgs } from '../../src/render/args.js';
import {
  boldPages,
  captionCues,
  captionMetrics,
  captionsAssPart,
  CAPTION_STYLE,
  estimateTextWidth,
} from '../../src/render/captions-overlay.js';
import { compileRenderPlan } from '../../src/render/compile.js';
import { systemFonts } from '../../src/render/fonts.js';
import { assCentiseconds, TITLES_FILE, type TitleLayout } from '../../src/render/text-overlay.js';
import { apply, captionLines, Timeline, type Captions, type TimelineInput } from '../../src/timeline/index.js';
import { ffmpeg, fixtureDir, tempDir } from '../helpers/media.js';

const run = promisify(execFile);
type Word = Captions['words'][number];

let ff: FfmpegInfo;
let dark: MediaInfo;
const work = tempDir('reelcut-captions-test-');

/** 360×640 (9:16 at format height 360), 4 s of flat 0x202020 with a tone. */
function darkClip(): string {
  const out = join(fixtureDir(), 'captions-test-dark.mp4');
  if (existsSync(out)) return out;
  const tmp = join(fixtureDir(), `tmp-${process.pid}-captions-test-dark.mp4`);
  ffmpeg([
    '-f', 'lavfi', '-i', 'color=c=0x202020:s=360x640:r=30:d=4',
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=4',
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '12', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', tmp,
  ]);
  renameSync(tmp, out);
  return out;
}

beforeAll(async () => {
  ff = await getFfmpeg();
  dark = await probeMedia(darkClip(), ff);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

const W = 360;
const H = 640;
const FPS = 30;
const LAYOUT_1080: TitleLayout = { aspect: '9:16', width: 1080, height: 1920, fps: 30, frames: 300 };
/** The renders' layout: 9:16 at format height 360, 4 s. */
const LAYOUT_360: TitleLayout = { aspect: '9:16', width: W, height: H, fps: FPS, frames: 120 };

/** A 4 s, 9:16 timeline at 360×640 over the dark clip. */
function timeline(extra: Partial<TimelineInput> = {}): Timeline {
  return Timeline.parse({
    version: 1,
    media: [toMediaItem(dark, 'm1', 'dark')],
    clips: [{ id: 'c1', media_id: 'm1', in_ms: 0, out_ms: 4000 }],
    format: { aspect: '9:16', height: 360 },
    ...extra,
  });
}

function captions(words: Word[], extra: Partial<Captions> = {}): Captions {
  return { source: 'text', style: 'classic', size: 'medium', color: '#ffffff', position: 'bottom', words, ...extra };
}

/** Words laid one after another from `start_ms`, each `each_ms` long. */
function timed(texts: string[], start_ms: number, each_ms: number): Word[] {
  return texts.map((text, i) => ({ text, start_ms: start_ms + i * each_ms, end_ms: start_ms + (i + 1) * each_ms }));
}

function plan(t: Timeline) {
  return compileRenderPlan(t, new Map([['m1', dark]]), ff);
}

function assOf(t: Timeline): string {
  const p = plan(t);
  expect(p.files.map((f) => f.name)).toEqual([TITLES_FILE]);
  return p.files[0]!.content;
}

/** Compile and run like the orchestrator: plan files in the job folder, ffmpeg's cwd there. */
async function render(t: Timeline, name: string): Promise<string> {
  const p = plan(t);
  const dir = mkdtempSync(join(work, 'job-'));
  for (const f of p.files) writeFileSync(join(dir, f.name), f.content, 'utf8');
  const out = join(work, `${name}.mp4`);
  await run(ff.ffmpeg, ['-loglevel', 'error', ...planToArgs(p, out)], { cwd: dir, maxBuffer: 16 * 1024 * 1024 });
  return out;
}

/** Output frames `ns` (ascending) as raw pixels, `channels` bytes a pixel, in one decode. */
function frames(path: string, ns: number[], pixFmt: 'gray' | 'rgb24'): Buffer[] {
  const out = join(work, `frames-${Math.random().toString(36).slice(2)}.raw`);
  const select = ns.map((n) => `eq(n\\,${n})`).join('+');
  ffmpeg(['-i', path, '-vf', `select=${select},format=${pixFmt}`, '-fps_mode', 'passthrough', '-f', 'rawvideo', out]);
  const all = readFileSync(out);
  const size = W * H * (pixFmt === 'gray' ? 1 : 3);
  expect(all.length).toBe(size * ns.length);
  return ns.map((_n, i) => all.subarray(i * size, (i + 1) * size));
}

interface Band {
  x0?: number;
  x1?: number;
  y0: number;
  y1: number;
}

/** Pixels brighter than any part of the dark picture (text fill; the outline is black). */
function brightIn(gray: Buffer, band: Band, threshold = 160): number {
  let n = 0;
  for (let y = band.y0; y < band.y1; y++) {
    for (let x = band.x0 ?? 0; x < (band.x1 ?? W); x++) if (gray[y * W + x]! > threshold) n++;
  }
  return n;
}

/** Bounding box of bright pixels, or null. */
function brightBox(gray: Buffer): { x0: number; x1: number; y0: number; y1: number } | null {
  let box: { x0: number; x1: number; y0: number; y1: number } | null = null;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      if (gray[y * W + x]! <= 160) continue;
      box = box
        ? { x0: Math.min(box.x0, x), x1: Math.max(box.x1, x + 1), y0: Math.min(box.y0, y), y1: Math.max(box.y1, y + 1) }
        : { x0: x, x1: x + 1, y0: y, y1: y + 1 };
    }
  }
  return box;
}

// On 360×640 the Reels safe zone is y 45–417 (270 and 1250 of 1920), x 22 to 320 (6 % at the
// left, the 120-of-1080 button rail at the right).
const TOP_BAND: Band = { y0: 0, y1: 200 };
const CENTRE_BAND: Band = { y0: 240, y1: 400 };
const CAPTION_BAND: Band = { y0: 300, y1: 420 };
const BELOW_SAFE: Band = { y0: 425, y1: H };
const SIDES = Math.ceil(W * 0.06);

const dialogues = (ass: string) => ass.split('\n').filter((l) => l.startsWith(`Dialogue: 0,`) && l.includes(`,${CAPTION_STYLE},`));
const cs = (time: string) => {
  const [h, m, s] = time.split(':');
  return Math.round((Number(h) * 3600 + Number(m) * 60 + Number(s)) * 100);
};
function parseDialogue(line: string): { start: number; end: number; text: string } {
  const f = line.slice('Dialogue: '.length).split(',');
  return { start: cs(f[1]!), end: cs(f[2]!), text: f.slice(9).join(',') };
}

// ---------------------------------------------------------------------------------------------

describe('classic captions', () => {
  /** add_captions with text, then the words moved so they cover only 0.4–1.4 s and 2.6–3.2 s. */
  function partlyCaptioned(): Timeline {
    const t = apply(timeline(), { op: 'add_captions', source: 'text', text: 'Hello there friends. See you' });
    expect(t.captions!.words.map((w) => w.text)).toEqual(['Hello', 'there', 'friends.', 'See', 'you']);
    const words = [...timed(['Hello', 'there', 'friends.'], 400, 1000 / 3), ...timed(['See', 'you'], 2600, 300)];
    return { ...t, captions: { ...t.captions!, words: t.captions!.words.map((w, i) => ({ ...w, ...words[i]! })) } };
  }

  it('write one cue per caption line, from its first word to its last, on whole frames', () => {
    const t = partlyCaptioned();
    expect(captionLines(t.captions!.words).map((l) => l.text)).toEqual(['Hello there friends.', 'See you']);
    const cues = dialogues(assOf(t)).map(parseDialogue);
    expect(cues).toEqual([
      { start: assCentiseconds(12, FPS), end: assCentiseconds(42, FPS), text: 'Hello there friends.' },
      { start: assCentiseconds(78, FPS), end: assCentiseconds(96, FPS), text: 'See you' },
    ]);
  });

  it('sit above the bottom 35 % of a Reel, clear of the side margins and the button rail', () => {
    const m = captionMetrics(captions([]), LAYOUT_1080);
    expect(m.alignment).toBe(2);
    expect(m.marginV).toBe(670); // text ends at y = 1250
    expect(m.margins.left).toBeGreaterThanOrEqual(65);
    expect(m.margins.right).toBeGreaterThanOrEqual(120);
    expect(captionMetrics(captions([], { position: 'top' }), LAYOUT_1080)).toMatchObject({ alignment: 8, marginV: 270 });
    expect(captionMetrics(captions([], { position: 'center' }), LAYOUT_1080)).toMatchObject({ alignment: 5, marginV: 0 });
    // Other formats: 6 % at the sides, at least 8 % of the height below.
    const land = captionMetrics(captions([]), { aspect: '16:9', width: 1920, height: 1080 });
    expect(land.margins.left).toBe(65);
    expect(land.marginV).toBe(86);
  });

  it('scale with captions.size and draw in captions.color', () => {
    const sizes = (['small', 'medium', 'large'] as const).map((size) => captionMetrics(captions([], { size }), LAYOUT_1080).size);
    expect(sizes[0]).toBeLessThan(sizes[1]!);
    expect(sizes[1]).toBeLessThan(sizes[2]!);
    const part = captionsAssPart(captions(timed(['hi'], 0, 500), { color: '#ff8800' }), LAYOUT_1080, 'DejaVu Sans');
    const style = part.styles[0]!.split(',');
    expect(style[0]).toBe(`Style: ${CAPTION_STYLE}`);
    expect(style[3]).toBe('&H000088FF');
  });

  it('appear in the caption band only while their words are on screen, never at the top', async () => {
    const out = await render(partlyCaptioned(), 'classic');
    const ns = [5, 11, 12, 25, 41, 42, 60, 78, 88, 95, 96, 110];
    const on = new Set([12, 25, 41, 78, 88, 95]);
    const got = frames(out, ns, 'gray');
    ns.forEach((n, i) => {
      const g = got[i]!;
      if (on.has(n)) expect(brightIn(g, CAPTION_BAND), `frame ${n}`).toBeGreaterThan(100);
      else expect(brightIn(g, { y0: 0, y1: H }), `frame ${n}`).toBe(0);
      expect(brightIn(g, TOP_BAND), `frame ${n}`).toBe(0);
      expect(brightIn(g, BELOW_SAFE), `frame ${n}`).toBe(0);
    });
  });

  it('share one .ass file and one libass pass with the titles', () => {
    const t = { ...timeline({ texts: [{ id: 't1', text: 'Title', start_ms: 0, end_ms: 1000, position: 'top' }] }), captions: captions(timed(['hi'], 0, 500)) };
    const p = plan(t);
    expect(p.files.map((f) => f.name)).toEqual([TITLES_FILE]);
    const ass = p.files[0]!.content;
    expect(ass).toMatch(/^Style: T1,/m);
    expect(ass).toMatch(new RegExp(`^Style: ${CAPTION_STYLE},`, 'm'));
    expect(p.chains.join(';').match(/ass=filename=/g)).toHaveLength(1);
  });

  it('leave the graph alone when the captions have no words', () => {
    const p = plan({ ...timeline(), captions: captions([]) });
    expect(p.files).toEqual([]);
    expect(p.chains.join(';')).not.toContain('ass=');
  });
});

describe('karaoke captions', () => {
  const words = timed(['one', 'two', 'three', 'four'], 500, 500);
  const karaoke = (w: Word[] = words) => ({ ...timeline(), captions: captions(w, { style: 'karaoke', color: '#ffff00' }) });

  it('tag every word with \\kf durations that add up to the cue length, pauses held on \\k', () => {
    const gappy: Word[] = [
      { text: 'a', start_ms: 500, end_ms: 700 },
      { text: 'pause', start_ms: 800, end_ms: 1000 }, // 100 ms gap: held, same line
      { text: 'here', start_ms: 1010, end_ms: 1290 },
      { text: 'overlap', start_ms: 1250, end_ms: 1600 },
    ];
    for (const w of [words, gappy]) {
      const cues = dialogues(assOf(karaoke(w))).map(parseDialogue);
      expect(cues).toHaveLength(1);
      for (const cue of cues) {
        const tags = [...cue.text.matchAll(/\\(kf|k)(\d+)/g)];
        expect(tags.filter((m) => m[1] === 'kf')).toHaveLength(w.length);
        expect(tags.reduce((s, m) => s + Number(m[2]), 0)).toBe(cue.end - cue.start);
      }
    }
    const [cue] = dialogues(assOf(karaoke())).map(parseDialogue);
    expect(cue!.text).toMatch(/^\{\\kf\d+\}one \{\\kf\d+\}two \{\\kf\d+\}three \{\\kf\d+\}four$/);
    expect(dialogues(assOf(karaoke(gappy))).map(parseDialogue)[0]!.text).toContain('a{\\k10} {\\kf20}pause');
  });

  it('sweep words from the dim secondary colour into captions.color as they are said', async () => {
    const style = assOf(karaoke()).split('\n').find((l) => l.startsWith(`Style: ${CAPTION_STYLE},`))!.split(',');
    expect(style[3]).toBe('&H0000FFFF'); // primary: the caption colour (yellow)
    expect(style[4]).toBe('&H00008080'); // secondary: the same at half brightness
    const out = await render(karaoke(), 'karaoke');
    // Cue on frames 15..74; word k is said over frames 15 + 15k .. 30 + 15k.
    const [before, early, late, after] = frames(out, [14, 17, 72, 75], 'rgb24');
    const yellow = (rgb: Buffer) => {
      let n = 0;
      for (let i = 0; i < rgb.length; i += 3) if (rgb[i]! > 180 && rgb[i + 1]! > 180 && rgb[i + 2]! < 100) n++;
      return n;
    };
    const dim = (rgb: Buffer) => {
      let n = 0;
      for (let i = 0; i < rgb.length; i += 3) if (rgb[i]! > 90 && rgb[i]! < 150 && rgb[i + 1]! > 90 && rgb[i + 1]! < 150 && rgb[i + 2]! < 60) n++;
      return n;
    };
    expect(yellow(before!) + dim(before!)).toBe(0);
    expect(dim(early!)).toBeGreaterThan(200);
    expect(yellow(late!)).toBeGreaterThan(4 * yellow(early!) + 100);
    expect(dim(late!)).toBeLessThan(dim(early!) / 4);
    expect(yellow(after!) + dim(after!)).toBe(0);
  });
});

describe('bold captions', () => {
  const said = 'we made it all the way up here and the view is worth it'.split(' ');

  it('page one to three words, each page within about 1.2 s', () => {
    for (const each of [150, 250, 400, 700, 1300]) {
      const words = timed(said, 0, each);
      const pages = boldPages(words);
      expect(pages.map((p) => p.first)).toEqual(pages.map((_p, i) => pages.slice(0, i).reduce((s, q) => s + q.count, 0)));
      expect(pages.reduce((s, p) => s + p.count, 0)).toBe(words.length);
      for (const p of pages) {
        expect(p.count).toBeGreaterThanOrEqual(1);
        expect(p.count).toBeLessThanOrEqual(3);
        const span = words[p.first + p.count - 1]!.end_ms - words[p.first]!.start_ms;
        if (p.count > 1) expect(span).toBeLessThanOrEqual(1200);
      }
    }
    expect(boldPages(timed(said, 0, 250)).map((p) => p.count).slice(0, 3)).toEqual([3, 3, 3]);
    expect(boldPages(timed(said, 0, 500)).map((p) => p.count).slice(0, 3)).toEqual([2, 2, 2]);
    // A sentence's end closes a page.
    expect(boldPages(timed(['Wow.', 'Look', 'at', 'this'], 0, 200)).map((p) => p.count)).toEqual([1, 3]);
  });

  it('show at most three big upper-case words an event', () => {
    const c = captions(timed(said, 0, 250), { style: 'bold' });
    const cues = captionCues(c, LAYOUT_1080);
    expect(cues.length).toBeGreaterThanOrEqual(5);
    for (const cue of cues) {
      expect(cue.words.length).toBeLessThanOrEqual(3);
      expect(cue.rows.join(' ')).toBe(cue.rows.join(' ').toUpperCase());
    }
    expect(captionMetrics(c, LAYOUT_1080).size).toBeGreaterThan(captionMetrics({ ...c, style: 'classic' }, LAYOUT_1080).size);
    const events = captionsAssPart(c, LAYOUT_1080, 'DejaVu Sans').events;
    expect(events).toHaveLength(cues.length);
    expect(events[0]).toMatch(/,WE MADE IT$/);
  });

  it('render in the middle of the picture when placed at the centre', async () => {
    const t = { ...timeline(), captions: captions(timed(['big', 'bold', 'words'], 500, 300), { style: 'bold', position: 'center' }) };
    const out = await render(t, 'bold');
    const [on, off] = frames(out, [30, 50], 'gray');
    const box = brightBox(on!)!;
    expect(box).not.toBeNull();
    expect(brightIn(on!, CENTRE_BAND)).toBeGreaterThan(300);
    expect(brightIn(on!, TOP_BAND) + brightIn(on!, BELOW_SAFE)).toBe(0);
    expect((box.y0 + box.y1) / 2).toBeCloseTo(H / 2, -1.5);
    // Centred between the margins (6 % at the left, the button rail at the right).
    const m = captionMetrics(t.captions, LAYOUT_360);
    expect((box.x0 + box.x1) / 2).toBeCloseTo((m.margins.left + W - m.margins.right) / 2, -1.2);
    expect(brightIn(off!, { y0: 0, y1: H })).toBe(0);
  });
});

describe('any words', () => {
  it.skipIf(!systemFonts().cjk)('render Chinese with the CJK font, broken between characters', async () => {
    const t = apply(timeline(), { op: 'add_captions', source: 'text', text: '今天天气很好，我们去公园散步吧！', language: 'zh' });
    const p = plan(t);
    const ass = p.files[0]!.content;
    expect(ass.split('\n').find((l) => l.startsWith(`Style: ${CAPTION_STYLE},`))!.split(',')[1]).toBe('Noto Sans CJK SC');
    expect(p.chains.join(';')).toContain(`fontsdir=${systemFonts().cjk!.dir}`);
    // The whole sentence as one hand-set word: no spaces anywhere, so only our breaks can wrap it.
    const long = captions([{ text: '今天天气很好我们一起去公园散步然后吃饭看电影再回家睡觉', start_ms: 0, end_ms: 3000 }], { size: 'large' });
    const layout = LAYOUT_360;
    const [cue] = captionCues(long, layout);
    expect(cue!.rows).toHaveLength(2);
    expect(cue!.rows.join('')).toBe(long.words[0]!.text);
    for (const row of cue!.rows) expect(estimateTextWidth(row, cue!.size)).toBeLessThanOrEqual(captionMetrics(long, layout).maxWidth);

    const out = await render({ ...t, captions: { ...long, words: [{ ...long.words[0]!, end_ms: 4000 }] } }, 'chinese');
    const [g] = frames(out, [30], 'gray');
    expect(brightIn(g!, CAPTION_BAND)).toBeGreaterThan(500);
    expect(brightIn(g!, { x0: 0, x1: SIDES, y0: 0, y1: H }) + brightIn(g!, { x0: W - SIDES, x1: W, y0: 0, y1: H })).toBe(0);
  });

  it('keep quotes, braces, backslashes and emoji literal and render them', async () => {
    const nasty = ['"Quote"', "it's", '{\\b1}bold?', 'C:\\new\\N', '🎉🔥', '👍🏽', '\\', '{}'];
    const t = { ...timeline(), captions: captions(timed(nasty, 0, 400)) };
    const ass = assOf(t);
    const texts = dialogues(ass).map((l) => parseDialogue(l).text);
    expect(texts.join(' ')).toContain('\\{\\\u2060b1\\}bold?');
    // No unescaped brace (an override block) and no backslash pairing with a letter.
    for (const text of texts) {
      expect(text).not.toMatch(/(^|[^\\])[{}]/);
      expect(text).not.toMatch(/\\[^{}N\u2060]/);
    }
    expect(texts.join(' ')).toContain('🎉🔥');
    const out = await render(t, 'nasty');
    const got = frames(out, [5, 50, 100], 'gray');
    expect(got.map((g) => brightIn(g, CAPTION_BAND))).toEqual([expect.any(Number), expect.any(Number), 0]);
    expect(brightIn(got[0]!, CAPTION_BAND)).toBeGreaterThan(100);
    expect(brightIn(got[1]!, CAPTION_BAND)).toBeGreaterThan(100);
  });

  it('wrap a very long line to at most two rows inside the side margins', async () => {
    const long = 'Absolutely incomprehensible internationalization considerations overwhelmingly complicate everything'.split(' ');
    const c = captions(timed(long, 200, 400), { size: 'large' });
    const layout = LAYOUT_360;
    const m = captionMetrics(c, layout);
    const cues = captionCues(c, layout);
    expect(cues.flatMap((q) => q.words.map((w) => w.text))).toEqual(long);
    for (const cue of cues) {
      expect(cue.rows.length).toBeLessThanOrEqual(2);
      for (const row of cue.rows) expect(estimateTextWidth(row, cue.size)).toBeLessThanOrEqual(m.maxWidth);
    }
    const out = await render({ ...timeline(), captions: c }, 'long');
    const ns = cues.map((q) => Math.floor((q.first + q.end) / 2));
    for (const g of frames(out, ns, 'gray')) {
      const box = brightBox(g)!;
      expect(box).not.toBeNull();
      expect(box.x0).toBeGreaterThanOrEqual(SIDES);
      expect(box.x1).toBeLessThanOrEqual(W - SIDES);
      expect(box.y1).toBeLessThanOrEqual(420);
      expect(box.y1 - box.y0).toBeLessThan(2.6 * m.size); // two rows, not three
    }
  });

  it('fit any words in at most two rows of the width, in order, one cue after another, karaoke adding up', () => {
    const layout: TitleLayout = { aspect: '9:16', width: 1080, height: 1920, fps: 30, frames: 10_000 };
    const word = fc.oneof(
      fc.string({ minLength: 1, maxLength: 24 }),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }),
      fc.constantFrom('你好', '世界', '今天天气很好我们一起去公园散步', '🎉', '👍🏽', 'Supercalifragilisticexpialidocious', '{\\k10}', 'WWWWWWWWWWWWWWWWWWWWWWWWWW'),
    );
    fc.assert(
      fc.property(
        // Negative gaps: words that overlap the one before (times from a transcriber can).
        fc.array(fc.tuple(word, fc.integer({ min: 0, max: 600 }), fc.integer({ min: -300, max: 400 })), { minLength: 1, maxLength: 30 }),
        fc.constantFrom('classic', 'karaoke', 'bold'),
        fc.constantFrom('small', 'medium', 'large'),
        (spec, style, size) => {
          let t = 0;
          const words = spec.map(([text, length, gap]) => {
            const start_ms = Math.max(0, t + gap);
            const w = { text, start_ms, end_ms: start_ms + length };
            t = w.end_ms;
            return w;
          });
          const overlapping = spec.some(([, , gap]) => gap < 0);
          const c = captions(words, { style, size });
          const m = captionMetrics(c, layout);
          const cues = captionCues(c, layout);
          const shown = words.map((w) => (style === 'bold' ? w.text.toUpperCase() : w.text).replace(/\s+/gu, ' ').trim()).filter(Boolean);
          const kept = cues.flatMap((q) => q.words.map((w) => w.text));
          // Cues of no length (words shorter than a frame) are left out; the rest keep their order.
          let at = 0;
          for (const k of kept) {
            while (at < shown.length && shown[at] !== k) at++;
            expect(at, `"${k}" out of order`).toBeLessThan(shown.length);
            at++;
          }
          cues.forEach((cue, i) => {
            expect(cue.rows.length).toBeLessThanOrEqual(2);
            expect(cue.size).toBeLessThanOrEqual(m.size);
            for (const row of cue.rows) expect(estimateTextWidth(row, cue.size)).toBeLessThanOrEqual(m.maxWidth + 1e-9);
            expect(cue.end).toBeGreaterThan(cue.first);
            if (i > 0 && !overlapping) expect(cue.first).toBeGreaterThanOrEqual(cues[i - 1]!.end);
            expect(cue.text).not.toMatch(/(^|[^\\])\{(?!\\(kf?\d+|fs\d+)\})/);
            if (style === 'karaoke') {
              const sum = [...cue.text.matchAll(/\\kf?(\d+)/g)].reduce((a, x) => a + Number(x[1]), 0);
              expect(sum).toBe(assCentiseconds(cue.end, layout.fps) - assCentiseconds(cue.first, layout.fps));
            }
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
