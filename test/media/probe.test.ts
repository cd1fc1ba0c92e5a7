import { copyFileSync, mkdirSync, realpathSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acceptedFormatsText, UnsupportedMedia } from '../../src/errors.js';
import { findFfmpeg, getFfmpeg, probeMedia, toMediaItem, type FfmpegInfo, type MediaInfo } from '../../src/media/index.js';
import { MediaItem } from '../../src/timeline/schema.js';
import { tempDir } from '../helpers/media.js';
import {
  animatedGif,
  audioOnly,
  cfrClip,
  corruptFile,
  hdrClip,
  oddSarClip,
  pngNamedMp4,
  rotatedVfrClip,
  silentClip,
  stillImage,
  textFile,
} from '../helpers/phone-fixtures.js';
import { failure } from '../helpers/errors.js';


function expectAbout(actual: number, expected: number, within: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(within);
}

function video(info: MediaInfo) {
  if (!info.video) throw new Error(`${info.path} has no video description`);
  return info.video;
}

describe('probeMedia on phone footage', () => {
  it('a rotated phone clip: coded landscape, shown portrait, rotation 90 clockwise, variable frame rate, one audio stream', async () => {
    const info = await probeMedia(rotatedVfrClip());
    const v = video(info);
    expect(info.kind).toBe('video');
    expect([v.width, v.height]).toEqual([568, 320]);
    expect([v.display_width, v.display_height]).toEqual([320, 568]);
    expect([info.width, info.height]).toEqual([320, 568]);
    expect(v.rotation).toBe(90);
    expect(v.variable_frame_rate).toBe(true);
    expect(info.audio).toHaveLength(1);
    expect(info.audio[0]).toMatchObject({ codec: 'aac', sample_rate: 48000, channels: 2 });
    expectAbout(info.duration_ms, 2000, 50);
  });

  it('reads the same rotation with the newer bundled ffprobe (display-matrix side data across versions)', async () => {
    const bundled = await findFfmpeg({ prefer: 'bundled' });
    const v = video(await probeMedia(rotatedVfrClip(), bundled));
    expect(v.rotation).toBe(90);
    expect([v.display_width, v.display_height]).toEqual([320, 568]);
    expect(v.variable_frame_rate).toBe(true);
  });

  it('a constant-frame-rate clip with B-frames is not variable frame rate', async () => {
    const info = await probeMedia(cfrClip());
    const v = video(info);
    expect(v.variable_frame_rate).toBe(false);
    expect(v.fps).toBe(30);
    expect(v.rotation).toBe(0);
    expect(v.frames).toBe(60);
    expect(info.audio).toHaveLength(1);
  });

  it('a clip without sound has no audio streams, and its media item says so', async () => {
    const info = await probeMedia(silentClip());
    expect(info.kind).toBe('video');
    expect(info.audio).toEqual([]);
    expect(toMediaItem(info, 'm1', 'silent.mp4').has_audio).toBe(false);
  });

  it.each(['hlg', 'pq'] as const)('an HDR %s clip is flagged HDR with its 10-bit BT.2020 colour', async (transfer) => {
    const info = await probeMedia(hdrClip(transfer));
    const v = video(info);
    expect(info.hdr).toBe(true);
    expect(v.color_transfer).toBe(transfer);
    expect(v.color_primaries).toBe('bt2020');
    expect(v.color_space).toBe('bt2020nc');
    expect(v.bit_depth).toBe(10);
    expect(v.pix_fmt).toBe('yuv420p10le');
  });

  it('an SDR clip is not HDR', async () => {
    const info = await probeMedia(cfrClip());
    expect(info.hdr).toBe(false);
    expect(video(info).color_transfer).toBe('sdr');
  });

  it('non-square pixels: 480x568 coded with sample aspect 2:3 is shown 320x568', async () => {
    const info = await probeMedia(oddSarClip());
    const v = video(info);
    expect(v.sample_aspect).toEqual([2, 3]);
    expect([v.width, v.height]).toEqual([480, 568]);
    expect([info.width, info.height]).toEqual([320, 568]);
  });

  it('an m4a is audio: no picture, no size, its stream described', async () => {
    const info = await probeMedia(audioOnly());
    expect(info.kind).toBe('audio');
    expect(info.video).toBeNull();
    expect([info.width, info.height]).toEqual([0, 0]);
    expect(info.audio).toEqual([{ index: 0, codec: 'aac', sample_rate: 48000, channels: 2, duration_ms: expect.any(Number) }]);
    expectAbout(info.duration_ms, 2000, 50);
  });
});

