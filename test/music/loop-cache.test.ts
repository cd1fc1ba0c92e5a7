import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { arrangementGraph, ensureLoopFile, loopSamples, MUSIC_SAMPLE_RATE, musicInput, requireTrack, cacheDir } from '../../src/music/index.js';
import { FFMPEG, audioStream, tempDir } from '../helpers/media.js';

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
  it('renders one loop of a track once, as 48 kHz stereo of exactly the loop length, and reuses it', async () => {
    const dir = tempDir();
    const track = requireTrack('lofi');
    const path = await ensureLoopFile(FFMPEG, track, dir);
    const a = audioStream(path)!;
    expect([a.sample_rate, a.channels]).toEqual(['48000', 2]);
    const loop = loopSamples(track.bpm, MUSIC_SAMPLE_RATE);
    expect(Number(a.duration)).toBeCloseTo(loop / MUSIC_SAMPLE_RATE, 3);
    const before = statSync(path).mtimeMs;
    expect(await ensureLoopFile(FFMPEG, track, dir)).toBe(path);
    expect(statSync(path).mtimeMs).toBe(before);
  });

  it('loops without a seam: the cached file, repeated, plays what the synthesiser plays', async () => {
    const dir = tempDir();
    const track = requireTrack('hip hop');
    const loop = loopSamples(track.bpm, MUSIC_SAMPLE_RATE);
    const path = await ensureLoopFile(FFMPEG, track, dir);
    // Around the wrap of the cached file (its end joined to its start) ...
    const looped = musicInput(track, 3 * (loop / 48), path);
    const atWrap = samples(looped.before, looped.path, loop - 480, loop + 480);
    // ... against the live synthesiser across its own 2nd→3rd loop boundary.
    const live = samples(['-f', 'lavfi'], arrangementGraph(track.arrangement), 2 * loop - 480, 2 * loop + 480);
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

  it('keeps the cache in REELCUT_CACHE_DIR, else XDG_CACHE_HOME/reelcut, else ~/.cache/reelcut', () => {
    expect(cacheDir({ REELCUT_CACHE_DIR: '/x/y' })).toBe('/x/y');
    expect(cacheDir({ XDG_CACHE_HOME: '/cache' })).toBe(join('/cache', 'reelcut'));
    expect(cacheDir({})).toMatch(/\.cache\/reelcut$/);
  });
});
