// The bundled tracks as pieces of 60–120 s (not one short loop): measured on the cached file each
// track plays from. They are rendered into the tests' own music cache (vitest.config.ts sets
// REELCUT_CACHE_DIR), named by a hash of their synthesis: once, until the synthesis changes;
// test/analysis/beats.test.ts and loop-cache.test.ts read the same files.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { arrangementGraph, cacheDir, ensureLoopFile, loopSamples, MUSIC_SAMPLE_RATE, pieceBars, TRACKS, type Arrangement, type Track } from '../../src/music/index.js';
import { FFMPEG, FFPROBE, audioStream, loudnessOf } from '../helpers/media.js';

const files = new Map<string, string>();
beforeAll(async () => {
  // Backwards: beats.test.ts renders in TRACKS order into the same folder, so when both files run
  // at once each finds the other's work done instead of rendering the same piece twice.
  for (const t of [...TRACKS].reverse()) files.set(t.id, await ensureLoopFile(FFMPEG, t, join(cacheDir(), 'music')));
});

const byId = TRACKS.map((t) => [t.id, t] as const);

/**
 * RMS (dBFS) of each bar of a file, in three bands: everything, the low end (< 150 Hz: kick and
 * bass) and the top (> 4 kHz: hats and snare). One ffmpeg run; the sums are done here.
 */
function barLevels(path: string, t: Track): Array<{ all: number; low: number; high: number }> {
  const rate = 16000;
  const graph = [
    `[0:a]pan=mono|c0=0.5*c0+0.5*c1,aresample=${rate},asplit=3[a][b][c]`,
    '[b]lowpass=f=150:p=2,lowpass=f=150:p=2[low]',
    '[c]highpass=f=4000:p=2,highpass=f=4000:p=2[high]',
    '[a][low][high]join=inputs=3:channel_layout=3.0:map=0.0-FL|1.0-FR|2.0-FC[out]',
  ].join(';');
  const buf = execFileSync(FFMPEG, ['-v', 'error', '-i', path, '-filter_complex', graph, '-map', '[out]', '-f', 'f32le', '-'], { maxBuffer: 512 * 1024 * 1024 });
  const x = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
  const perBar = (rate * 4 * 60) / t.bpm;
  const bars: Array<{ all: number; low: number; high: number }> = [];
  for (let b = 0; b < t.bars; b++) {
    const sums = [0, 0, 0];
    for (let i = Math.round(b * perBar); i < Math.round((b + 1) * perBar); i++) for (let c = 0; c < 3; c++) sums[c]! += x[3 * i + c]! ** 2;
    const db = (s: number): number => 10 * Math.log10(s / perBar + 1e-12);
    bars.push({ all: db(sums[0]!), low: db(sums[1]!), high: db(sums[2]!) });
  }
  return bars;
}

/** Mean of the bar levels (in dB) over bars [from, to). */
function meanOver(levels: Array<{ all: number; low: number; high: number }>, from: number, to: number): { all: number; low: number; high: number } {
  const span = levels.slice(from, to);
  const mean = (k: 'all' | 'low' | 'high'): number => span.reduce((s, l) => s + l[k], 0) / span.length;
  return { all: mean('all'), low: mean('low'), high: mean('high') };
}

/** The first section that drops the kick: the breakdown, as bar numbers. */
function breakdown(a: Arrangement): { from: number; to: number } | null {
  let at = 0;
  for (const s of a.form) {
    if (!s.play.includes('kick')) return { from: at, to: at + s.bars };
    at += s.bars;
  }
  return null;
}

