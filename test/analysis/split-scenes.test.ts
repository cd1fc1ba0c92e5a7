// "Split it into shots": scene changes in the part of each clip the timeline shows become
// splits on the output timeline, and a clip that is one shot is refused in words.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareOperation } from '../../src/analysis/index.js';
import { sceneSplitOperations } from '../../src/analysis/prepare-split-scenes.js';
import { getFfmpeg, probeMedia, toMediaItem, type FfmpegInfo, type MediaInfo } from '../../src/media/index.js';
import { apply, clipOutputRanges, createTimeline, type Timeline } from '../../src/timeline/index.js';
import { ffmpeg, tempDir } from '../helpers/media.js';

const FRAME = 1000 / 30;
let ff: FfmpegInfo;
let shots: { timeline: Timeline; media: Map<string, MediaInfo> };

beforeAll(async () => {
  ff = await getFfmpeg();
  const dir = tempDir('reelcut-split-scenes-');
  const path = join(dir, 'three-shots.mp4');
  ffmpeg([
    '-f', 'lavfi', '-i', 'color=c=0xC03020:s=360x640:r=30:d=1.5',
    '-f', 'lavfi', '-i', 'testsrc2=s=360x640:r=30:d=1.5',
    '-f', 'lavfi', '-i', 'smptebars=s=360x640:r=30:d=1.5',
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=4.5',
    '-filter_complex', '[0:v][1:v][2:v]concat=n=3:v=1:a=0,format=yuv420p[v]',
    '-map', '[v]', '-map', '3:a', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '300', '-c:a', 'aac', '-shortest', path,
  ]);
  const info = await probeMedia(path, ff);
  shots = { timeline: createTimeline([{ ...toMediaItem(info, 'm1', 'three-shots.mp4'), path }]), media: new Map([['m1', info]]) };
});

describe('split_scenes', () => {
  it('splits a clip of three shots at its two scene changes, leaving three clips', async () => {
    const ops = await prepareOperation({ op: 'split_scenes' }, shots.timeline, { ff, media: shots.media });
    expect(ops.map((o) => o.op)).toEqual(['split', 'split']);
    const ats = ops.map((o) => (o as { at_ms: number }).at_ms);
    expect(Math.abs(ats[0]! - 1500)).toBeLessThanOrEqual(FRAME);
    expect(Math.abs(ats[1]! - 3000)).toBeLessThanOrEqual(FRAME);
    const after = ops.reduce((t, o) => apply(t, o), shots.timeline);
    expect(after.clips).toHaveLength(3);
  });

  it('looks only at the part a trimmed clip shows, and places its changes on the output timeline', async () => {
    const trimmed = apply(shots.timeline, { op: 'trim', start_ms: 1000 });
    const ops = await prepareOperation({ op: 'split_scenes' }, trimmed, { ff, media: shots.media });
    const ats = ops.map((o) => (o as { at_ms: number }).at_ms);
    expect(ats).toHaveLength(2);
    expect(Math.abs(ats[0]! - 500)).toBeLessThanOrEqual(FRAME);
    expect(Math.abs(ats[1]! - 2000)).toBeLessThanOrEqual(FRAME);
  });

  it('pure: a change at 2x speed lands at half the time, and one within a flash of a clip edge is no split', () => {
    const fast = apply(shots.timeline, { op: 'set_speed', factor: 2 });
    expect(clipOutputRanges(fast)[0]!.end_ms).toBe(2250);
    expect(sceneSplitOperations(fast, new Map([[0, [1500, 3000, 4400]]]))).toEqual([
      { op: 'split', at_ms: 750 },
      { op: 'split', at_ms: 1500 },
    ]);
  });

  it('a clip that is one shot is refused in words', async () => {
    const oneShot = apply(shots.timeline, { op: 'trim', start_ms: 0, end_ms: 1400 });
    await expect(prepareOperation({ op: 'split_scenes' }, oneShot, { ff, media: shots.media })).rejects.toThrow(/no scene changes were found/);
  });
});
