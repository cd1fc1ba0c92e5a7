import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { arrangementGraph, ensureLoopFile, loopFileName, loopSamples, MUSIC_SAMPLE_RATE, musicInput, requireTrack, cacheDir, type Track } from '../../src/music/index.js';
import { FFMPEG, audioStream, tempDir } from '../helpers/media.js';

/** The tests' music cache (REELCUT_CACHE_DIR, see vitest.config.ts), which pieces.test.ts shares. */
const shared = (): string => join(cacheDir(), 'music');

/** Interleaved stereo float samples [from, to) of an ffmpeg input. */
function samples(before: string[], input: string, from: number, to: number): Float32Array {
  const buf = execFileSync(
    FFMPEG,
    ['-v', 'error', ...before, '-i', input, '-af', `atrim=start_sample=${from}:end_sample=${to}`, '-f', 'f32le', '-ac', '2', '-ar', '48000', '-'],
    { maxBuffer: 256 * 1024 * 1024 },
  );
  return new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
}

describe('music loop cache', () => {
  it('renders one pass of a piece once, as 48 kHz stereo of exactly the piece length, and reuses it', async () => {
    const dir = shared();
    const track = requireTrack('lofi');
    const path = await ensureLoopFile(FFMPEG, track, dir);
    const a = audioStream(path)!;
    expect([a.sample_rate, a.channels]).toEqual(['48000', 2]);
    const loop = loopSamples(track.arrangement, MUSIC_SAMPLE_RATE);
    expect(Number(a.duration)).toBeCloseTo(loop / MUSIC_SAMPLE_RATE, 3);
    const before = statSync(path).mtimeMs;
    expect(await ensureLoopFile(FFMPEG, track, dir)).toBe(path);
    expect(statSync(path).mtimeMs).toBe(before);
  });

  it('loops without a seam: the cached piece, repeated, plays what the synthesiser plays', async () => {
    // (test/music/synth.test.ts does the same for a piece whose notes and echo ring across its end.)
    const track = requireTrack('hip hop');
    const loop = loopSamples(track.arrangement, MUSIC_SAMPLE_RATE);
    const path = await ensureLoopFile(FFMPEG, track, shared());
    // Around the wrap of the cached file (its end joined to its start) ...
    const looped = musicInput(track, 3 * (loop / 48), path);
    const atWrap = samples(looped.before, looped.path, loop - 480, loop + 480);
    // ... against the live synthesiser across its own 1st→2nd pass boundary (a piece is a minute
    // or more: the echo and low-pass have long settled by the end of the first pass).
    const live = samples(['-f', 'lavfi'], arrangementGraph(track.arrangement), loop - 480, loop + 480);
    expect(atWrap.length).toBe(live.length);
    let worst = 0;
    let peak = 0;
    for (let i = 0; i < live.length; i++) {
      worst = Math.max(worst, Math.abs(atWrap[i]! - live[i]!));
      peak = Math.max(peak, Math.abs(live[i]!));
    }
    expect(peak).toBeGreaterThan(0.01); // there is music at the seam to compare
    expect(worst).toBeLessThan(0.001);
  });

  // A one-bar piece (2 s): cheap to render.
  const tiny: Track = {
    id: 'test-tiny', title: 'Tiny', mood: 'chill', genre: 'test', bpm: 120, energy: 0.5, synonyms: [], bars: 1, durationMs: 2000,
    arrangement: {
      bpm: 120,
      progressions: [{ chords: [[69]], roots: [45] }],
      chords: { hits: [0, 8], envelope: 'pluck', decay: 3, harmonics: [1], level: 0.3 },
      form: [{ bars: 1, play: ['chords'] }],
      post: [],
      gain: 1,
    },
  };

  it('waits for the piece another process is rendering (it holds the lock) instead of rendering it again', async () => {
    const dir = tempDir();
    const path = join(dir, loopFileName(tiny));
    writeFileSync(`${path}.lock`, '');
    const asked = ensureLoopFile(FFMPEG, tiny, dir);
    await new Promise((r) => setTimeout(r, 300));
    writeFileSync(path, 'rendered elsewhere');
    writeFileSync(`${path}.lock`, ''); // still held a moment longer: the file alone is enough
    expect(await asked).toBe(path);
    expect(readFileSync(path, 'utf8')).toBe('rendered elsewhere');
  });

  it('answers two callers at once with one file, and takes over a lock left by a render that died', async () => {
    const dir = tempDir();
    const path = join(dir, loopFileName(tiny));
    writeFileSync(`${path}.lock`, '');
    const old = (Date.now() - 10 * 60_000) / 1000;
    utimesSync(`${path}.lock`, old, old);
    const [a, b] = await Promise.all([ensureLoopFile(FFMPEG, tiny, dir), ensureLoopFile(FFMPEG, tiny, dir)]);
    expect(a).toBe(path);
    expect(b).toBe(path);
    expect(Number(audioStream(path)!.duration)).toBeCloseTo(2, 3);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('removes the files of earlier syntheses of the track it renders, and no other track\'s', async () => {
    const dir = tempDir();
    const stale = join(dir, 'test-tiny-0123456789ab.wav');
    const other = join(dir, 'test-tiny-two-0123456789ab.wav');
    writeFileSync(stale, 'an older version');
    writeFileSync(other, 'another track');
    const path = await ensureLoopFile(FFMPEG, tiny, dir);
    expect(existsSync(path)).toBe(true);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(other)).toBe(true);
  });

  it('keeps the cache in REELCUT_CACHE_DIR, else XDG_CACHE_HOME/reelcut, else ~/.cache/reelcut', () => {
    expect(cacheDir({ REELCUT_CACHE_DIR: '/x/y' })).toBe('/x/y');
    expect(cacheDir({ XDG_CACHE_HOME: '/cache' })).toBe(join('/cache', 'reelcut'));
    expect(cacheDir({})).toMatch(/\.cache\/reelcut$/);
  });
});
