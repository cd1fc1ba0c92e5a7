// The synthesiser's song form on tiny arrangements (a few seconds each, so cheap to render):
// parts that stop or start at a section boundary, and a piece whose end rings into its start.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { filter } from '../../src/render/filtergraph.js';
import { arrangementGraph, ensureLoopFile, loopSamples, MUSIC_SAMPLE_RATE, musicInput, pieceBars, pieceDurationMs, type Arrangement, type Track } from '../../src/music/index.js';
import { FFMPEG, tempDir } from '../helpers/media.js';

/** Mono samples [from, to) of an ffmpeg input, at 48 kHz (the first channel). */
function samples(before: string[], input: string, from: number, to: number): Float32Array {
  const buf = execFileSync(
    FFMPEG,
    ['-v', 'error', ...before, '-i', input, '-af', `atrim=start_sample=${from}:end_sample=${to},pan=mono|c0=c0`, '-f', 'f32le', '-ar', '48000', '-'],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  return new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
}

const live = (a: Arrangement, from: number, to: number): Float32Array => samples(['-f', 'lavfi'], arrangementGraph(a), from, to);

/** The largest step from one sample to the next in x[from, to): a cut note shows as a jump. */
function largestStep(x: Float32Array, from: number, to: number): number {
  let worst = 0;
  for (let i = Math.max(1, from); i < Math.min(x.length, to); i++) worst = Math.max(worst, Math.abs(x[i]! - x[i - 1]!));
  return worst;
}

function rms(x: Float32Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += x[i]! ** 2;
  return Math.sqrt(sum / (to - from));
}

// 120 BPM: a bar is 2 s, 96 000 samples at 48 kHz.
const BAR = 96_000;
const tone = (overrides: Partial<Arrangement>): Arrangement => ({
  bpm: 120,
  // One sine note, A4 then C5, so a step from one sample to the next is at most 2π·523/48 000 of its level.
  progressions: [{ chords: [[69], [72]], roots: [45, 48] }],
  chords: { hits: [0], envelope: 'pluck', decay: 0.5, harmonics: [1], level: 0.5 },
  form: [{ bars: 1, play: ['chords'] }],
  post: [],
  gain: 1,
  ...overrides,
});

describe('song form', () => {
  it('counts the piece in bars: loopSamples, pieceBars and pieceDurationMs follow the form', () => {
    const a = tone({ form: [{ bars: 8, play: ['chords'] }, { bars: 4, play: ['chords'], progression: 0, fill: true }] });
    expect(pieceBars(a)).toBe(12);
    expect(loopSamples(a, 48000)).toBe(12 * BAR);
    expect(loopSamples(a, 24000)).toBe(12 * 48000);
    expect(pieceDurationMs(a)).toBe(24_000);
  });

  it('lets a note ring on when its part stops at a section boundary, then fades it out before the next bar', () => {
    // Bar 1 plays the chord, bar 2 does not, bars 3–4 do again.
    const a = tone({ form: [{ bars: 1, play: ['chords'] }, { bars: 1, play: [] }, { bars: 2, play: ['chords'] }] });
    const x = live(a, 0, 3 * BAR);
    const smooth = largestStep(x, BAR - 4800, BAR - 100); // the note's own steepest step, just before the boundary
    expect(smooth).toBeGreaterThan(0.005);
    // No jump where the part stops, and the note is as loud just after the boundary as just before.
    expect(largestStep(x, BAR - 100, BAR + 100)).toBeLessThan(1.2 * smooth);
    expect(rms(x, BAR, BAR + 2400)).toBeGreaterThan(0.9 * rms(x, BAR - 2400, BAR));
    // It fades within the bar's last 30 ms: silent at its very end, and no jump into the next hit.
    expect(rms(x, 2 * BAR - 48, 2 * BAR)).toBeLessThan(0.002);
    expect(largestStep(x, 2 * BAR - 100, 2 * BAR + 100)).toBeLessThan(1.2 * smooth);
  });

  it('does not bring a part in halfway through a note: a part that starts waits for its first hit', () => {
    // A bass on the off-beat (hit 8 only) reaches back into the bar before it; bar 2 plays the
    // bass, bar 1 does not, so bar 2 is silent until its hit (and bar 1 hears bar 2's tail only
    // across the wrap, faded).
    const a = tone({
      chords: { hits: [0], envelope: 'pluck', decay: 0.8, harmonics: [1], level: 0 },
      bass: { hits: [8], decay: 0.5, level: 0.5 },
      form: [{ bars: 1, play: ['chords'] }, { bars: 1, play: ['chords', 'bass'] }],
    });
    const x = live(a, 0, 2 * BAR);
    expect(rms(x, BAR, BAR + BAR / 2 - 100)).toBeLessThan(1e-6);
    expect(rms(x, BAR + BAR / 2, BAR + BAR / 2 + 2400)).toBeGreaterThan(0.05);
    // Bar 1 is the previous bar's tail (bar 2's hit, across the wrap), fading out at its end.
    expect(rms(x, 0, 2400)).toBeGreaterThan(0.01);
    expect(rms(x, BAR - 48, BAR)).toBeLessThan(0.002);
  });

  it('loops a piece without a seam when a note, an echo and a fill ring across its end into its start', async () => {
    // The lead plays only in the last bar, so its last note rings across the wrap into bar 1,
    // where the lead does not play; the fill's last hit ends the piece; the echo carries it over.
    const arrangement = tone({
      lead: { hits: [0, 8, 12], envelope: 'pluck', decay: 2, arpeggio: true, transpose: 12, harmonics: [1, 0.3], level: 0.3 },
      drums: { kick: { hits: [0, 8], level: 0.6 }, fill: { hits: [12, 14, 15], level: 0.3 } },
      form: [{ bars: 1, play: ['chords', 'kick'] }, { bars: 1, play: ['chords', 'lead', 'kick'], fill: true }],
      post: [filter('aecho', { in_gain: 0.8, out_gain: 0.9, delays: '180|310', decays: '0.35|0.25' })],
    });
    const track: Track = {
      id: 'test-seam', title: 'Seam', mood: 'chill', genre: 'test', bpm: 120, energy: 0.5, synonyms: [],
      bars: pieceBars(arrangement), durationMs: pieceDurationMs(arrangement), arrangement,
    };
    const loop = loopSamples(arrangement, MUSIC_SAMPLE_RATE);
    const path = await ensureLoopFile(FFMPEG, track, tempDir());
    const looped = musicInput(track, 3 * (loop / 48), path);
    const atWrap = samples(looped.before, looped.path, loop - 480, loop + 480);
    // The live synthesiser across its 2nd→3rd pass boundary (the echo settled long before).
    const reference = live(arrangement, 2 * loop - 480, 2 * loop + 480);
    expect(atWrap.length).toBe(reference.length);
    let worst = 0;
    for (let i = 0; i < reference.length; i++) worst = Math.max(worst, Math.abs(atWrap[i]! - reference[i]!));
    expect(rms(reference, 0, 480)).toBeGreaterThan(0.01); // the lead's tail is still sounding at the wrap
    expect(worst).toBeLessThan(0.001);
    // And the wrap is smooth in itself: no step larger than the sound's own around it.
    expect(largestStep(atWrap, 470, 490)).toBeLessThan(1.5 * largestStep(atWrap, 0, 400) + 0.01);
  });
});
