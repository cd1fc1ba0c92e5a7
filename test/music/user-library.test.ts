// A person's music folder: found by content, tempo measured, cached, and matched to add_music's words.
import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getFfmpeg, type FfmpegInfo } from '../../src/media/index.js';
import { looksLikeAudio, resolveUserMusic, scanMusicFolder, titleFromFileName, type UserTrack } from '../../src/music/index.js';
import { tempDir } from '../helpers/media.js';
import { FOLDER_TRACKS, writeMusicFolder } from './user-fixtures.js';

let ff: FfmpegInfo;
let dir: string;
let cacheFile: string;

beforeAll(async () => {
  ff = await getFfmpeg();
  const root = tempDir('reelcut-music-dir-');
  dir = writeMusicFolder(join(root, 'music'));
  cacheFile = join(root, 'cache', 'music-dir.json');
});

describe('scanMusicFolder', () => {
  it('finds the wav, m4a and mp3 (one a folder down) with their tag titles and tempi within ±2 BPM, and passes over files that only look like music by name', async () => {
    const analysed: string[] = [];
    const scan = await scanMusicFolder(dir, ff, { cacheFile, onAnalyse: (p) => analysed.push(p) });
    expect(scan.tracks.map((t) => t.file).sort()).toEqual(FOLDER_TRACKS.map((t) => t.file).sort());
    for (const want of FOLDER_TRACKS) {
      const got = scan.tracks.find((t) => t.file === want.file)!;
      expect(got.title).toBe(want.title);
      expect(got.title_from).toBe('tags');
      expect(Math.abs(got.bpm - want.bpm)).toBeLessThanOrEqual(2);
      expect(got.bpm_confidence).toBeGreaterThan(0.5);
      expect(got.duration_ms).toBeGreaterThan(9_900);
      expect(got.duration_ms).toBeLessThan(10_200);
    }
    // The text file named .mp3 and the video named .mp3 are not music; the hidden file is not even looked at.
    expect(scan.skipped.map((s) => s.file).sort()).toEqual(['cover.mp3', 'fake.mp3']);
    expect(scan.skipped.find((s) => s.file === 'cover.mp3')?.why).toMatch(/video/);
    expect(analysed).toHaveLength(5);
    expect(scan.analysed).toBe(5);
  });

  it('reads unchanged files from the cache on the next scan, and measures again only a file that changed', async () => {
    const counted: string[] = [];
    const again = await scanMusicFolder(dir, ff, { cacheFile, onAnalyse: (p) => counted.push(p) });
    expect(counted).toEqual([]);
    expect(again.from_cache).toBe(5);
    expect(again.tracks.map((t) => [t.title, t.bpm])).toEqual((await scanMusicFolder(dir, ff, { cacheFile })).tracks.map((t) => [t.title, t.bpm]));

    const touched = join(dir, 'slow-walk.wav');
    const later = new Date(Date.now() + 60_000);
    utimesSync(touched, later, later);
    const after = await scanMusicFolder(dir, ff, { cacheFile, onAnalyse: (p) => counted.push(p) });
    expect(counted).toEqual([touched]);
    expect(after.from_cache).toBe(4);
  });

  it('says plainly when the folder is not there', async () => {
    await expect(scanMusicFolder(join(dir, 'nope'), ff, { cacheFile })).rejects.toThrow(/music folder .*nope.*--music-dir/);
  });
});

describe('looksLikeAudio and titleFromFileName', () => {
  it('knows audio containers by their first bytes, not by name', () => {
    const bytes = (s: string): Uint8Array => new Uint8Array([...s].map((c) => c.charCodeAt(0)));
    expect(looksLikeAudio(bytes('ID3\x04\x00\x00'))).toBe(true);
    expect(looksLikeAudio(bytes('RIFF\x00\x00\x00\x00WAVEfmt '))).toBe(true);
    expect(looksLikeAudio(bytes('\x00\x00\x00\x20ftypM4A '))).toBe(true);
    expect(looksLikeAudio(bytes('fLaC\x00\x00'))).toBe(true);
    expect(looksLikeAudio(bytes('OggS\x00\x02'))).toBe(true);
    expect(looksLikeAudio(new Uint8Array([0xff, 0xfb, 0x90, 0x00]))).toBe(true);
    expect(looksLikeAudio(bytes('This is a shopping list'))).toBe(false);
    expect(looksLikeAudio(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]))).toBe(false); // PNG
    expect(looksLikeAudio(bytes('%PDF-1.7'))).toBe(false);
  });

  it('makes a title of a file name without its track number and underscores', () => {
    expect(titleFromFileName('/m/03 - Night_Drive.mp3')).toBe('Night Drive');
    expect(titleFromFileName('/m/song.flac')).toBe('song');
  });
});

