// The video side end to end: compile a timeline, run the real ffmpeg on the argv, and measure
// the output (ffprobe fields, pixel colours, frame counts, SSIM against references, onsets).
// Sizes stay small (format.height 320–360) so each render takes a second or two.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getFfmpeg, probeMedia, toMediaItem, type FfmpegInfo, type MediaInfo } from '../../src/media/index.js';
import { planToArgs } from '../../src/render/args.js';
import { compileRenderPlan } from '../../src/render/compile.js';
import { Timeline, type TimelineInput } from '../../src/timeline/schema.js';
import { FFPROBE, ffmpeg, ffmpegStderr, fixtureDir, probe, tempDir, videoStream, type ProbeStream, writeBandsClip } from '../helpers/media.js';
import { cfrClip, hdrClip, oddSarClip, rotatedVfrClip, silentClip, stillImage } from '../helpers/phone-fixtures.js';

const run = promisify(execFile);
const ffprobeText = (args: string[]) => execFileSync(FFPROBE, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });

let ff: FfmpegInfo;
const work = tempDir('reelcut-video-test-');

beforeAll(async () => {
  ff = await getFfmpeg();
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

// ---------------------------------------------------------------------------------------------
// Sources this file needs beyond the shared phone fixtures

/** Make a fixture once per run (written aside, then renamed into place). */
function once(name: string, make: (out: string) => void): string {
  const out = join(fixtureDir(), name);
  if (existsSync(out)) return out;
  const tmp = join(fixtureDir(), `tmp-${process.pid}-${name}`);
  make(tmp);
  renameSync(tmp, out);
  return out;
}

/** 360×640, 2 s: red rows 0–119, green 120–519, blue 520–639; a 440 Hz tone. */
function bandsClip(): string {
  return once('video-test-bands.mp4', (out) =>
    writeBandsClip(out, {
      width: 360,
      heights: [120, 400, 120],
      colours: ['red', 'green', 'blue'],
      seconds: 2,
      toneHz: 440,
      encoder: ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '12'],
    }),
  );
}

/** 320×568 mid-grey, 2 s, with a tone: a flat picture where only a title can change pixels. */
function greyClip(): string {
  return once('video-test-grey.mp4', (out) =>
    ffmpeg([
      '-f', 'lavfi', '-i', 'color=c=0x808080:s=320x568:r=30:d=2',
      '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=2',
      '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '12', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', out,
    ]),
  );
}

/** Black with a white flash on frames 30–32 (t = 1.0 s) and a 1 kHz beep at exactly 1.0 s. */
function flashBeepClip(): string {
  return once('video-test-flash-beep.mp4', (out) =>
    ffmpeg([
      '-f', 'lavfi', '-i', "color=c=black:s=320x568:r=30:d=2,drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='between(n,30,32)'",
      '-f', 'lavfi', '-i', "aevalsrc='if(between(t,1,1.1),0.5*sin(2*PI*1000*t),0)':s=48000:d=2",
      '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '128k', out,
    ]),
  );
}

// ---------------------------------------------------------------------------------------------
// Rendering and measuring

interface Source {
  id: string;
  info: MediaInfo;
}

async function source(path: string, id = 'm1'): Promise<Source> {
  return { id, info: await probeMedia(path, ff) };
}

/** Compile and run a timeline the way the orchestrator will: plan files in the job folder, cwd there. */
async function render(
  sources: Source[],
  t: Omit<TimelineInput, 'version' | 'media'>,
  name: string,
  without: Array<keyof FfmpegInfo['caps']> = [],
): Promise<string> {
  const timeline = Timeline.parse({
    version: 1,
    media: sources.map((s) => toMediaItem(s.info, s.id, s.id)),
    ...t,
  });
  // `without`: pretend this ffmpeg lacks some filters, to run the fallback paths for real.
  const caps = { ...ff.caps, ...Object.fromEntries(without.map((c) => [c, false])) };
  const plan = compileRenderPlan(timeline, new Map(sources.map((s) => [s.id, s.info])), { ...ff, caps });
  const dir = mkdtempSync(join(work, 'job-'));
  for (const f of plan.files) writeFileSync(join(dir, f.name), f.content, 'utf8');
  const out = join(work, `${name}.mp4`);
  await run(ff.ffmpeg, ['-loglevel', 'error', ...planToArgs(plan, out)], { cwd: dir, maxBuffer: 16 * 1024 * 1024 });
  return out;
}

function clip(media_id: string, in_ms: number, out_ms: number, extra: Record<string, unknown> = {}) {
  return { id: `c${in_ms}-${out_ms}-${Math.random().toString(36).slice(2, 6)}`, media_id, in_ms, out_ms, ...extra };
}

/** RGB of one pixel of output frame `n` (selected by number, not by seeking). */
function pixel(path: string, n: number, x: number, y: number): [number, number, number] {
  // Convert before cropping: a 1-pixel crop of 4:2:0 rounds down to nothing.
  const buf = rawFrame(path, n, `format=rgb24,crop=1:1:${x}:${y}`);
  return [buf[0]!, buf[1]!, buf[2]!];
}

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

const grey = (path: string, n: number, r: Rect) => rawFrame(path, n, `format=gray,crop=${r.w}:${r.h}:${r.x}:${r.y}`);

/** Mean luma (0–255) of a rectangle of output frame `n`. */
function luma(path: string, n: number, r: Rect): number {
  const buf = grey(path, n, r);
  let sum = 0;
  for (const v of buf) sum += v;
  return sum / buf.length;
}

/** Mean absolute luma difference of a rectangle of frame `n` in two videos. */
function lumaDiff(a: string, b: string, n: number, r: Rect): number {
  const pa = grey(a, n, r);
  const pb = grey(b, n, r);
  let sum = 0;
  for (let i = 0; i < pa.length; i++) sum += Math.abs(pa[i]! - pb[i]!);
  return sum / pa.length;
}

function rawFrame(path: string, n: number, vf: string): Buffer {
  const out = join(work, `frame-${process.pid}-${Math.random().toString(36).slice(2)}.raw`);
  ffmpeg(['-i', path, '-vf', `select=eq(n\\,${n}),${vf}`, '-frames:v', '1', '-f', 'rawvideo', out]);
  return readFileSync(out);
}

/** One frame of `path` (after `vf`) saved as PNG, for SSIM comparisons. */
function still(path: string, n: number, vf: string, name: string, inputOpts: string[] = []): string {
  const out = join(work, `${name}.png`);
  ffmpeg([...inputOpts, '-i', path, '-vf', `select=eq(n\\,${n}),${vf}`, '-frames:v', '1', '-update', '1', out]);
  return out;
}

function ssim(a: string, b: string): number {
  const err = ffmpegStderr(['-i', a, '-i', b, '-lavfi', 'ssim', '-f', 'null', '-']);
  const m = /All:([\d.]+)/.exec(err);
  if (!m) throw new Error(`no SSIM in: ${err.slice(-300)}`);
  return Number(m[1]);
}

const fps30 = 1 / 30;
/** The middle of a 320×568 output. */
const middle = { x: 100, y: 244, w: 120, h: 80 };

/** Presentation times of every video frame, in display order. */
function frameTimes(path: string): number[] {
  const out = ffprobeText(['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', path]);
  return out
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map(Number)
    .sort((a, b) => a - b);
}

function streams(path: string): { v: ProbeStream; a: ProbeStream | undefined } {
  const p = probe(path);
  return { v: p.streams.find((s) => s.codec_type === 'video')!, a: p.streams.find((s) => s.codec_type === 'audio') };
}

const num = (v: string | undefined) => Number(v ?? NaN);

function expectGreen([r, g, b]: [number, number, number], where: string): void {
  expect(g, `${where}: ${[r, g, b]}`).toBeGreaterThan(100);
  expect(r, `${where}: ${[r, g, b]}`).toBeLessThan(60);
  expect(b, `${where}: ${[r, g, b]}`).toBeLessThan(60);
}

// ---------------------------------------------------------------------------------------------

describe('fitting to the format', () => {
  let bands: Source;
  beforeAll(async () => {
    bands = await source(bandsClip());
  });

  it('fill to 1:1 keeps the centre of a 9:16 source (green) and none of the red top or blue bottom', async () => {
    const out = await render([bands], { clips: [clip('m1', 0, 1000)], format: { aspect: '1:1', height: 360 } }, 'fill-square');
    const v = videoStream(out);
    expect([v.width, v.height]).toEqual([360, 360]);
    for (const [x, y] of [[2, 2], [180, 2], [357, 2], [2, 180], [180, 180], [357, 357], [180, 357], [2, 357]] as const) {
      expectGreen(pixel(out, 10, x, y), `(${x},${y})`);
    }
  });

  it('fit to 16:9 pads with black, white or a hex colour around the whole picture', async () => {
    const black = await render([bands], { clips: [clip('m1', 0, 500)], format: { aspect: '16:9', height: 360, fit: 'fit', background: 'black' } }, 'fit-black');
    expect([videoStream(black).width, videoStream(black).height]).toEqual([640, 360]);
    for (const x of [3, 636]) {
      const [r, g, b] = pixel(black, 5, x, 180);
      expect(Math.max(r, g, b), `bar at x=${x}`).toBeLessThan(24);
    }
    // The whole 9:16 picture is inside: red at its top, green in the middle, blue at the bottom.
    expectGreen(pixel(black, 5, 320, 180), 'centre');
    expect(pixel(black, 5, 320, 20)[0]).toBeGreaterThan(180);
    expect(pixel(black, 5, 320, 345)[2]).toBeGreaterThan(180);

    const orange = await render([bands], { clips: [clip('m1', 0, 500)], format: { aspect: '16:9', height: 360, fit: 'fit', background: '#ff8800' } }, 'fit-orange');
    const [r, g, b] = pixel(orange, 5, 3, 180);
    expect(Math.abs(r - 255)).toBeLessThan(16);
    expect(Math.abs(g - 136)).toBeLessThan(16);
    expect(b).toBeLessThan(24);
  });

  it('fit with a blurred background fills the bars with the blurred picture, not a flat colour', async () => {
    const out = await render([bands], { clips: [clip('m1', 0, 500)], format: { aspect: '16:9', height: 360, fit: 'fit', background: 'blur' } }, 'fit-blur');
    // The cover crop of a red/green/blue stack to 16:9 is the green middle: the bars are greenish.
    const [r, g, b] = pixel(out, 5, 20, 180);
    expect(g).toBeGreaterThan(60);
    expect(g).toBeGreaterThan(r);
    expect(g).toBeGreaterThan(b);
    expectGreen(pixel(out, 5, 320, 180), 'centre');
  });
});

describe('titles', () => {
  let grey: Source;
  const centre = { x: 40, y: 244, w: 240, h: 80 };
  beforeAll(async () => {
    grey = await source(greyClip());
  });

  it('show exactly on the frames of [start, end) and leave every other frame as it was', async () => {
    const base = { clips: [clip('m1', 0, 1500)], format: { aspect: '9:16' as const, height: 320 } };
    const plain = await render([grey], base, 'title-none');
    const titled = await render([grey], { ...base, texts: [{ id: 't1', text: 'HELLO', start_ms: 500, end_ms: 1000, position: 'center' }] }, 'title-hello');
    // 500–1000 ms at 30 fps is frames 15..29.
    for (const n of [15, 22, 29]) expect(lumaDiff(titled, plain, n, centre), `frame ${n}`).toBeGreaterThan(4);
    for (const n of [0, 14, 30, 40]) expect(lumaDiff(titled, plain, n, centre), `frame ${n}`).toBeLessThan(1);
  });

  it('fall back to drawtext (words read from a file) on the same frames when libass is missing', async () => {
    const base = { clips: [clip('m1', 0, 1500)], format: { aspect: '9:16' as const, height: 320 } };
    const plain = await render([grey], base, 'drawtext-none');
    const text = `50% "off": C:\\x [y];`;
    const titled = await render([grey], { ...base, texts: [{ id: 't1', text, start_ms: 500, end_ms: 1000, position: 'center' }] }, 'drawtext', ['libass']);
    for (const n of [15, 29]) expect(lumaDiff(titled, plain, n, centre), `frame ${n}`).toBeGreaterThan(4);
    for (const n of [14, 30]) expect(lumaDiff(titled, plain, n, centre), `frame ${n}`).toBeLessThan(1);
  });

  it('render quotes, colons, backslashes, percent signs, brackets, emoji and Chinese without breaking the graph', async () => {
    const text = `It's "50% off": C:\\new {b} [x]; 你好 🎉`;
    const out = await render(
      [grey],
      {
        clips: [clip('m1', 0, 1000)],
        format: { aspect: '9:16', height: 320 },
        texts: [{ id: 't1', text, start_ms: 0, end_ms: 1000, position: 'center', style: { size: 'small', color: '#ffff00', outline: true, box: true } }],
      },
      'title-nasty',
    );
    const plain = await render([grey], { clips: [clip('m1', 0, 1000)], format: { aspect: '9:16', height: 320 } }, 'title-nasty-none');
    expect(lumaDiff(out, plain, 10, centre)).toBeGreaterThan(4);
  });
});

describe('phone traps', () => {
  it('turns a rotated, variable-frame-rate clip upright once, at a constant rate, with no rotation left in the file', async () => {
    const src = rotatedVfrClip();
    const out = await render([await source(src)], { clips: [clip('m1', 0, 2000)], format: { aspect: '9:16', height: 320 } }, 'rotated-vfr');
    const v = videoStream(out);
    expect([v.width, v.height]).toEqual([320, 568]);
    expect(v.r_frame_rate).toBe('30/1');
    expect(num(v.nb_frames)).toBe(60);
    // Constant rate: every frame follows the one before by exactly 1/30 s.
    const pts = frameTimes(out);
    expect(pts).toHaveLength(60);
    const steps = pts.slice(1).map((t, i) => Math.round((t - pts[i]!) * 1e5));
    expect(new Set(steps.slice(1))).toEqual(new Set([Math.round(1e5 / 30)]));
    // ffmpeg 4's mp4 muxer, with no edit list, holds the first frame for the AAC priming (21 ms) too.
    expect(steps[0]! - Math.round(1e5 / 30)).toBeLessThanOrEqual(ff.major >= 5 ? 0 : 2200);
    expect(v.tags?.rotate ?? '0').toBe('0');
    expect((v.side_data_list ?? []).filter((d) => 'rotation' in d && Number(d.rotation) !== 0)).toEqual([]);
    // Upright means: the coded picture turned 90° clockwise, not counter-clockwise, not twice.
    const got = still(out, 3, 'null', 'rot-out');
    const right = still(src, 3, 'transpose=clock', 'rot-ref', ['-noautorotate']);
    const wrong = still(src, 3, 'transpose=cclock', 'rot-wrong', ['-noautorotate']);
    // (SSIM of a re-encoded test pattern against its source: about 0.8; turned wrong: about 0.)
    expect(ssim(got, right)).toBeGreaterThan(0.7);
    expect(ssim(got, right) - ssim(got, wrong)).toBeGreaterThan(0.3);
  });

  it('gives a clip without sound a silent audio track of the same length', async () => {
    const out = await render([await source(silentClip())], { clips: [clip('m1', 0, 1500)], format: { aspect: '9:16', height: 320 } }, 'silent');
    const { v, a } = streams(out);
    expect(a).toBeDefined();
    expect(Math.abs(num(a!.duration) - num(v.duration))).toBeLessThanOrEqual(fps30);
    const vol = ffmpegStderr(['-i', out, '-map', '0:a', '-af', 'volumedetect', '-f', 'null', '-']);
    expect(Number(/max_volume: (-?[\d.]+|-inf) dB/.exec(vol)?.[1] ?? '-inf')).toBeLessThan(-80);
  });

  it('makes a still picture a clip of the requested length', async () => {
    const out = await render([await source(stillImage('png'))], { clips: [clip('m1', 0, 1500)], format: { aspect: '9:16', height: 320 } }, 'still');
    const { v, a } = streams(out);
    expect(num(v.nb_frames)).toBe(45);
    expect(Math.abs(num(v.duration) - 1.5)).toBeLessThanOrEqual(fps30);
    expect(a).toBeDefined();
    expect([v.width, v.height]).toEqual([320, 568]);
  });

  it('tone-maps HLG and PQ clips to BT.709 that still looks like a picture (neither black nor washed out)', async () => {
    for (const transfer of ['hlg', 'pq'] as const) {
      const out = await render([await source(hdrClip(transfer))], { clips: [clip('m1', 0, 1000)], format: { aspect: '9:16', height: 320 } }, `hdr-${transfer}`);
      const v = videoStream(out);
      expect([v.color_transfer, v.color_primaries, v.color_space, v.pix_fmt]).toEqual(['bt709', 'bt709', 'bt709', 'yuv420p']);
      const mean = luma(out, 5, { x: 0, y: 0, w: 320, h: 568 });
      expect(mean, transfer).toBeGreaterThan(30);
      expect(mean, transfer).toBeLessThan(200);
      // Detail survives: the test pattern's bright and dark parts stay apart.
      const bright = luma(out, 5, { x: 0, y: 0, w: 320, h: 568 / 4 });
      expect(Math.abs(bright - mean) + Math.abs(luma(out, 5, { x: 0, y: 426, w: 320, h: 142 }) - mean)).toBeGreaterThan(2);
    }
  });

  it('still converts HDR to BT.709 tags and a visible picture without zscale (plain matrix conversion)', async () => {
    const out = await render([await source(hdrClip('hlg'))], { clips: [clip('m1', 0, 500)], format: { aspect: '9:16', height: 320 } }, 'hdr-fallback', ['zscale']);
    const v = videoStream(out);
    expect([v.color_transfer, v.color_primaries, v.color_space]).toEqual(['bt709', 'bt709', 'bt709']);
    const mean = luma(out, 5, { x: 0, y: 0, w: 320, h: 568 });
    expect(mean).toBeGreaterThan(30);
    expect(mean).toBeLessThan(220);
  });

  it('shows odd-sample-aspect footage with square pixels at its true proportions', async () => {
    const src = oddSarClip();
    const out = await render([await source(src)], { clips: [clip('m1', 0, 1000)], format: { aspect: '9:16', height: 320 } }, 'odd-sar');
    const p = probe(out).streams.find((s) => s.codec_type === 'video') as ProbeStream & { sample_aspect_ratio?: string };
    expect(p.sample_aspect_ratio ?? '1:1').toBe('1:1');
    expect([p.width, p.height]).toEqual([320, 568]);
    // The whole 480-pixel-wide coded picture, squeezed to 320: what a player shows.
    const got = still(out, 3, 'null', 'sar-out');
    const shown = still(src, 3, 'scale=320:568,setsar=1', 'sar-ref');
    const ignoredSar = still(src, 3, 'crop=320:568,setsar=1', 'sar-wrong');
    expect(ssim(got, shown)).toBeGreaterThan(0.7);
    expect(ssim(got, shown) - ssim(got, ignoredSar)).toBeGreaterThan(0.2);
  });
});

describe('timing', () => {
  it('keeps sound on its picture: a flash and a beep recorded together come out together, streams aligned', async () => {
    const out = await render([await source(flashBeepClip())], { clips: [clip('m1', 500, 2000)], format: { aspect: '9:16', height: 320 } }, 'sync');
    const { v, a } = streams(out);
    expect(Math.abs(num(v.start_time) - num(a!.start_time))).toBeLessThanOrEqual(fps30);
    expect(Math.abs(num(v.duration) - num(a!.duration))).toBeLessThanOrEqual(fps30);
    const vErr = ffmpegStderr(['-i', out, '-vf', 'blackdetect=d=0.01:pix_th=0.2', '-an', '-f', 'null', '-']);
    const aErr = ffmpegStderr(['-i', out, '-af', 'silencedetect=n=-35dB:d=0.02', '-vn', '-f', 'null', '-']);
    const flash = Number(/black_end:([\d.]+)/.exec(vErr)?.[1]);
    const beep = Number(/silence_end: ([\d.]+)/.exec(aErr)?.[1]);
    // Both recorded at 1.0 s, the clip starts at 0.5 s. (Muxers may shift both streams by the
    // AAC encoder's 1024-sample priming, 21 ms, when there is no edit list: still one frame.)
    expect(Math.abs(flash - 0.5)).toBeLessThanOrEqual(fps30);
    expect(Math.abs(beep - flash)).toBeLessThanOrEqual(fps30);
  });

  it('joins clips to exactly the sum of their frame-rounded lengths, sound included', async () => {
    const src = await source(cfrClip());
    // 1010 ms → 30 frames, 523 → 16, 777 → 23: 69 frames.
    const out = await render([src], { clips: [clip('m1', 0, 1010), clip('m1', 200, 723), clip('m1', 1000, 1777)], format: { aspect: '9:16', height: 320 } }, 'concat');
    const { v, a } = streams(out);
    expect(num(v.nb_frames)).toBe(69);
    expect(Math.abs(num(v.duration) - 2.3)).toBeLessThanOrEqual(fps30);
    expect(Math.abs(num(a!.duration) - num(v.duration))).toBeLessThanOrEqual(fps30);
  });

  it('plays a 2x clip in half the time', async () => {
    const out = await render([await source(cfrClip())], { clips: [clip('m1', 0, 2000, { speed: 2 })], format: { aspect: '9:16', height: 320 } }, 'speed');
    const { v, a } = streams(out);
    expect(num(v.nb_frames)).toBe(30);
    expect(Math.abs(num(a!.duration) - 1)).toBeLessThanOrEqual(fps30);
  });

  it('shortens a crossfaded edit by each join\'s own overlap, and not at all between two pieces of one shot', async () => {
    const src = await source(cfrClip());
    // 30 + 18 + 30 frames. Clip 2 continues clip 1's shot (a split): a plain cut. The second join
    // overlaps min(300 ms, half of 600 ms) = 9 frames, with xfade or with the fallback's fades.
    const out = await render(
      [src],
      {
        clips: [clip('m1', 0, 1000), clip('m1', 1000, 1600), clip('m1', 0, 1000)],
        transition: { kind: 'crossfade', duration_ms: 300 },
        format: { aspect: '9:16', height: 320 },
      },
      'crossfade',
    );
    const { v, a } = streams(out);
    const frames = 78 - 9;
    expect(num(v.nb_frames)).toBe(frames);
    expect(Math.abs(num(a!.duration) - frames / 30)).toBeLessThanOrEqual(fps30);
  });

  it('fades through black over the overlap, lasting as long as with xfade, when xfade is missing', async () => {
    const out = await render(
      [await source(bandsClip(), 'green'), await source(greyClip(), 'grey')],
      { clips: [clip('green', 0, 1000), clip('grey', 0, 1000)], transition: { kind: 'crossfade', duration_ms: 300 }, format: { aspect: '9:16', height: 320 } },
      'fade-through-black',
      ['xfade'],
    );
    // 9 frames of overlap (21..29): green fades out over 21..25, grey fades in over 26..29.
    expect(num(videoStream(out).nb_frames)).toBe(60 - 9);
    expect(luma(out, 25, middle)).toBeLessThan(30);
    expect(luma(out, 26, middle)).toBeLessThan(30);
    expectGreen(pixel(out, 20, 160, 284), 'before the fade');
  });

  it('blends the two clips during a crossfade (green into grey, half way: half of each)', async () => {
    const out = await render(
      [await source(bandsClip(), 'green'), await source(greyClip(), 'grey')],
      {
        clips: [clip('green', 0, 1000), clip('grey', 0, 1000)],
        transition: { kind: 'crossfade', duration_ms: 300 },
        format: { aspect: '9:16', height: 320 },
      },
      'crossfade-mix',
    );
    expectGreen(pixel(out, 15, 160, 284), 'before the overlap');
    const [r, g, b] = pixel(out, 25, 160, 284);
    if (ff.caps.xfade) {
      // Frames 21..29 overlap; frame 25 is about half green (0,128,0), half grey (128,128,128).
      for (const c of [r, b]) expect(c, `${[r, g, b]}`).toBeGreaterThan(35);
      for (const c of [r, b]) expect(c, `${[r, g, b]}`).toBeLessThan(95);
      expect(Math.abs(g - 128), `${[r, g, b]}`).toBeLessThan(20);
    } else {
      // Without xfade: a fade through black at the cut.
      expect(g, `${[r, g, b]}`).toBeLessThan(110);
    }
    const [r2, g2, b2] = pixel(out, 45, 160, 284);
    expect(Math.abs(r2 - 128) + Math.abs(g2 - 128) + Math.abs(b2 - 128), 'after').toBeLessThan(24);
  });
});
