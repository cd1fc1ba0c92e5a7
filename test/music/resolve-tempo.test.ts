import { describe, expect, it } from 'vitest';
import { askedTempo, resolveMusicQuery, TRACKS } from '../../src/music/library.js';

describe('a tempo in the music query', () => {
  it.each([
    ['128 bpm', 'electro-pulse'],
    ['around 90 bpm', 'hiphop-block'],
    ['tempo 100', 'acoustic-porch'],
    ['75 bpm', 'cinematic-rise'],
    ['200 bpm', 'electro-pulse'],
  ])('"%s" picks the bundled track of nearest tempo (%s)', (query, id) => {
    expect(resolveMusicQuery(query)?.id).toBe(id);
  });

  it('a mood said with the tempo wins over the tempo', () => {
    expect(resolveMusicQuery('chill 128 bpm')?.id).toBe('lofi-drift');
  });

  it('reads the forms people write, and ignores numbers that are not a tempo', () => {
    expect(askedTempo('加一首128bpm的音乐')?.bpm).toBe(128);
    expect(askedTempo('a bpm of 95.5')?.bpm).toBe(95.5);
    expect(askedTempo('120 beats per minute')?.bpm).toBe(120);
    expect(askedTempo('add music at 35%')).toBeNull();
    expect(askedTempo('999 bpm')).toBeNull();
    expect(askedTempo('128 bpms')).toBeNull();
    expect(TRACKS.length).toBeGreaterThanOrEqual(6);
  });
});
