import { describe, expect, it } from 'vitest';
import { bindLibraryMusic, requireTrack, trendingTracks } from '../../src/music/index.js';
import { apply, createTimeline, type Timeline } from '../../src/timeline/index.js';
import { refusal } from '../helpers/errors.js';

function withClip(): Timeline {
  return createTimeline([
    { id: 'v1', name: 'clip.mp4', kind: 'video', duration_ms: 10_000, width: 1080, height: 1920, has_audio: true },
    { id: 'a1', name: 'song.m4a', kind: 'audio', duration_ms: 30_000, width: 0, height: 0, has_audio: true },
  ]);
}

describe('bindLibraryMusic', () => {
  it('pins a mood or "trending" to the bundled track it resolves to, with its title', () => {
    const chill = bindLibraryMusic(apply(withClip(), { op: 'add_music', query: 'chill' }));
    expect(chill.music[0]).toMatchObject({ media_id: `lib:${requireTrack('chill').id}`, title: requireTrack('chill').title });
    const trending = bindLibraryMusic(apply(withClip(), { op: 'add_music', query: 'trending' }));
    expect(trending.music[0]?.media_id).toBe(`lib:${trendingTracks()[0]!.id}`);
    expect(trending.music[0]?.title).not.toBe('Trending');
  });

  it('is stable: binding a bound timeline changes nothing, and bin music is left alone', () => {
    const once = bindLibraryMusic(apply(withClip(), { op: 'add_music', query: 'upbeat' }));
    expect(bindLibraryMusic(once)).toEqual(once);
    const bin = apply(withClip(), { op: 'add_music', media_id: 'a1' });
    expect(bindLibraryMusic(bin)).toBe(bin);
  });

  it('fails early, naming the moods there are, for music nothing in the library matches', () => {
    const t = apply(withClip(), { op: 'add_music', query: 'polka' });
    const e = refusal(() => bindLibraryMusic(t));
    expect(e.code).toBe('INVALID_OPERATION');
    expect(e.message).toMatch(/polka/);
    expect(e.message).toMatch(/chill|lo-fi/i);
  });
});