describe('bundled pieces', () => {
  it.each(byId)('%s is one pass of 60–120 s, exactly its bars × 4 beats, to the sample', (id, t) => {
    const a = audioStream(files.get(id)!)!;
    expect([a.sample_rate, a.channels]).toEqual(['48000', 2]);
    const samples = Number(execFileSync(FFPROBE, ['-v', 'error', '-show_entries', 'stream=duration_ts', '-of', 'csv=p=0', files.get(id)!], { encoding: 'utf8' }).trim());
    expect(samples).toBe((t.bars * 4 * 60 * MUSIC_SAMPLE_RATE) / t.bpm);
    expect(samples).toBe(loopSamples(t.arrangement, MUSIC_SAMPLE_RATE));
    expect(samples / MUSIC_SAMPLE_RATE).toBeGreaterThanOrEqual(60);
    expect(samples / MUSIC_SAMPLE_RATE).toBeLessThanOrEqual(120);
    expect(t.bars).toBe(pieceBars(t.arrangement));
    expect(Math.abs(t.durationMs - (1000 * samples) / MUSIC_SAMPLE_RATE)).toBeLessThan(1);
  });

  it.each(byId)('%s opens with 8 bars of its whole groove, and ends leading back into bar 1', (_id, t) => {
    const a = t.arrangement;
    const first = a.form[0]!;
    expect(first.bars).toBeGreaterThanOrEqual(8);
    expect(first.progression ?? 0).toBe(0);
    // Every part the track has, but for the lead and the busier hat (they are the variation).
    const main = ['chords', ...(['bass', 'kick', 'snare', 'hat'] as const).filter((p) => (p === 'bass' ? a.bass : a.drums?.[p]))];
    expect(first.play).toEqual(expect.arrayContaining(main));
    // The last section is the groove again (drums back), and the form varies in between.
    const last = a.form[a.form.length - 1]!;
    expect(last.play).toContain('kick');
    expect(new Set(a.form.map((s) => JSON.stringify([[...s.play].sort(), s.progression ?? 0]))).size).toBeGreaterThanOrEqual(3);
  });

  it.each(byId)('%s is not one loop repeated: its breakdown measurably differs from its opening, which repeats itself', (id, t) => {
    const levels = barLevels(files.get(id)!, t);
    // Control: the opening's two halves (bars 1–4, 5–8) measure the same in every band.
    const a1 = meanOver(levels, 0, 4);
    const a2 = meanOver(levels, 4, 8);
    for (const k of ['all', 'low', 'high'] as const) expect(Math.abs(a1[k] - a2[k])).toBeLessThan(1);
    // The breakdown (no kick, and no drums or bass in most) is at least 6 dB down in the low or the top band.
    const b = breakdown(t.arrangement)!;
    expect(b).not.toBeNull();
    const br = meanOver(levels, b.from, b.to);
    const opening = meanOver(levels, 0, 8);
    expect(Math.max(opening.low - br.low, opening.high - br.high)).toBeGreaterThan(6);
    // And no bar of the piece is silent.
    expect(Math.min(...levels.map((l) => l.all))).toBeGreaterThan(-45);
  });

  it.each(byId)('%s is about −16 LUFS over the whole piece, as over its opening', (id) => {
    const { lufs, truePeak } = loudnessOf(files.get(id)!);
    expect(lufs).toBeGreaterThan(-18);
    expect(lufs).toBeLessThan(-14);
    expect(truePeak).toBeLessThan(1);
  });

  it('loops the whole piece: the synthesiser runs one pass and aloop repeats exactly that many samples', () => {
    for (const t of TRACKS) {
      const rate = t.arrangement.rate ?? 24000;
      const graph = arrangementGraph(t.arrangement);
      const size = loopSamples(t.arrangement, rate);
      expect(size).toBe((t.bars * 4 * 60 * rate) / t.bpm);
      expect(graph).toContain(`aloop=loop=-1:size=${size},`);
      // aevalsrc's duration is whole microseconds: it rounds back to exactly the piece's samples.
      const d = Number(/:s=\d+:c=mono:d=([\d.]+),aloop=/.exec(graph)?.[1]);
      expect(Math.round(d * rate)).toBe(size);
    }
  });
});
