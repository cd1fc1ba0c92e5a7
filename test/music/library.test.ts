import { statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ReelcutError } from '../../src/errors.js';
import { loopSamples, musicInput, requireTrack, resolveMusicQuery, TRACKS, trendingTracks } from '../../src/music/index.js';
import trending from '../../src/music/trending.json' with { type: 'json' };
import { ffmpeg, loudnessOf, tempDir } from '../helpers/media.js';

let dir: string;
beforeAll(() => {
  dir = tempDir('reelcut-music-');
});

describe('bundled tracks', () => {
  it('has at least six tracks with distinct ids and complete metadata', () => {
    expect(TRACKS.length).toBeGreaterThanOrEqual(6);
    expect(new Set(TRACKS.map((t) => t.id)).size).toBe(TRACKS.length);
    expect(new Set(TRACKS.map((t) => t.mood)).size).toBe(TRACKS.length);
    for (const t of TRACKS) {
      expect(t.title).not.toBe('');
      expect(t.bpm).toBe(t.arrangement.bpm);
      expect(t.energy).toBeGreaterThanOrEqual(0);
      expect(t.energy).toBeLessThanOrEqual(1);
    }
  });

  it('every bar, so every piece, is a whole number of samples, so repeating it leaves no seam', () => {
    for (const t of TRACKS) {
      const rate = t.arrangement.rate ?? 24000;
      for (const r of [rate, 48000]) {
        expect(Number.isInteger((4 * 60 * r) / t.bpm)).toBe(true);
        expect(loopSamples(t.arrangement, r)).toBe((t.bars * 4 * 60 * r) / t.bpm);
      }
    }
  });

  it('every piece is 60–120 s long, and says so in its metadata', () => {
    for (const t of TRACKS) {
      expect(t.bars).toBe(t.arrangement.form.reduce((n, s) => n + s.bars, 0));
      expect(t.durationMs).toBe(Math.round((t.bars * 4 * 60_000) / t.bpm));
      expect(t.durationMs).toBeGreaterThanOrEqual(60_000);
      expect(t.durationMs).toBeLessThanOrEqual(120_000);
    }
  });

  it.each(TRACKS.map((t) => [t.id, t] as const))('%s renders 5 s of 48 kHz stereo at a sensible loudness', (id, track) => {
    const input = musicInput(track, 5000);
    const out = join(dir, `${id}.raw`);
    ffmpeg([...input.before, '-i', input.path, '-f', 's16le', '-c:a', 'pcm_s16le', out]);
    expect(statSync(out).size / 4).toBe(5.5 * 48000); // what was asked, and half a second spare
    const wav = join(dir, `${id}.wav`);
    ffmpeg(['-f', 's16le', '-ar', '48000', '-ac', '2', '-i', out, wav]);
    const { lufs, truePeak } = loudnessOf(wav);
    // Each track is levelled to about −16 LUFS, so volume 0.35 means the same thing for all.
    expect(lufs).toBeGreaterThan(-18);
    expect(lufs).toBeLessThan(-14);
    expect(truePeak).toBeLessThan(0.5);
  });
});

describe('resolveMusicQuery', () => {
  it.each([
    ['lofi', 'lofi-drift'],
    ['lo-fi', 'lofi-drift'],
    ['Lo Fi', 'lofi-drift'],
    ['chill', 'lofi-drift'],
    ['some chill music', 'lofi-drift'],
    ['upbeat', 'pop-sunny'],
    ['pop', 'pop-sunny'],
    ['happy', 'pop-sunny'],
    ['epic', 'cinematic-rise'],
    ['cinematic', 'cinematic-rise'],
    ['something epic and dramatic', 'cinematic-rise'],
    ['hip hop', 'hiphop-block'],
    ['hip-hop', 'hiphop-block'],
    ['hiphop', 'hiphop-block'],
    ['rap', 'hiphop-block'],
    ['acoustic', 'acoustic-porch'],
    ['guitar', 'acoustic-porch'],
    ['edm', 'electro-pulse'],
    ['EDM', 'electro-pulse'],
    ['electronic', 'electro-pulse'],
    ['dance', 'electro-pulse'],
    ['lofi-drift', 'lofi-drift'],
    ['lib:pop-sunny', 'pop-sunny'],
    ['lib:lofi', 'lofi-drift'],
  ])('%s → %s', (query, id) => {
    expect(resolveMusicQuery(query)?.id).toBe(id);
  });

  it('"trending" is the top of the hand-kept ranking', () => {
    expect(trending.note).toMatch(/hand/i);
    expect(trending.ranking.every((id) => TRACKS.some((t) => t.id === id))).toBe(true);
    expect(trendingTracks().map((t) => t.id)).toEqual(trending.ranking);
    expect(resolveMusicQuery('trending')?.id).toBe(trending.ranking[0]);
    expect(resolveMusicQuery('lib:trending')?.id).toBe(trending.ranking[0]);
    expect(resolveMusicQuery('a trending sound')?.id).toBe(trending.ranking[0]);
  });

  it('finds nothing for an unknown style, and requireTrack says which moods exist', () => {
    expect(resolveMusicQuery('polka')).toBeNull();
    expect(resolveMusicQuery('')).toBeNull();
    let err: unknown;
    try {
      requireTrack('polka');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ReelcutError);
    expect((err as ReelcutError).code).toBe('INVALID_OPERATION');
    for (const word of ['polka', 'chill', 'upbeat', 'epic', 'hip-hop', 'acoustic', 'electronic', 'trending']) {
      expect((err as ReelcutError).message).toContain(word);
    }
  });
});
