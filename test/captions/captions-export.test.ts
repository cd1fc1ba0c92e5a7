// Captions through the real `reelcut edit` with the real pocketsphinx: the export passes the
// check, SRT and WebVTT land beside it timed to the speech ffmpeg hears, the burned words show in
// the caption band while someone speaks and nowhere else, Chinese and emoji survive, and without
// a speech engine the edit stops with the one message that says how to get one.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSrt, parseVtt, type Cue } from '../../src/captions/index.js';
import { captionMetrics } from '../../src/render/captions-overlay.js';
import type { Aspect } from '../../src/timeline/index.js';
import { bareMachineEnv, runReelcutAsync, writeCliClip, type CliRun } from '../helpers/cli.js';
import { ffmpeg, meanLuma, probe, tempDir, videoStream } from '../helpers/media.js';
import { speechBursts, writeSpokenPhrases, type Burst } from './speech.js';

const TOLERANCE_MS = 300;
/** The background of the talking clip: dark grey, so white caption text stands out. */
const BACKGROUND = '0x202020';

let dir: string;
let bursts: Burst[];

beforeAll(() => {
  dir = tempDir('reelcut-captions-export-');
  // Two phrases 1.5 s apart after a 1 s lead: long enough quiet stretches to hold no cue.
  const wav = join(dir, 'speech.wav');
  writeSpokenPhrases(wav, dir, ['hello everyone welcome back', 'thank you for watching'], { pauseMs: 1500, leadMs: 1000 });
  bursts = speechBursts(wav);
  ffmpeg([
    '-f', 'lavfi', '-i', `color=c=${BACKGROUND}:s=360x640:r=30`, '-i', wav, '-shortest',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '128k', join(dir, 'talk.mp4'),
  ]);
  writeCliClip(dir);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The built CLI in this file's folder, without blocking (see runReelcutAsync). */
function reelcut(args: string[], env?: NodeJS.ProcessEnv): Promise<CliRun> {
  return runReelcutAsync(args, dir, env);
}

function stem(output: string): string {
  return join(dir, output.replace(/\.mp4$/, ''));
}

function sidecars(output: string): { srt: Cue[]; vtt: Cue[]; srtText: string } {
  const srtText = readFileSync(`${stem(output)}.srt`, 'utf8');
  return { srt: parseSrt(srtText), vtt: parseVtt(readFileSync(`${stem(output)}.vtt`, 'utf8')), srtText };
}

function durationMs(path: string): number {
  return Math.round(Number(probe(path).format.duration) * 1000);
}

function expectExported(r: CliRun, output: string): void {
  expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/Verdict: ready/);
  expect(r.stdout).toContain(`Subtitles: ${stem(output)}.srt, ${stem(output)}.vtt`);
}

/** Every cue inside the video, and starting and ending within 300 ms of one burst of speech. */
function expectCuesOnSpeech(cues: Cue[], videoMs: number): void {
  expect(cues.length).toBeGreaterThanOrEqual(bursts.length);
  for (const cue of cues) {
    expect(cue.start_ms).toBeGreaterThanOrEqual(0);
    expect(cue.end_ms).toBeGreaterThan(cue.start_ms);
    expect(cue.end_ms).toBeLessThanOrEqual(videoMs);
    const near = bursts.some((b) => cue.start_ms >= b.start_ms - TOLERANCE_MS && cue.end_ms <= b.end_ms + TOLERANCE_MS);
    expect(near, `cue ${cue.start_ms}-${cue.end_ms} "${cue.text}" in ${JSON.stringify(bursts)}`).toBe(true);
  }
  // Each burst is captioned: a cue starts within 300 ms of its start.
  for (const b of bursts) {
    expect(cues.some((c) => Math.abs(c.start_ms - b.start_ms) <= TOLERANCE_MS), `burst ${JSON.stringify(b)}`).toBe(true);
  }
}

/**
 * The band bottom captions are drawn in (captions-overlay.ts: two rows of the style's size
 * above the bottom margin), and a band of the same height near the top as the background.
 */
function bands(path: string, aspect: Aspect): { caption: Rect; reference: Rect } {
  const v = videoStream(path);
  const width = v.width ?? 0;
  const height = v.height ?? 0;
  const m = captionMetrics({ style: 'classic', size: 'medium', position: 'bottom' }, { aspect, width, height });
  const bottom = height - m.marginV + m.outline;
  const h = Math.round(2.6 * m.size) + 2 * m.outline;
  return { caption: { x: 0, y: bottom - h, w: width, h }, reference: { x: 0, y: Math.round(height * 0.02), w: width, h } };
}

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Luma of the caption band above the background's, at `seconds`. */
function captionLift(path: string, aspect: Aspect, seconds: number): number {
  const { caption, reference } = bands(path, aspect);
  return meanLuma(path, seconds, caption) - meanLuma(path, seconds, reference);
}

/** Burned captions show while each burst plays, and not before the first word or in the pause. */
function expectCaptionsOnlyWhileSpeaking(path: string, aspect: Aspect, cues: Cue[]): void {
  const speaking = bursts.map((b) => (b.start_ms + b.end_ms) / 2000);
  const quiet = [bursts[0]!.start_ms / 2000, (bursts[0]!.end_ms + bursts[1]!.start_ms) / 2000];
  // The quiet moments hold no cue by the files' own word, a frame and more clear of each.
  for (const t of quiet) {
    expect(cues.some((c) => t * 1000 >= c.start_ms - 50 && t * 1000 < c.end_ms + 50), `cue at ${t} s`).toBe(false);
  }
  const lifted = speaking.map((t) => captionLift(path, aspect, t));
  const flat = quiet.map((t) => captionLift(path, aspect, t));
  for (const l of lifted) expect(l, `speaking ${lifted} quiet ${flat}`).toBeGreaterThan(8);
  for (const l of flat) expect(Math.abs(l), `speaking ${lifted} quiet ${flat}`).toBeLessThan(1);
}

describe('captions from speech on an export (reelcut edit, pocketsphinx)', () => {
  it('measures two bursts of speech in the fixture', () => {
    expect(bursts).toHaveLength(2);
  });

  it('"overlay captions": passes the check, writes SRT and VTT timed to the speech, burns them only while speaking', async () => {
    const r = await reelcut(['edit', 'talk.mp4', 'overlay captions', '-o', 'captioned.mp4']);
    expectExported(r, 'captioned.mp4');
    const out = join(dir, 'captioned.mp4');
    const { srt, vtt, srtText } = sidecars('captioned.mp4');
    expect(vtt).toEqual(srt);
    expect(srtText.startsWith('1\n')).toBe(true);
    expectCuesOnSpeech(srt, durationMs(out));
    expectCaptionsOnlyWhileSpeaking(out, '9:16', srt);
  });

  it("the seed's \"crop to square format, add trending music, and overlay captions\" passes with its subtitles", async () => {
    const r = await reelcut(['edit', 'talk.mp4', 'crop to square format, add trending music, and overlay captions', '-o', 'seed.mp4']);
    expectExported(r, 'seed.mp4');
    const out = join(dir, 'seed.mp4');
    const v = videoStream(out);
    expect([v.width, v.height]).toEqual([1080, 1080]);
    const { srt, vtt } = sidecars('seed.mp4');
    expect(vtt).toEqual(srt);
    expectCuesOnSpeech(srt, durationMs(out));
    expectCaptionsOnlyWhileSpeaking(out, '1:1', srt);
  });

  it('an export without captions to the same name removes the old SRT and VTT', async () => {
    const out = 'again.mp4';
    writeFileSync(`${stem(out)}.srt`, '1\n00:00:00,000 --> 00:00:01,000\nstale\n');
    writeFileSync(`${stem(out)}.vtt`, 'WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nstale\n');
    const r = await reelcut(['edit', 'clip.mp4', 'fade out', '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/Subtitles:/);
    expect(existsSync(`${stem(out)}.srt`)).toBe(false);
    expect(existsSync(`${stem(out)}.vtt`)).toBe(false);
  });
});

describe('captions from given words', () => {
  it('plain text is timed over the speech: no cue in the lead or the pause', async () => {
    const r = await reelcut(['edit', 'talk.mp4', "add captions 'hello everyone welcome back thank you for watching'", '-o', 'given.mp4']);
    expectExported(r, 'given.mp4');
    const { srt } = sidecars('given.mp4');
    expect(srt.map((c) => c.text).join(' ').replace(/\s+/g, ' ')).toBe('hello everyone welcome back thank you for watching');
    expectCuesOnSpeech(srt, durationMs(join(dir, 'given.mp4')));
  });

  it('an SRT file given with --captions keeps its own times', async () => {
    writeFileSync(join(dir, 'subs.srt'), '1\n00:00:00,500 --> 00:00:01,500\nfirst line\n\n2\n00:00:02,000 --> 00:00:03,000\n第二行\n');
    const r = await reelcut(['edit', 'talk.mp4', '--captions', 'subs.srt', '-o', 'fromfile.mp4']);
    expectExported(r, 'fromfile.mp4');
    const { srt } = sidecars('fromfile.mp4');
    expect(srt.map((c) => c.text.replace(/\s+/g, ''))).toEqual(['firstline', '第二行']);
    expect(Math.abs(srt[0]!.start_ms - 500)).toBeLessThanOrEqual(34);
    expect(Math.abs(srt[1]!.end_ms - 3000)).toBeLessThanOrEqual(34);
  });
});

describe('captions from text: Chinese and emoji', () => {
  /** The cues' characters in order, spaces aside: CJK lines join without them, as burned. */
  const letters = (cues: Cue[]) => cues.map((c) => c.text).join('').replace(/\s+/gu, '');

  it('"add captions \'ok 你好世界 🎉\'" renders, passes the check, and the SRT holds the text and the emoji', async () => {
    const r = await reelcut(['edit', 'clip.mp4', "add captions 'ok 你好世界 🎉'", '-o', 'zh.mp4']);
    expectExported(r, 'zh.mp4');
    const { srt, vtt } = sidecars('zh.mp4');
    expect(letters(srt)).toBe('ok你好世界🎉');
    expect(vtt).toEqual(srt);
    const videoMs = durationMs(join(dir, 'zh.mp4'));
    for (const c of srt) expect(c.end_ms).toBeLessThanOrEqual(videoMs);
  });

  it('add_captions with source text through --ops keeps joined emoji and CJK punctuation whole', async () => {
    const text = '大家好，欢迎回来！ 👨‍👩‍👧 thanks 🇯🇵';
    writeFileSync(join(dir, 'ops.json'), JSON.stringify([{ op: 'add_captions', source: 'text', text }]));
    const r = await reelcut(['edit', 'clip.mp4', '--ops', 'ops.json', '-o', 'ops.mp4']);
    expectExported(r, 'ops.mp4');
    const { srt, vtt } = sidecars('ops.mp4');
    expect(letters(srt)).toBe(text.replace(/\s+/gu, ''));
    expect(vtt).toEqual(srt);
  });
});

describe('captions from speech with no speech engine', () => {

  it('fails with the one message naming the three ways to get one, a non-zero exit and no output', async () => {
    const env = bareMachineEnv(dir);
    const r = await reelcut(['edit', 'talk.mp4', 'overlay captions', '-o', 'none.mp4'], env);
    expect(r.code).not.toBe(0);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(r.stderr).toMatch(/found none/);
    expect(r.stderr).toContain('REELCUT_ASR_URL');
    expect(r.stderr).toContain('whisper');
    expect(r.stderr).toContain('pocketsphinx');
    expect(r.stderr.match(/speech recogniser/g)).toHaveLength(1);
    expect(existsSync(join(dir, 'none.mp4'))).toBe(false);
    expect(existsSync(join(dir, 'none.srt'))).toBe(false);
  });
});