describe('probeMedia types files by content, not by name', () => {
  it.each(['png', 'jpg', 'gif', 'webp'] as const)('a single %s picture is an image of length 0', async (format) => {
    const info = await probeMedia(stillImage(format));
    expect(info.kind).toBe('image');
    expect(info.duration_ms).toBe(0);
    expect([info.width, info.height]).toEqual([360, 480]);
    expect(video(info).frames).toBe(1);
    expect(video(info).fps).toBe(0);
  });

  it('an animated gif is a video', async () => {
    const info = await probeMedia(animatedGif());
    expect(info.kind).toBe('video');
    expect(video(info).frames).toBe(10);
    expectAbout(info.duration_ms, 1000, 20);
  });

  it('an .mp4 that is really a PNG is an image', async () => {
    const info = await probeMedia(pngNamedMp4());
    expect(info.kind).toBe('image');
    expect(info.container).toBe('png_pipe');
  });

  it('a media file is typed the same whatever its extension says', async () => {
    const dir = tempDir('reelcut-rename-');
    const asJpg = join(dir, 'holiday.jpg');
    copyFileSync(cfrClip(), asJpg);
    expect((await probeMedia(asJpg)).kind).toBe('video');
  });

  it('a text file named .mp4 is UnsupportedMedia and the message lists the accepted formats', async () => {
    const e = await failure(probeMedia(textFile()));
    expect(e).toBeInstanceOf(UnsupportedMedia);
    expect(e.code).toBe('UNSUPPORTED_MEDIA');
    expect(e.message).toContain(textFile());
    expect(e.message).toContain(acceptedFormatsText());
  });

  it('random bytes named .mp4 are UnsupportedMedia', async () => {
    const e = await failure(probeMedia(corruptFile()));
    expect(e).toBeInstanceOf(UnsupportedMedia);
    expect(e.message).toContain(acceptedFormatsText());
  });

  it('a video cut short before its index is UnsupportedMedia', async () => {
    const cut = join(tempDir('reelcut-cut-'), 'cut.mp4');
    const whole = cfrClip();
    copyFileSync(whole, cut);
    truncateSync(cut, Math.floor(statSync(whole).size / 2));
    const e = await failure(probeMedia(cut));
    expect(e).toBeInstanceOf(UnsupportedMedia);
  });
});

describe('probeMedia refuses before spending a process', () => {
  // An ffprobe that cannot run: if probe spawned it, the error would be FFMPEG_MISSING instead.
  const noFfprobe: FfmpegInfo = {
    ffmpeg: '/nonexistent/ffmpeg',
    ffprobe: '/nonexistent/ffprobe',
    source: 'env',
    version: '0',
    major: 0,
    caps: { libx264: false, libass: false, drawtext: false, xfade: false, loudnorm: false, zscale: false, tonemap: false, vidstab: false, ebur128: false },
  };

  it('a missing file is FILE_NOT_FOUND', async () => {
    const e = await failure(probeMedia(join(tempDir(), 'nope.mp4'), noFfprobe));
    expect(e.code).toBe('FILE_NOT_FOUND');
    expect(e.message).toContain('nope.mp4');
  });

  it('a 501 MB file is FileTooLarge, decided from its size alone', async () => {
    const big = join(tempDir('reelcut-big-'), 'big.mp4');
    writeFileSync(big, '');
    truncateSync(big, 501 * 1024 * 1024); // sparse: costs no disk
    const e = await failure(probeMedia(big, noFfprobe));
    expect(e.code).toBe('FILE_TOO_LARGE');
    expect(e.name).toBe('FileTooLarge');
    expect(e.message).toContain('501 MB');
  });

  it('a folder or an empty file is UnsupportedMedia', async () => {
    const dir = tempDir('reelcut-dir-');
    mkdirSync(join(dir, 'clips.mp4'));
    writeFileSync(join(dir, 'empty.mp4'), '');
    for (const p of ['clips.mp4', 'empty.mp4']) {
      const e = await failure(probeMedia(join(dir, p), noFfprobe));
      expect(e).toBeInstanceOf(UnsupportedMedia);
    }
  });
});

describe('probeMedia and awkward names', () => {
  it('reads files named with colons, dashes, quotes, percent signs and brackets', async () => {
    const dir = tempDir('reelcut-names-');
    for (const name of ['concat:a.mp4', '-i.mp4', 'it’s 100% [final].mp4']) {
      const p = join(dir, name);
      copyFileSync(cfrClip(), p);
      const info = await probeMedia(p);
      expect(info.kind).toBe('video');
      expect(info.path).toBe(p);
    }
  });
});

describe('probeMedia and relative names', () => {
  it('keeps the absolute path, so a render in another folder still finds the file', async () => {
    const dir = tempDir('reelcut-rel-');
    copyFileSync(silentClip(), join(dir, 'clip.mp4'));
    const before = process.cwd();
    process.chdir(dir);
    try {
      const info = await probeMedia('clip.mp4');
      expect(info.path).toBe(join(realpathSync(dir), 'clip.mp4'));
    } finally {
      process.chdir(before);
    }
  });
});

describe('toMediaItem', () => {
  it('gives the timeline a valid media-bin entry with the display size after rotation', async () => {
    const info = await probeMedia(rotatedVfrClip(), await getFfmpeg());
    const item = toMediaItem(info, 'media-1', 'beach.mp4');
    expect(MediaItem.parse(item)).toEqual(item);
    expect(item).toMatchObject({ id: 'media-1', name: 'beach.mp4', kind: 'video', width: 320, height: 568, has_audio: true });
    expect(item.duration_ms).toBe(info.duration_ms);
  });

  it('gives an image length 0', async () => {
    const item = toMediaItem(await probeMedia(stillImage('jpg')), 'm2', 'photo.jpg');
    expect(MediaItem.parse(item)).toMatchObject({ kind: 'image', duration_ms: 0, width: 360, height: 480, has_audio: false });
  });
});
