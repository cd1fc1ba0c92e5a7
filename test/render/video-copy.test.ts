// Not encoding at all: an edit that only changes the sound copies an Instagram-ready picture.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getFfmpeg, probeMedia, toMediaItem, type FfmpegInfo, type MediaInfo } from '../../src/media/index.js';
import type { Operation } from '../../src/operations/index.js';
import { checkFile, compileRenderPlan, renderTimeline } from '../../src/render/index.js';
import { apply, createTimeline, type Timeline } from '../../src/timeline/index.js';
import { FFMPEG, audioStream, ffmpeg, loudnessOf, tempDir, videoStream } from '../helpers/media.js';
import { rotatedVfrClip } from '../helpers/phone-fixtures.js';

let ff: FfmpegInfo;
let dir: string;
let ready: string; // 540x960 30 fps CFR H.264 High yuv420p with sound: what a 9:16 export at height 540 produces
let readyInfo: MediaInfo;

beforeAll(async () => {
  ff = await getFfmpeg();
  dir = tempDir('reelcut-copy-');
  ready = join(dir, 'ready.mp4');
  ffmpeg([
    '-f', 'lavfi', '-i', 'testsrc2=s=540x960:r=30:d=4',
    '-f', 'lavfi', '-i', 'sine=f=300:d=4',
    '-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'high', '-pix_fmt', 'yuv420p', '-g', '60',
    '-c:a', 'aac', '-shortest', ready,
  ]);
  readyInfo = await probeMedia(ready, ff);
});

function edit(path: string, info: MediaInfo, ops: Operation[]): Timeline {
  let t = createTimeline([{ ...toMediaItem(info, 'm1', 'clip.mp4'), path }]);
  for (const op of [{ op: 'set_resolution', height: 540 } as Operation, ...ops]) t = apply(t, op);
  return t;
}

/** One md5 per video packet: equal lists mean the very same coded pictures. */
function videoPacketHashes(path: string): string[] {
  return execFileSync(FFMPEG, ['-v', 'error', '-i', path, '-map', '0:v:0', '-c', 'copy', '-f', 'framemd5', '-'], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split(',').at(-1)!.trim());
}

describe('copying the picture', () => {
  it('adds music to an Instagram-ready clip without re-encoding its picture, and the result passes the check', async () => {
    const timeline = edit(ready, readyInfo, [{ op: 'add_music', query: 'lofi', volume: 0.35 } as Operation]);
    const plan = compileRenderPlan(timeline, new Map([['m1', readyInfo]]), ff);
    expect(plan.output).toContain('copy');
    expect(plan.output).not.toContain('libx264');
    const out = join(dir, 'music-only.mp4');
    await renderTimeline({ timeline, media: new Map([['m1', readyInfo]]), outPath: out, ff });
    expect(videoPacketHashes(out)).toEqual(videoPacketHashes(ready));
    const v = videoStream(out);
    expect(v.color_primaries).toBe('bt709');
    expect(audioStream(out)?.codec_name).toBe('aac');
    expect(Math.abs(loudnessOf(out).lufs + 14)).toBeLessThanOrEqual(1);
    const report = await checkFile(out, { target: 'reels', ffmpeg: ff.ffmpeg, ffprobe: ff.ffprobe });
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(report.checks.find((c) => c.id === 'av_offset')?.status).toBe('pass');
  });

  it('re-encodes whenever the picture changes, or the source is not ready as it is', async () => {
    const media = new Map([['m1', readyInfo]]);
    const encodes = (t: Timeline, m = media) => compileRenderPlan(t, m, ff).output.includes('libx264');
    expect(encodes(edit(ready, readyInfo, []))).toBe(false);
    const changes: Operation[] = [
      { op: 'add_text', text: 'hi' },
      { op: 'set_aspect', aspect: '1:1' },
      { op: 'trim', start_ms: 1000 },
      { op: 'set_speed', factor: 2 },
      { op: 'apply_filter', name: 'bw' },
      { op: 'adjust_color', brightness: 0.2 },
      { op: 'fade', direction: 'out', target: 'video' },
      { op: 'flip', axis: 'horizontal' },
      { op: 'set_fps', fps: 60 },
      { op: 'set_resolution', height: 720 },
      { op: 'add_captions', source: 'text', text: 'hello there' },
    ] as Operation[];
    for (const op of changes) expect(encodes(edit(ready, readyInfo, [op])), op.op).toBe(true);
    // An audio-only fade keeps the copy.
    expect(encodes(edit(ready, readyInfo, [{ op: 'fade', direction: 'out', target: 'audio' } as Operation]))).toBe(false);
    // A rotated, variable-frame-rate phone clip is never copied.
    const phone = rotatedVfrClip();
    const phoneInfo = await probeMedia(phone, ff);
    expect(encodes(edit(phone, phoneInfo, []), new Map([['m1', phoneInfo]]))).toBe(true);
    // Asked for explicitly, the picture is re-encoded anyway.
    expect(compileRenderPlan(edit(ready, readyInfo, []), media, ff, { reencode: true }).output).toContain('libx264');
  });
});
