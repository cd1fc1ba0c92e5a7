import { describe, expect, it, beforeAll } from 'vitest';
import { join } from 'node:path';
import { copyFileSync, utimesSync } from 'node:fs';
import { detectSilences, measureSilences, silenceCuts, speechRegions } from '../../src/analysis/index.js';
import { ReelcutError } from '../../src/errors.js';
import { FFMPEG, ffmpeg, tempDir } from '../helpers/media.js';
import { speechPauseSpeech, type SpeechPauseSpeech } from './fixtures.js';

const ff = { ffmpeg: FFMPEG };
const PAUSE_MS = 1500;
const FRAME = 1000 / 30;

describe('silence and speech in real media', () => {
  let dir: string;
  let clip: SpeechPauseSpeech;
  beforeAll(() => {
    dir = tempDir('reelcut-analysis-');
    clip = speechPauseSpeech(dir, PAUSE_MS);
  });

  it('measures a file once per version: the same question is answered from memory until the file changes', async () => {
    const copy = join(dir, 'memo.wav');
    copyFileSync(clip.path, copy);
    const first = await measureSilences(copy, {}, ff);
    expect(await measureSilences(copy, {}, ff)).toBe(first);
    // Another window or threshold is another question.
    expect(await measureSilences(copy, { thresholdDb: -50 }, ff)).not.toBe(first);
    // The file written again (new modification time) is measured again, with the same answer.
    utimesSync(copy, new Date(), new Date(Date.now() + 5000));
    const again = await measureSilences(copy, {}, ff);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });

  it('finds one silence of the pause length where the pause is, in a speech-pause-speech clip', async () => {
    const silences = await detectSilences(clip.path, {}, ff);
    expect(silences).toHaveLength(1);
    const [s] = silences;
    expect(Math.abs(s!.start_ms - clip.pauseStartMs)).toBeLessThanOrEqual(50);
    expect(Math.abs(s!.end_ms - clip.pauseEndMs)).toBeLessThanOrEqual(50);
    expect(Math.abs(s!.end_ms - s!.start_ms - PAUSE_MS)).toBeLessThanOrEqual(50);
  });

  it('gives jump cuts that shorten the clip by the pause less twice the padding, within one frame', async () => {
    const silences = await detectSilences(clip.path, {}, ff);
    const cuts = silenceCuts(silences, { paddingMs: 200, frameMs: FRAME, durationMs: clip.durationMs });
    const removed = cuts.reduce((sum, c) => sum + c.end_ms - c.start_ms, 0);
    expect(Math.abs(removed - (PAUSE_MS - 400))).toBeLessThanOrEqual(FRAME);
  });

  it('gives the two spoken stretches as speech regions, padded, within the clip', async () => {
    const regions = await speechRegions(clip.path, { paddingMs: 100 }, ff);
    expect(regions).toHaveLength(2);
    expect(regions[0]!.start_ms).toBe(0);
    expect(Math.abs(regions[0]!.end_ms - (clip.pauseStartMs + 100))).toBeLessThanOrEqual(50);
    expect(Math.abs(regions[1]!.start_ms - (clip.pauseEndMs - 100))).toBeLessThanOrEqual(50);
    expect(Math.abs(regions[1]!.end_ms - clip.durationMs)).toBeLessThanOrEqual(30);
  });

  it('reports times on the file clock when only a window of it is read', async () => {
    const silences = await detectSilences(clip.path, { startMs: 1000, endMs: 4000 }, ff);
    expect(silences).toHaveLength(1);
    expect(Math.abs(silences[0]!.start_ms - clip.pauseStartMs)).toBeLessThanOrEqual(50);
  });

  it('reads the sound of a video file', async () => {
    const video = join(dir, 'talking.mp4');
    ffmpeg(['-f', 'lavfi', '-i', 'color=c=gray:s=320x240:r=30', '-i', clip.path, '-shortest', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', video]);
    const silences = await detectSilences(video, {}, ff);
    expect(silences).toHaveLength(1);
    expect(Math.abs(silences[0]!.end_ms - silences[0]!.start_ms - PAUSE_MS)).toBeLessThanOrEqual(60);
  });

  it('finds no silence in continuous noise, so all of it is one speech region', async () => {
    const noise = join(dir, 'noise.wav');
    ffmpeg(['-f', 'lavfi', '-i', 'anoisesrc=a=0.1:c=pink:d=3:r=48000', noise]);
    expect(await detectSilences(noise, {}, ff)).toEqual([]);
    const regions = await speechRegions(noise, {}, ff);
    expect(regions).toHaveLength(1);
    expect(regions[0]!.start_ms).toBe(0);
    expect(Math.abs(regions[0]!.end_ms - 3000)).toBeLessThanOrEqual(25);
  });

  it('says a file without sound has none to analyse, and a missing file is not found', async () => {
    const silent = join(dir, 'picture-only.mp4');
    ffmpeg(['-f', 'lavfi', '-i', 'color=c=red:s=160x120:r=30:d=1', '-c:v', 'libx264', '-preset', 'ultrafast', silent]);
    await expect(detectSilences(silent, {}, ff)).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA' });
    const missing = detectSilences(join(dir, 'nope.wav'), {}, ff);
    await expect(missing).rejects.toBeInstanceOf(ReelcutError);
    await expect(missing).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });
});
