// Transitions as the timeline defines them (timeline/time.ts transitionOverlap): each join overlaps
// by its own length, limited by its two clips, and pieces of one continuous shot are joined by a
// plain cut. The renderer must agree with the timeline to the frame: the layout as data, then the
// real ffmpeg on small generated clips, measured frame by frame.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getFfmpeg, probeMedia, toMediaItem, type FfmpegInfo, type MediaInfo } from '../../src/media/index.js';
import { planToArgs } from '../../src/render/args.js';
import { compileRenderPlan } from '../../src/render/compile.js';
import type { RenderPlan } from '../../src/render/plan.js';
import { presetSize } from '../../src/render/presets.js';
import { computeSpans, layoutFrames, totalFrames } from '../../src/render/spans.js';
import { clipOutputRanges, timelineDuration, transitionOverlap } from '../../src/timeline/index.js';
import { Timeline, type TimelineInput } from '../../src/timeline/schema.js';
import { FFMPEG, ffmpeg, probe, tempDir } from '../helpers/media.js';

const run = promisify(execFile);
const FPS = 30;
const SIZE = presetSize('9:16', 240); // 240×426: sources are made this size, so nothing is scaled
const FORMAT = { aspect: '9:16', height: 240 } as const;

let ff: FfmpegInfo;
let noXfade: FfmpegInfo;
const work = tempDir('reelcut-transitions-test-');
const sources = new Map<string, MediaInfo>();

/** A 2 s source of SIZE with a tone: a flat colour, or testsrc2 (a new picture every frame). */
function makeSource(name: string, picture: string, tone: number): string {
  const out = join(work, `${name}.mp4`);
  ffmpeg([
    '-f', 'lavfi', '-i', `${picture}:s=${SIZE.width}x${SIZE.height}:d=2`,
    '-f', 'lavfi', '-i', `sine=frequency=${tone}:sample_rate=48000:duration=2`,
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '8', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', out,
  ]);
  return out;
}

