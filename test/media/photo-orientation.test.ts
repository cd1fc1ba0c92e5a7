// Phone photos stored sideways with an EXIF Orientation: probe describes them as a viewer shows
// them, and a whole render (timeline → renderTimeline → real ffmpeg) puts them on screen upright.
// The picture is stored 480x360 with a red top half and a blue bottom half, so where the red
// lands in the output says which way it was turned.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findFfmpeg, getFfmpeg, probeMedia, toMediaItem, type MediaInfo } from '../../src/media/index.js';
import { describeMedia, type RawProbe } from '../../src/media/probe-parse.js';
import { renderTimeline } from '../../src/render/index.js';
import { createTimeline, Timeline } from '../../src/timeline/index.js';
import { pixelAt, probe, tempDir, videoStream } from '../helpers/media.js';
import { exifPhoto, garbledExifPhoto } from '../helpers/phone-fixtures.js';

const work = tempDir('reelcut-photo-orientation-');
afterAll(() => rmSync(work, { recursive: true, force: true }));

function video(info: MediaInfo) {
  if (!info.video) throw new Error(`${info.path} has no video description`);
  return info.video;
}

describe('probeMedia turns a phone photo by its EXIF orientation', () => {
  it.each([
    [6, 90, [360, 480]],
    [8, 270, [360, 480]],
    [3, 180, [480, 360]],
    [1, 0, [480, 360]],
    [null, 0, [480, 360]],
  ] as const)('JPEG orientation %s: rotation %i, shown %j, coded size unchanged', async (orientation, rotation, shown) => {
    const info = await probeMedia(exifPhoto(orientation));
    const v = video(info);
    expect(info.kind).toBe('image');
    expect(v.rotation).toBe(rotation);
    expect([v.width, v.height]).toEqual([480, 360]);
    expect([v.display_width, v.display_height]).toEqual(shown);
    expect([info.width, info.height]).toEqual(shown);
  });

  it('gives the same turn with the bundled ffprobe 4.1, which also leaves EXIF off the stream', async () => {
    const info = await probeMedia(exifPhoto(6), await findFfmpeg({ prefer: 'bundled' }));
    expect(video(info).rotation).toBe(90);
    expect([info.width, info.height]).toEqual([360, 480]);
  });

  it('reads little-endian (II) EXIF the same as big-endian (MM)', async () => {
    expect(video(await probeMedia(exifPhoto(6, 'jpg', 'II'))).rotation).toBe(90);
  });

  it.each(['png', 'webp'] as const)('a %s with EXIF orientation 6 is shown 360x480', async (format) => {
    const info = await probeMedia(exifPhoto(6, format));
    expect(info.kind).toBe('image');
    expect(video(info).rotation).toBe(90);
    expect([info.width, info.height]).toEqual([360, 480]);
  });

  it('mirrored orientation 5 keeps its quarter turn (the mirror is dropped)', async () => {
    const info = await probeMedia(exifPhoto(5));
    expect(video(info).rotation).toBe(90);
    expect([info.width, info.height]).toEqual([360, 480]);
  });

  it('a cut-short EXIF block is read as no orientation, not an error', async () => {
    const info = await probeMedia(garbledExifPhoto());
    expect(info.kind).toBe('image');
    expect(video(info).rotation).toBe(0);
    expect([info.width, info.height]).toEqual([480, 360]);
  });

  it('a portrait photo stored sideways suggests a portrait (9:16) timeline', async () => {
    const info = await probeMedia(exifPhoto(6));
    expect(createTimeline([toMediaItem(info, 'm1', 'photo.jpg')]).format.aspect).toBe('9:16');
  });

  it("ffprobe's own rotation for a still is taken instead of the EXIF one, never added to it", async () => {
    // What this ffprobe says of the file, plus the display matrix a build that reads EXIF itself
    // would attach to the stream: the two describe the same turn.
    const path = exifPhoto(6);
    const raw = probe(path) as unknown as RawProbe;
    const stream = { ...raw.streams![0]!, side_data_list: [{ side_data_type: 'Display Matrix', rotation: -90 }] };
    const info = describeMedia({ path, sizeBytes: 1, probe: { ...raw, streams: [stream] }, videoPts: [0], exifOrientation: 6 });
    expect(video(info).rotation).toBe(90);
    expect([info.width, info.height]).toEqual([360, 480]);
  });
});

type Colour = 'red' | 'blue' | 'black';

function colourOf([r, g, b]: [number, number, number]): Colour | 'other' {
  if (r > 180 && g < 80 && b < 80) return 'red';
  if (b > 180 && r < 80 && g < 80) return 'blue';
  if (r < 40 && g < 40 && b < 40) return 'black';
  return 'other';
}

/** Render the photo alone, 1 s, into a black-padded 360x640 frame, and return the output path. */
async function renderPhoto(path: string, name: string): Promise<string> {
  const ff = await getFfmpeg();
  const info = await probeMedia(path, ff);
  const first = createTimeline([toMediaItem(info, 'm1', name)]);
  const timeline = Timeline.parse({
    ...first,
    clips: first.clips.map((c) => ({ ...c, out_ms: 1000 })),
    format: { ...first.format, aspect: '9:16', fit: 'fit', background: 'black', height: 360 },
  });
  const out = join(work, `${name}.mp4`);
  await renderTimeline({ timeline, media: new Map([['m1', info]]), outPath: out, ff });
  return out;
}

/** Colours at the four quarter points of the frame's centre region, then its top band. */
function quadrants(out: string): Record<'topLeft' | 'topRight' | 'bottomLeft' | 'bottomRight' | 'band', Colour | 'other'> {
  const at = (x: number, y: number) => colourOf(pixelAt(out, 0.5, x, y));
  return { topLeft: at(90, 240), topRight: at(270, 240), bottomLeft: at(90, 400), bottomRight: at(270, 400), band: at(180, 30) };
}

describe('a rendered phone photo is upright', () => {
  // Output 360x640. A portrait result (orientation 6/8) is 360x480 centred: y 80–560. A
  // landscape one (1/3) is 360x270 centred: y 185–455, so y 240 and 400 fall in its halves too.
  it.each([
    [6, 'jpg', { topLeft: 'blue', topRight: 'red', bottomLeft: 'blue', bottomRight: 'red' }],
    [8, 'jpg', { topLeft: 'red', topRight: 'blue', bottomLeft: 'red', bottomRight: 'blue' }],
    [3, 'jpg', { topLeft: 'blue', topRight: 'blue', bottomLeft: 'red', bottomRight: 'red' }],
    [null, 'jpg', { topLeft: 'red', topRight: 'red', bottomLeft: 'blue', bottomRight: 'blue' }],
    [6, 'webp', { topLeft: 'blue', topRight: 'red', bottomLeft: 'blue', bottomRight: 'red' }],
  ] as const)('orientation %s (%s): red and blue land where a phone shows them, turned once', async (orientation, format, expected) => {
    const out = await renderPhoto(exifPhoto(orientation, format), `photo-${orientation ?? 'none'}-${format}`);
    const v = videoStream(out);
    expect([v.width, v.height]).toEqual([360, 640]);
    expect(quadrants(out)).toEqual({ ...expected, band: 'black' });
    // Turned in the pixels, so the output must not ask a player to turn it again.
    expect(v.side_data_list?.some((d) => typeof d.rotation === 'number' && d.rotation !== 0) ?? false).toBe(false);
    expect(v.tags?.rotate).toBeUndefined();
  });
});