function track(over: Partial<UserTrack> & { title: string }): UserTrack {
  return {
    path: `/music/${over.title}.mp3`,
    file: `${over.title}.mp3`,
    title_from: 'tags',
    duration_ms: 180_000,
    bpm: 100,
    bpm_confidence: 0.9,
    mood: null,
    mood_guessed: false,
    ...over,
  };
}

describe('resolveUserMusic', () => {
  const folder: UserTrack[] = [
    track({ title: 'Slow Walk', bpm: 90, energy: 0.4, mood: 'confident', mood_guessed: true }),
    track({ title: 'Night Drive', bpm: 128, energy: 0.85, mood: 'energetic', mood_guessed: true }),
    track({ title: 'Coffee Shop', bpm: 84, genre: 'Lo-Fi Hip Hop', mood: 'chill', energy: 0.3 }),
    track({ title: 'Rainy Jazz', bpm: 0, bpm_confidence: 0.1, genre: 'Jazz', mood: null }),
  ];

  it('takes a title named in the words first, even when the planner left it out of the query', () => {
    const c = resolveUserMusic({ query: 'trending', words: 'add music Night Drive and fade out' }, folder);
    expect(c?.track.title).toBe('Night Drive');
    expect(c?.by).toBe('name');
    expect(resolveUserMusic({ query: 'coffee shop' }, folder)?.track.title).toBe('Coffee Shop');
  });

  it('takes the nearest measured tempo to one asked for, within 6%, and nothing when none is near', () => {
    expect(resolveUserMusic({ query: 'trending', words: 'add music around 128 bpm' }, folder)?.track.title).toBe('Night Drive');
    expect(resolveUserMusic({ words: 'something at 125 BPM' }, folder)?.track.title).toBe('Night Drive');
    expect(resolveUserMusic({ words: 'a tempo of 92' }, folder)?.track.title).toBe('Slow Walk');
    // 64 bpm is half of 128: a tracker's octave slip still finds it, after direct matches.
    expect(resolveUserMusic({ words: '64 bpm' }, folder)?.reason).toMatch(/half or double/);
    expect(resolveUserMusic({ query: 'trending', words: 'music at 110 bpm' }, folder)).toBeNull();
  });

  it('answers a mood from a genre tag before a guess, a genre word from the tag, and says when the mood is a guess', () => {
    const chill = resolveUserMusic({ query: 'chill' }, folder);
    expect(chill?.track.title).toBe('Coffee Shop');
    expect(chill?.reason).not.toMatch(/guess/);
    expect(resolveUserMusic({ query: 'jazz' }, folder)?.track.title).toBe('Rainy Jazz');
    const edm = resolveUserMusic({ query: 'energetic' }, folder);
    expect(edm?.track.title).toBe('Night Drive');
    expect(edm?.reason).toMatch(/guess/);
  });

  it('is null (the bundled library answers) for a mood nothing matches, for "trending", and for an empty folder', () => {
    expect(resolveUserMusic({ query: 'epic' }, folder)).toBeNull();
    expect(resolveUserMusic({ query: 'trending', words: 'add trending music' }, folder)).toBeNull();
    expect(resolveUserMusic({ query: 'chill' }, [])).toBeNull();
  });

  it('does not take a song titled only with words every request has', () => {
    expect(resolveUserMusic({ query: 'trending', words: 'add music' }, [track({ title: 'Music' }), track({ title: 'Track 01' })])).toBeNull();
  });
});
