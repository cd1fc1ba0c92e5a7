// Whole exports through renderTimeline: the loudness pass, the final encode, atomic output, the
// cover frame, and a smoke render on the npm-bundled static ffmpeg 4.1.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReelcutError } from '../../src/errors.js';
import { findFfmpeg, getFfmpeg, probeMedia, toMediaItem, type MediaInfo } from '../../src/media/index.js';
import { renderTimeline } from '../../src/render/index.js';
import { apply, createTimeline, type Timeline } from '../../src/timeline/index.js';
import type { Operation } from '../../src/operations/index.js';
import { audioStream, loudnessOf, probe, tempDir, videoStream } from '../helpers/media.js';
import { cfrClip } from '../helpers/phone-fixtures.js';

async function smallEdit(ffInfo: Awaited<ReturnType<typeof getFfmpeg>>, ops: Operation[]): Promise<{ timeline: Timeline; media: Map<string, MediaInfo> }> {
  const path = cfrClip();
  const info = await probeMedia(path, ffInfo);
  let timeline = createTimeline([{ ...toMediaItem(info, 'm1', 'clip.mp4'), path }]);
  for (const op of [{ op: 'set_resolution', height: 360 } as Operation, ...ops]) timeline = apply(timeline, op);
  return { timeline, media: new Map([['m1', info]]) };
}

describe('renderTimeline', () => {
  it('exports music + title + fade at −14 LUFS ±1 with A/V starting together, and writes the chosen cover', async () => {
    const ff = await getFfmpeg();
    const { timeline, media } = await smallEdit(ff, [
      { op: 'add_music', query: 'upbeat', volume: 0.35 },
      { op: 'add_text', text: 'Hello: 100% "real" \\ 你好 🎉', start_ms: 0, end_ms: 1000 },
      { op: 'fade', direction: 'out', duration_ms: 500 },
      { op: 'set_cover', at_ms: 1000 },
    ] as Operation[]);
    const dir = tempDir();
    const out = join(dir, 'edit.mp4');
    const result = await renderTimeline({ timeline, media, outPath: out, ff });
    expect(result.outPath).toBe(out);
    const v = videoStream(out);
    const a = audioStream(out)!;
    expect([v.width, v.height]).toEqual([360, 640]);
    expect(v.profile).toBe('High');
    expect(a.codec_name).toBe('aac');
    expect(Math.abs(Number(v.start_time) - Number(a.start_time))).toBeLessThanOrEqual(1 / 30);
    const { lufs, truePeak } = loudnessOf(out);
    expect(Math.abs(lufs + 14)).toBeLessThanOrEqual(1);
    expect(truePeak).toBeLessThanOrEqual(-1);
    expect(result.coverPath).toBe(join(dir, 'edit.cover.jpg'));
    const cover = probe(result.coverPath!).streams[0]!;
    expect(cover.codec_name).toBe('mjpeg');
    expect([cover.width, cover.height]).toEqual([360, 640]);
    expect(readdirSync(dir).sort()).toEqual(['edit.cover.jpg', 'edit.mp4']);
  });

  it('refuses an empty timeline and leaves nothing behind', async () => {
    const ff = await getFfmpeg();
    const { timeline, media } = await smallEdit(ff, []);
    const dir = tempDir();
    const err = await renderTimeline({ timeline: { ...timeline, clips: [] }, media, outPath: join(dir, 'x.mp4'), ff }).catch((e: unknown) => e);
    expect((err as ReelcutError).code).toBe('NOTHING_TO_DO');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('says which media is missing when a clip refers to media that was not probed', async () => {
    const ff = await getFfmpeg();
    const { timeline } = await smallEdit(ff, []);
    const dir = tempDir();
    const err = await renderTimeline({ timeline, media: new Map(), outPath: join(dir, 'x.mp4'), ff }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReelcutError);
    expect((err as ReelcutError).message).toMatch(/m1/);
    expect(existsSync(join(dir, 'x.mp4'))).toBe(false);
  });

  it('a cancelled export leaves neither the output nor a partial file', async () => {
    const ff = await getFfmpeg();
    const { timeline, media } = await smallEdit(ff, [{ op: 'add_music', query: 'lofi' } as Operation]);
    const dir = tempDir();
    const ac = new AbortController();
    const err = await renderTimeline({ timeline, media, outPath: join(dir, 'x.mp4'), ff, signal: ac.signal, onProgress: () => ac.abort() }).catch(
      (e: unknown) => e,
    );
    expect((err as ReelcutError).code).toBe('RENDER_CANCELLED');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('smoke: the npm-bundled static ffmpeg 4.1 renders the same kind of edit into a valid H.264/AAC MP4', async () => {
    const bundled = await findFfmpeg({ prefer: 'bundled' });
    expect(bundled.source).toBe('bundled');
    expect(bundled.major).toBe(4);
    const { timeline, media } = await smallEdit(bundled, [
      { op: 'set_aspect', aspect: '1:1' },
      { op: 'add_music', query: 'lofi', volume: 0.35 },
      { op: 'add_text', text: 'Urban Dreams', start_ms: 0, end_ms: 1000 },
    ] as Operation[]);
    const dir = tempDir();
    const out = join(dir, 'bundled.mp4');
    await renderTimeline({ timeline, media, outPath: out, ff: bundled });
    const v = videoStream(out);
    expect([v.codec_name, v.profile, v.pix_fmt, v.width, v.height]).toEqual(['h264', 'High', 'yuv420p', 360, 360]);
    expect(audioStream(out)?.codec_name).toBe('aac');
    expect(Number(probe(out).format.duration)).toBeCloseTo(2, 0);
  });
});
