// Stabilising with libvidstab's two passes: shaky footage comes out steadier (measured as the
// picture's change from frame to frame), the analysis is cached, and an ffmpeg without vidstab
// is refused in words.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getFfmpeg, probeMedia, toMediaItem, type FfmpegInfo, type MediaInfo } from '../../src/media/index.js';
import { renderTimeline } from '../../src/render/index.js';
import { ensureStabilizeTransforms } from '../../src/render/stabilize.js';
import { apply, createTimeline, type Timeline } from '../../src/timeline/index.js';
import { ffmpeg, ffmpegStderr, probe, tempDir } from '../helpers/media.js';

let ff: FfmpegInfo;
let dir: string;
let shaky: { timeline: Timeline; media: Map<string, MediaInfo> };

/** Mean luma of the difference between consecutive frames: how much the picture moves. */
function frameToFrameChange(path: string): number {
  const err = ffmpegStderr(['-i', path, '-vf', 'tblend=all_mode=difference,signalstats,metadata=print:key=lavfi.signalstats.YAVG', '-f', 'null', '-']);
  const values = [...err.matchAll(/lavfi\.signalstats\.YAVG=([\d.]+)/g)].map((m) => Number(m[1]));
  if (values.length < 10) throw new Error(`too few frames measured: ${values.length}`);
  return values.reduce((a, b) => a + b, 0) / values.length;
}

beforeAll(async () => {
  ff = await getFfmpeg();
  dir = tempDir('reelcut-stabilize-');
  // A still, detailed scene seen through a camera that shakes: the crop window jumps every frame.
  const path = join(dir, 'shaky.mp4');
  ffmpeg([
    '-f', 'lavfi', '-i', 'smptehdbars=s=960x960:r=30:d=4',
    '-f', 'lavfi', '-i', 'sine=frequency=330:sample_rate=48000:duration=4',
    '-filter_complex', "[0:v]drawgrid=w=40:h=40:t=2:c=white@0.8,crop=640:640:x='160+60*sin(n*2.3)':y='160+60*cos(n*1.7)'[v]",
    '-map', '[v]', '-map', '1:a', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', path,
  ]);
  const info = await probeMedia(path, ff);
  let t = createTimeline([{ ...toMediaItem(info, 'm1', 'shaky.mp4'), path }]);
  t = apply(t, { op: 'set_aspect', aspect: '1:1' });
  t = apply(t, { op: 'set_resolution', height: 240 });
  shaky = { timeline: t, media: new Map([['m1', info]]) };
});

describe('stabilize', () => {
  it('shaky footage comes out with far less frame-to-frame change than the same export unstabilised, and just as long', async () => {
    const cache = join(dir, 'cache-a');
    const plain = await renderTimeline({ timeline: shaky.timeline, media: shaky.media, outPath: join(dir, 'plain.mp4'), ff });
    const steady = apply(shaky.timeline, { op: 'stabilize', strength: 0.8 });
    expect(steady.stabilize).toEqual({ strength: 0.8 });
    const transforms = await ensureStabilizeTransforms(steady, shaky.media, ff, { dir: cache });
    expect([...transforms.keys()]).toEqual([0]);
    const out = await renderTimeline({ timeline: steady, media: shaky.media, outPath: join(dir, 'steady.mp4'), ff });
    const before = frameToFrameChange(plain.outPath);
    const after = frameToFrameChange(out.outPath);
    expect(after).toBeLessThan(before * 0.6);
    expect(Number(probe(out.outPath).format.duration)).toBeCloseTo(Number(probe(plain.outPath).format.duration), 1);
  });

  it('analyses each clip once: a second export reuses the cached motion file', async () => {
    const cache = join(dir, 'cache-b');
    const steady = apply(shaky.timeline, { op: 'stabilize' });
    const first = await ensureStabilizeTransforms(steady, shaky.media, ff, { dir: cache });
    const file = first.get(0)!;
    const written = statSync(file).mtimeMs;
    const again = await ensureStabilizeTransforms(steady, shaky.media, ff, { dir: cache });
    expect(again.get(0)).toBe(file);
    expect(statSync(file).mtimeMs).toBe(written);
    expect(readdirSync(cache).filter((n) => n.endsWith('.trf'))).toHaveLength(1);
    // Another strength is another analysis.
    await ensureStabilizeTransforms(apply(shaky.timeline, { op: 'stabilize', strength: 1 }), shaky.media, ff, { dir: cache });
    expect(readdirSync(cache).filter((n) => n.endsWith('.trf'))).toHaveLength(2);
  });

  it('an ffmpeg without libvidstab is refused in words naming what to do', async () => {
    const noVidstab: FfmpegInfo = { ...ff, caps: { ...ff.caps, vidstab: false } };
    const steady = apply(shaky.timeline, { op: 'stabilize' });
    await expect(ensureStabilizeTransforms(steady, shaky.media, noVidstab, { dir: join(dir, 'cache-c') })).rejects.toThrow(/libvidstab.*REELCUT_FFMPEG/s);
  });
});