beforeAll(async () => {
  ff = await getFfmpeg();
  noXfade = { ...ff, caps: { ...ff.caps, xfade: false } };
  const made: Array<[string, string, number]> = [
    ['red', 'color=c=red:r=30', 300],
    ['green', 'color=c=green:r=30', 500],
    ['blue', 'color=c=blue:r=30', 700],
    ['yellow', 'color=c=yellow:r=30', 900],
    ['cyan', 'color=c=cyan:r=30', 1100],
    ['pattern', 'testsrc2=r=30', 440],
  ];
  for (const [id, picture, tone] of made) sources.set(id, await probeMedia(makeSource(id, picture, tone), ff));
}, 60_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

// ---------------------------------------------------------------------------------------------
// Building, rendering and measuring

type ClipIn = NonNullable<TimelineInput['clips']>[number];
let clipNo = 0;
const clip = (media_id: string, in_ms: number, out_ms: number, speed = 1): ClipIn => ({ id: `c${++clipNo}`, media_id, in_ms, out_ms, speed });

function timeline(clips: ClipIn[], transition: TimelineInput['transition'], fps = FPS): Timeline {
  const used = [...new Set(clips.map((c) => c.media_id))];
  return Timeline.parse({
    version: 1,
    media: used.filter((id) => sources.has(id)).map((id) => toMediaItem(sources.get(id)!, id, id)),
    clips,
    transition,
    format: { ...FORMAT, fps },
  });
}

function plan(t: Timeline, with_: FfmpegInfo = ff): RenderPlan {
  return compileRenderPlan(t, sources, with_);
}

async function render(t: Timeline, name: string, with_: FfmpegInfo = ff): Promise<string> {
  const p = plan(t, with_);
  const dir = mkdtempSync(join(work, 'job-'));
  for (const f of p.files) writeFileSync(join(dir, f.name), f.content, 'utf8');
  const out = join(work, `${name}.mp4`);
  await run(with_.ffmpeg, ['-loglevel', 'error', ...planToArgs(p, out)], { cwd: dir, maxBuffer: 16 * 1024 * 1024 });
  return out;
}

/** The frames the timeline says the output lasts. */
const timelineFrames = (t: Timeline, fps = FPS) => Math.round((timelineDuration(t) * fps) / 1000);

/** Video frame count and both streams' durations (s), as ffprobe reads the file. */
function measure(path: string): { frames: number; video_s: number; audio_s: number } {
  const p = probe(path);
  const v = p.streams.find((s) => s.codec_type === 'video')!;
  const a = p.streams.find((s) => s.codec_type === 'audio')!;
  return { frames: Number(v.nb_frames), video_s: Number(v.duration), audio_s: Number(a.duration) };
}

/** Decoded frames of `path` (after `vf`), each `bytes` long. */
function decode(path: string, vf: string, bytes: number): Buffer[] {
  const raw = execFileSync(FFMPEG, ['-v', 'error', '-i', path, '-vf', vf, '-f', 'rawvideo', '-'], { maxBuffer: 256 * 1024 * 1024 });
  const frames: Buffer[] = [];
  for (let o = 0; o + bytes <= raw.length; o += bytes) frames.push(raw.subarray(o, o + bytes));
  return frames;
}

/** Mean RGB of an 8×8 patch in the middle of every frame. */
function centreColours(path: string): Array<[number, number, number]> {
  const x = SIZE.width / 2 - 4;
  const y = Math.floor(SIZE.height / 4) * 2 - 4;
  return decode(path, `crop=8:8:${x}:${y},format=rgb24`, 8 * 8 * 3).map((b) => {
    const sum = [0, 0, 0];
    for (let i = 0; i < b.length; i++) sum[i % 3]! += b[i]!;
    return sum.map((s) => s / 64) as [number, number, number];
  });
}

const lumaOf = ([r, g, b]: [number, number, number]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;

/** Mean absolute difference of two luma frames. */
function lumaDiff(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

const near = (c: [number, number, number], want: [number, number, number], tolerance = 30) =>
  c.every((v, i) => Math.abs(v - want[i]!) <= tolerance);

// ---------------------------------------------------------------------------------------------

describe('the frame layout follows the timeline', () => {
  it('gives each join its own overlap: crossfade 500 ms with a 600 ms middle clip overlaps 300 ms (9 frames) on both sides', () => {
    const t = timeline([clip('red', 0, 1500), clip('green', 0, 600), clip('blue', 0, 1500)], { kind: 'crossfade', duration_ms: 500 });
    const ranges = clipOutputRanges(t);
    expect(ranges.map((r) => r.overlap_ms)).toEqual([0, 300, 300]);
    const spans = computeSpans(t, sources, FPS);
    expect(spans.map((s) => s.overlap_frames)).toEqual(ranges.map((r) => (r.overlap_ms * FPS) / 1000));
    expect(spans.map((s) => s.start_ms)).toEqual(ranges.map((r) => r.start_ms));
    expect(spans.map((s) => s.frames)).toEqual([45, 18, 45]);
    expect(totalFrames(spans)).toBe(timelineFrames(t));
    // The middle clip is all transition: its head and tail blends, no frame of its own.
    const chains = plan(t).chains;
    expect(chains).toContain('[vt0][vh1]xfade=transition=fade:duration=0.3:offset=0[vx1]');
    expect(chains).toContain('[vt1][vh2]xfade=transition=fade:duration=0.3:offset=0[vx2]');
    expect(chains).toContain('[vm0][vx1][vx2][vm2]concat=n=4:v=1:a=0[vjoin]');
  });

  it('joins two pieces of one continuous shot by a plain cut even with a transition set, and fades only the real join', () => {
    const t = timeline([clip('pattern', 0, 1000), clip('pattern', 1000, 2000), clip('red', 0, 1000)], { kind: 'crossfade', duration_ms: 500 });
    expect(computeSpans(t, sources, FPS).map((s) => s.overlap_frames)).toEqual([0, 0, 15]);
    const chains = plan(t).chains;
    expect(chains.filter((c) => c.includes('xfade'))).toEqual(['[vt1][vh2]xfade=transition=fade:duration=0.5:offset=0[vx2]']);
    // Clip 1 is used whole; clip 2 gives its last 15 frames to the crossfade.
    expect(chains).toContain('[vc0][vm1][vx2][vm2]concat=n=4:v=1:a=0[vjoin]');
  });

  it('ends on the frame the timeline ends on, for any mix of clips, speeds, continuations and transitions', () => {
    const piece = fc.record({
      media: fc.constantFrom('a', 'b'),
      // Output length (ms): at least a few frames at any rate, so every clip can sit on the grid.
      length: fc.integer({ min: 100, max: 3000 }),
      speed: fc.constantFrom(0.5, 1, 1.5, 2, 3),
      // Continue the previous piece's shot (what split and set_speed ranges produce).
      continues: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(piece, { minLength: 1, maxLength: 8 }),
        fc.option(fc.integer({ min: 0, max: 2000 }), { nil: null }),
        fc.constantFrom(23, 24, 25, 29, 30, 50, 60),
        (pieces, duration, fps) => {
          const clips: ClipIn[] = [];
          let at = 0;
          pieces.forEach((p, i) => {
            const prev = clips[i - 1];
            const media_id = p.continues && prev ? prev.media_id : p.media;
            const in_ms = p.continues && prev ? prev.out_ms : at + 500;
            const out_ms = in_ms + Math.round(p.length * p.speed);
            clips.push({ id: `p${i}`, media_id, in_ms, out_ms, speed: p.speed });
            at = out_ms;
          });
          const t = Timeline.parse({
            version: 1,
            clips,
            transition: duration === null ? null : { kind: 'crossfade', duration_ms: duration },
            format: { aspect: '9:16', fps },
          });
          const grid = layoutFrames(t, fps);
          const ranges = clipOutputRanges(t);
          const last = grid.at(-1)!;
          expect(last.start + last.frames).toBe(Math.round((timelineDuration(t) * fps) / 1000));
          grid.forEach((g, i) => {
            expect(g.frames).toBeGreaterThanOrEqual(1);
            if (i === 0) return expect(g.overlap).toBe(0);
            const prev = grid[i - 1]!;
            expect(g.start).toBe(prev.start + prev.frames - g.overlap);
            // No transition where the timeline has none (cuts, continuations).
            if (transitionOverlap(t, t.clips[i - 1]!, t.clips[i]!) === 0) expect(g.overlap).toBe(0);
            // Where the timeline puts the clip: its end on the nearest frame; its start too, except
            // where an overlap of exactly half a clip no longer fits in half its whole frames and
            // the clip starts a frame later.
            expect(Math.abs(g.start + g.frames - (ranges[i]!.end_ms * fps) / 1000)).toBeLessThanOrEqual(0.5);
            expect(Math.abs(g.start - (ranges[i]!.start_ms * fps) / 1000)).toBeLessThanOrEqual(1.5);
            // Never past the middle of either clip.
            expect(g.overlap).toBeLessThanOrEqual(Math.floor(g.frames / 2));
            expect(g.overlap).toBeLessThanOrEqual(Math.floor(prev.frames / 2));
          });
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) },
    );
  });

  it('gives a clip shorter than a frame its one frame, taken back from the next clip so the grid does not drift', () => {
    const clips = [clip('red', 0, 1000), clip('green', 0, 10), clip('blue', 0, 1000)];
    const t = timeline(clips, { kind: 'crossfade', duration_ms: 300 });
    // 10 ms is a third of a frame: no room for a transition on either side, one frame anyway.
    expect(layoutFrames(t, FPS)).toEqual([
      { start: 0, frames: 30, overlap: 0 },
      { start: 30, frames: 1, overlap: 0 },
      { start: 31, frames: 29, overlap: 0 },
    ]);
    expect(totalFrames(computeSpans(t, sources, FPS))).toBe(timelineFrames(t));
    // Only when it is the last clip does the edit run over, by that one frame.
    const shortLast = timeline(clips.slice(0, 2), null);
    expect(totalFrames(computeSpans(shortLast, sources, FPS)) - timelineFrames(shortLast)).toBe(1);
  });
});

describe('rendered transitions', () => {
  it('crossfades each join over its own overlap: red into green at frames 36–44, green into blue at 45–53', async () => {
    const t = timeline([clip('red', 0, 1500), clip('green', 0, 600), clip('blue', 0, 1500)], { kind: 'crossfade', duration_ms: 500 });
    const out = await render(t, 'three-crossfade');
    const m = measure(out);
    expect(m.frames).toBe(timelineFrames(t)); // 45 + 18 + 45 − 9 − 9 = 90
    expect(Math.abs(m.audio_s - m.video_s)).toBeLessThanOrEqual(1 / FPS);
    const c = centreColours(out);
    expect(c).toHaveLength(90);
    const red: [number, number, number] = [255, 0, 0];
    const green: [number, number, number] = [0, 128, 0];
    const blue: [number, number, number] = [0, 0, 255];
    for (const n of [0, 20, 35]) expect(near(c[n]!, red), `frame ${n}: ${c[n]}`).toBe(true);
    for (const n of [54, 70, 89]) expect(near(c[n]!, blue), `frame ${n}: ${c[n]}`).toBe(true);
    // Half way through each 9-frame overlap, both clips show: red and green, then green and blue.
    const [r1, g1, b1] = c[40]!;
    expect(r1).toBeGreaterThan(80);
    expect(g1).toBeGreaterThan(40);
    expect(b1).toBeLessThan(40);
    const [r2, g2, b2] = c[49]!;
    expect(r2).toBeLessThan(40);
    expect(g2).toBeGreaterThan(40);
    expect(b2).toBeGreaterThan(80);
    // No frame of pure green: the 600 ms clip is all transition, as the timeline says.
    expect(c.some((x) => near(x, green, 20))).toBe(false);
  });

  it('shows every frame of a split shot as it was recorded, with no fade at the split, and lasts the timeline', async () => {
    const t = timeline([clip('pattern', 0, 1000), clip('pattern', 1000, 2000), clip('red', 0, 1000)], { kind: 'crossfade', duration_ms: 500 });
    const out = await render(t, 'split-shot');
    const m = measure(out);
    expect(m.frames).toBe(timelineFrames(t)); // 30 + 30 + 30 − 15 = 75
    expect(Math.abs(m.audio_s - m.video_s)).toBeLessThanOrEqual(1 / FPS);
    // Output frames 0–44 are source frames 0–44 (the crossfade into red starts at frame 45).
    const bytes = SIZE.width * SIZE.height;
    const got = decode(out, 'format=gray', bytes).slice(0, 45);
    const src = decode(sources.get('pattern')!.path, 'format=gray', bytes).slice(0, 46);
    expect(got).toHaveLength(45);
    got.forEach((frame, n) => {
      const same = lumaDiff(frame, src[n]!);
      expect(same, `frame ${n} differs from source frame ${n}`).toBeLessThan(3);
      // testsrc2 changes every frame: a blend, a repeat or a skip would be closer to a neighbour.
      for (const other of [n - 1, n + 1]) {
        if (other >= 0) expect(lumaDiff(frame, src[other]!), `frame ${n} vs source ${other}`).toBeGreaterThan(same * 1.5);
      }
    });
  });

  it('keeps an odd frame rate, one-frame joins and a slowed piece of a shot on the timeline\'s frames, with xfade and without', async () => {
    // 29 fps. A wipe of 40 ms overlaps 1.16 frames → 1; a slide of 500 ms is capped by each join's
    // shorter clip (350 ms, then half the 1000 ms slowed piece: 14 of its 29 frames). Never a
    // transition where the shot only changes speed.
    const t = timeline(
      [clip('red', 0, 700), clip('pattern', 0, 900), clip('pattern', 900, 1400, 0.5), clip('blue', 300, 1900)],
      { kind: 'wipe', duration_ms: 40 },
      29,
    );
    const t2 = { ...t, transition: { kind: 'slide' as const, duration_ms: 500 } };
    for (const [i, tl] of [t, t2].entries()) {
      for (const withXfade of [true, false]) {
        const out = await render(tl, `odd-${i}-${withXfade}`, withXfade ? ff : noXfade);
        const m = measure(out);
        expect(m.frames, `timeline ${i}, xfade ${withXfade}`).toBe(timelineFrames(tl, 29));
        expect(Math.abs(m.audio_s - m.video_s)).toBeLessThanOrEqual(1 / 29);
      }
    }
    expect(computeSpans(t, sources, 29).map((s) => s.overlap_frames)).toEqual([0, 1, 0, 1]);
  });

  for (const [name, withXfade] of [['with xfade', true], ['without xfade (fades through black)', false]] as const) {
    it(`fades through black over the join's own frames and nowhere else, lasting the timeline, ${name}`, async () => {
      // Yellow 0–1 s, its continuation 1–1.5 s (a split shot), then cyan 1 s. The split is a cut;
      // the real join overlaps min(400, 500 / 2) = 250 ms: frames 38–44 (7.5 frames, rounded).
      const t = timeline([clip('yellow', 0, 1000), clip('yellow', 1000, 1500), clip('cyan', 0, 1000)], { kind: 'fade_black', duration_ms: 400 });
      expect(computeSpans(t, sources, FPS).map((s) => s.overlap_frames)).toEqual([0, 0, 7]);
      const p = plan(t, withXfade ? ff : noXfade);
      expect(p.chains.join(';').includes('xfade')).toBe(withXfade);
      expect(p.notes.some((n) => n.includes('xfade'))).toBe(!withXfade);
      const out = await render(t, `fade-black-${withXfade}`, withXfade ? ff : noXfade);
      const m = measure(out);
      expect(m.frames).toBe(timelineFrames(t)); // round(2250 ms × 30) = 68
      expect(Math.abs(m.audio_s - m.video_s)).toBeLessThanOrEqual(1 / FPS);
      const c = centreColours(out);
      const yellow: [number, number, number] = [255, 255, 0];
      const cyan: [number, number, number] = [0, 255, 255];
      // Full brightness through the split (frames 26–35 around frame 30) and up to the join.
      for (let n = 0; n <= 36; n++) expect(near(c[n]!, yellow), `frame ${n}: ${c[n]}`).toBe(true);
      // Dark in the middle of the join.
      const darkest = Math.min(...c.slice(38, 45).map(lumaOf));
      expect(darkest).toBeLessThan(40);
      expect(Math.min(lumaOf(c[41]!), lumaOf(c[42]!))).toBeLessThan(60);
      for (let n = 46; n < 68; n++) expect(near(c[n]!, cyan), `frame ${n}: ${c[n]}`).toBe(true);
    });
  }
});
