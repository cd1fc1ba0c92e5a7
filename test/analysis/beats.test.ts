import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseBeats, detectBeats, type BeatAnalysis } from '../../src/analysis/index.js';
import { TRACKS, cacheDir, ensureLoopFile, type Track } from '../../src/music/index.js';
import { FFMPEG, ffmpeg, tempDir } from '../helpers/media.js';
import { clickTrack } from './fixtures.js';

const ff = { ffmpeg: FFMPEG };

/** Largest distance from a detected beat to its nearest true click. */
function worstMiss(beats: number[], clicks: number[]): number {
  return Math.max(...beats.map((b) => Math.min(...clicks.map((c) => Math.abs(b - c)))));
}

describe('tempo and beats', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('reelcut-beats-');
  });

  it.each([90, 120, 128])('finds %i BPM in a click track, with every beat within 30 ms of a click', async (bpm) => {
    const { path, clicksMs } = clickTrack(dir, bpm, 10);
    const result = await detectBeats(path, ff);
    expect(Math.abs(result.bpm - bpm)).toBeLessThanOrEqual(2);
    expect(result.beats_ms.length).toBeGreaterThanOrEqual(clicksMs.length - 2);
    expect(worstMiss(result.beats_ms, clicksMs)).toBeLessThanOrEqual(30);
    expect(result.confidence).toBeGreaterThan(0.5);
  });

  it('finds the tempo of a click track under low noise', async () => {
    const { path, clicksMs } = clickTrack(dir, 120, 10, 250, 0.05);
    const result = await detectBeats(path, ff);
    expect(Math.abs(result.bpm - 120)).toBeLessThanOrEqual(2);
    expect(worstMiss(result.beats_ms, clicksMs)).toBeLessThanOrEqual(30);
  });

  it('reports beats on the file clock when only a window of it is read', async () => {
    const { path, clicksMs } = clickTrack(dir, 128, 10);
    const result = await detectBeats(path, ff, { startMs: 3000, durationMs: 6000 });
    expect(Math.abs(result.bpm - 128)).toBeLessThanOrEqual(2);
    expect(result.beats_ms[0]!).toBeGreaterThanOrEqual(3000);
    expect(worstMiss(result.beats_ms, clicksMs)).toBeLessThanOrEqual(30);
  });

  it('has little confidence in noise', async () => {
    const noise = join(dir, 'noise.wav');
    ffmpeg(['-f', 'lavfi', '-i', 'anoisesrc=a=0.3:c=white:d=8:r=44100', noise]);
    expect((await detectBeats(noise, ff)).confidence).toBeLessThan(0.2);
  });

  it('finds the tempo and beats of an impulse train made in memory (no ffmpeg)', () => {
    const rate = 11025;
    const samples = new Float32Array(rate * 8);
    const clicks: number[] = [];
    for (let ms = 300; ms < 8000; ms += 600) {
      clicks.push(ms);
      const at = Math.round((ms / 1000) * rate);
      for (let i = 0; i < 200; i++) samples[at + i] = 0.8 * Math.sin(i * 0.9) * Math.exp(-i / 40);
    }
    const result = analyseBeats(samples, rate);
    expect(Math.abs(result.bpm - 100)).toBeLessThanOrEqual(1);
    expect(worstMiss(result.beats_ms, clicks)).toBeLessThanOrEqual(20);
  });

  it('gives no tempo for sound too short to hold four beats at 60 BPM', () => {
    expect(analyseBeats(new Float32Array(11025 * 2), 11025)).toEqual({ bpm: 0, beats_ms: [], confidence: 0 });
  });

  // One pass of each bundled piece (60–120 s), rendered into the tests' music cache
  // (REELCUT_CACHE_DIR, see vitest.config.ts) that test/music/pieces.test.ts shares; it renders
  // them in the other order, so two files running at once do not render the same piece twice.
  const pieces = join(cacheDir(), 'music');
  const heard = new Map<string, Promise<BeatAnalysis>>();
  const beatsOf = (track: Track): Promise<BeatAnalysis> => {
    if (!heard.has(track.id)) heard.set(track.id, ensureLoopFile(FFMPEG, track, pieces).then((path) => detectBeats(path, ff)));
    return heard.get(track.id)!;
  };

  it.each(TRACKS.map((t) => [t.id, t.bpm] as const))('finds the tempo of the bundled track %s (%i BPM) within 2 BPM', async (id, bpm) => {
    const track = TRACKS.find((t) => t.id === id)!;
    const result = await beatsOf(track);
    expect(Math.abs(result.bpm - bpm)).toBeLessThanOrEqual(2);
    expect(result.confidence).toBeGreaterThan(0.5);
  });

  it.each(TRACKS.map((t) => [t.id, t.bpm] as const))('places the beats of the bundled track %s (%i BPM) on its beat grid, not between', async (id, bpm) => {
    // Every piece starts on a downbeat, so its beats are at k × 60 000 / bpm ms (phase 0); a
    // tracker that follows a loud off-beat lands half a beat away.
    const track = TRACKS.find((t) => t.id === id)!;
    const result = await beatsOf(track);
    const period = 60_000 / bpm;
    const grid = Array.from({ length: Math.ceil(track.durationMs / period) + 1 }, (_, k) => k * period);
    expect(worstMiss(result.beats_ms, grid)).toBeLessThanOrEqual(30);
    // Through the whole piece (breakdowns included), not a few beats at its start.
    expect(result.beats_ms.length).toBeGreaterThanOrEqual(0.9 * (track.durationMs / period));
    expect(result.beats_ms[result.beats_ms.length - 1]!).toBeGreaterThan(track.durationMs - 4 * period);
  });
});
