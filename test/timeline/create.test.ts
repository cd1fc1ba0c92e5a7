import { describe, expect, it } from 'vitest';
import { createTimeline, IMAGE_CLIP_MS, Timeline, timelineDuration, type MediaItem } from '../../src/timeline/index.js';
import { binItems } from './arbitraries.js';
import { refusal } from '../helpers/errors.js';

const [clip, beach, photo, song] = binItems as [MediaItem, MediaItem, MediaItem, MediaItem];

describe('createTimeline', () => {
  it('makes a clip of every video and image in order, skipping audio, and keeps the whole bin', () => {
    const t = createTimeline([song, clip, photo, beach]);
    expect(t.clips.map((c) => [c.id, c.media_id, c.in_ms, c.out_ms, c.speed])).toEqual([
      ['c1', 'v1', 0, 10_000, 1],
      ['c2', 'i1', 0, IMAGE_CLIP_MS, 1],
      ['c3', 'v2', 0, 4_000, 1],
    ]);
    expect(t.media.map((m) => m.id)).toEqual(['a1', 'v1', 'i1', 'v2']);
    expect(timelineDuration(t)).toBe(17_000);
    expect(Timeline.safeParse(t).success).toBe(true);
  });

  it('gives images 3 s clips', () => {
    expect(IMAGE_CLIP_MS).toBe(3000);
    expect(timelineDuration(createTimeline([photo]))).toBe(3000);
  });

  it('picks the format from the first picture: portrait 9:16, square 1:1, landscape 16:9', () => {
    expect(createTimeline([clip, beach]).format.aspect).toBe('9:16');
    expect(createTimeline([song, photo, clip]).format.aspect).toBe('1:1');
    expect(createTimeline([beach, clip]).format.aspect).toBe('16:9');
    expect(createTimeline([{ ...beach, width: 1000, height: 1100 }]).format.aspect).toBe('1:1');
  });

  it('defaults to 9:16 with no pictures, and lets the caller choose', () => {
    expect(createTimeline([song]).format.aspect).toBe('9:16');
    expect(createTimeline([]).clips).toEqual([]);
    expect(createTimeline([beach], { aspect: '4:5' }).format.aspect).toBe('4:5');
  });

  it('fills the format defaults: 1080p, 30 fps, fill with a blurred background', () => {
    expect(createTimeline([clip]).format).toEqual({
      aspect: '9:16',
      fit: 'fill',
      background: 'blur',
      height: 1080,
      fps: 30,
      filters: [],
      color: { brightness: 0, contrast: 0, saturation: 0 },
      cover_ms: null,
    });
  });

  it('refuses a video with no duration, naming it', () => {
    const e = refusal(() => createTimeline([{ ...clip, duration_ms: 0 }]));
    expect(e.message).toBe('clip.mp4 has no duration; it cannot be a clip');
  });
});
