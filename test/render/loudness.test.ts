import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findFfmpeg } from '../../src/media/index.js';
import type { MediaInfo } from '../../src/media/types.js';
import { resolveMusicQuery } from '../../src/music/index.js';
import { audioAndMuxArgs } from '../../src/render/presets.js';
import {
  bestTry,
  buildLoudnessAnalysisArgs,
  DRIVE_TOLERANCE_LU,
  LIMIT_DBFS,
  limiterStage,
  loudnessAnalysisFilter,
  loudnessTarget,
  MAX_CHECK_PASSES,
  MAX_DRIVE_DB,
  measureLoudness,
  needsLimiter,
  nextDrive,
  normaliseFilters,
  parseEbur128,
  type LoudnessMeasurement,
} from '../../src/render/loudness.js';
import { FFMPEG, ffmpeg, loudnessOf, tempDir } from '../helpers/media.js';
import { buildAudio, peakDb, rawSamples, renderAudio, rmsDb, runForStderr, source } from './audio-harness.js';

type TimelineIn = Parameters<typeof buildAudio>[0];

let dir: string;
const media = new Map<string, MediaInfo>();
const clip = (media_id: string, out_ms = 5000) => ({ id: `c-${media_id}`, media_id, in_ms: 0, out_ms });
// Claps: noise bursts in the clap's band, twice a second, dying away in about 20 ms, peaking near 0 dBFS.
const clapsAt = (decay: number): string =>
  `aevalsrc='(random(0)*2-1)*exp(-mod(t\\,0.5)*${decay})':s=48000,highpass=f=600,lowpass=f=6000,volume=1.2`;
const CLAPS = clapsAt(120);

beforeAll(() => {
  dir = tempDir('reelcut-loudness-');
  // Speech-like: pink noise, band-limited, swelling at a syllable rate; about −30 LUFS.
  media.set(
    'quiet',
    source(dir, 'quiet.wav', "anoisesrc=c=pink:a=0.27:seed=7,lowpass=f=3000,volume=eval=frame:volume='0.55+0.45*sin(2*PI*2.5*t)'", 6000),
  );
  // A full-scale stereo sine: 0 dBFS peaks in both channels.
  media.set('hot', source(dir, 'hot.wav', "aevalsrc='0.999*sin(2*PI*997*t)|0.999*sin(2*PI*997*t)':s=48000", 6000));
  // Bare claps are almost all peak.
  media.set('claps', source(dir, 'claps.wav', CLAPS, 6000));
  // The same claps in a room (a 150 ms tail): still peaky, but with body to make loud.
  media.set('room-claps', source(dir, 'room-claps.wav', clapsAt(20), 6000));
  // Syllables of a tone with pauses between them, at speaking pace and uneven strength.
  media.set(
    'syllables',
    source(dir, 'syllables.wav', "aevalsrc='0.2*sin(2*PI*220*t)*lt(mod(t\\,0.37)\\,0.21)*(0.3+0.7*abs(sin(2*PI*0.45*t)))':s=48000", 6000),
  );
  // One second of digital silence, then claps: where the sound starts is easy to find.
  media.set('onset', source(dir, 'onset.wav', "aevalsrc='gte(t\\,1)*(random(0)*2-1)*exp(-mod(t\\,0.5)*120)':s=48000", 4000));
  media.set('zeros', source(dir, 'zeros.wav', 'anullsrc=r=48000:cl=stereo', 6000));
  media.set('av', source(dir, 'av.mp4', 'sine=f=200:r=48000', 6000, true));
  media.set('mute', source(dir, 'mute.mp4', null, 6000, true));
  media.set('tone', source(dir, 'tone.wav', 'sine=f=3000:r=48000', 6000));
});

/**
 * The export's flow: draft plan → analysis (+ check passes) → final plan with the measurement →
 * AAC at the export's 160 kb/s, measured as delivered.
 */
async function twoPass(timeline: TimelineIn, name: string) {
  const draft = buildAudio(timeline, media);
  const measured = await measureLoudness(FFMPEG, draft.plan, timeline.loudness?.target_lufs ?? -14);
  expect(measured).not.toBeNull();
  const final = buildAudio(timeline, media, measured!);
  const wav = renderAudio(final, join(dir, `${name}-out.wav`));
  const m4a = join(dir, `${name}-out.m4a`);
  ffmpeg(['-i', wav, ...audioAndMuxArgs().slice(0, 6), '-ar', '48000', m4a]);
  return { ...loudnessOf(m4a), measured: measured!, graph: final.part.chains.join(';'), notes: final.part.notes.join(' '), wav };
}

const ebur128Of = (ff: string, lavfi: string, seconds: number): string => {
  const r = spawnSync(ff, ['-hide_banner', '-nostats', '-f', 'lavfi', '-t', String(seconds), '-i', lavfi, '-af', loudnessAnalysisFilter(), '-f', 'null', '-'], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`${ff} failed: ${r.stderr.slice(-400)}`);
  return r.stderr;
};

describe('parseEbur128', () => {
  it.each([
    ['the system ffmpeg', async () => '/usr/bin/ffmpeg'],
    ['the bundled ffmpeg 4.1', async () => (await findFfmpeg({ prefer: 'bundled' })).ffmpeg],
  ])('reads the summary of a real analysis pass by %s', async (_name, which) => {
    const ff = await which();
    const stderr = ebur128Of(ff, 'sine=f=440:r=48000', 3);
    // framelog=verbose keeps the per-frame meter lines out of the log.
    expect(stderr).not.toMatch(/\bM:\s*-?[\d.]+ S:/);
    const m = parseEbur128(stderr);
    expect(m).not.toBeNull();
    expect(m!.integrated_lufs).toBeCloseTo(-21.8, 1); // a sine at 1/8 of full scale
    expect(m!.threshold_lufs).toBeCloseTo(-31.8, 1);
    expect(m!.true_peak_dbtp).toBeCloseTo(-18.1, 1);
    expect(m!.lra_lu).toBeGreaterThanOrEqual(0);
    const silence = parseEbur128(ebur128Of(ff, 'anullsrc=r=48000:cl=stereo', 2));
    expect(silence!.integrated_lufs).toBeLessThanOrEqual(-70);
    expect(silence!.true_peak_dbtp).toBe(-Infinity);
  });

  it('reads the last summary even among per-frame meter lines, and finds nothing without one', () => {
    const stderr = runForStderr(['-hide_banner', '-nostats', '-f', 'lavfi', '-i', 'sine=f=440:r=48000:d=2', '-af', 'ebur128=peak=true:framelog=info', '-f', 'null', '-']);
    expect(stderr).toMatch(/M:\s*-?[\d.]+ S:/);
    expect(parseEbur128(stderr)!.integrated_lufs).toBeCloseTo(-21.8, 1);
    expect(parseEbur128('ffmpeg version 5.1\nsize=N/A time=00:00:02.00')).toBeNull();
    // Without peak=true there is no true peak to keep the ceiling by.
    const noPeak = runForStderr(['-hide_banner', '-nostats', '-f', 'lavfi', '-i', 'sine=f=440:r=48000:d=2', '-af', 'ebur128=framelog=verbose', '-f', 'null', '-']);
    expect(parseEbur128(noPeak)).toBeNull();
  });
});

describe('two-pass normalisation to −14 LUFS ±1, true peak ≤ −1 dBTP after AAC', () => {
  it('raises a quiet (−30 LUFS) speech-like source', async () => {
    const r = await twoPass({ clips: [clip('quiet')] }, 'quiet');
    expect(r.measured.integrated_lufs).toBeGreaterThan(-33);
    expect(r.measured.integrated_lufs).toBeLessThan(-27);
    expect(Math.abs(r.lufs + 14)).toBeLessThanOrEqual(1);
    expect(r.truePeak).toBeLessThanOrEqual(-1);
  });

  it('lowers a full-scale sine with one linear gain, no limiter', async () => {
    const r = await twoPass({ clips: [clip('hot')] }, 'hot');
    expect(r.measured.true_peak_dbtp).toBeGreaterThan(-0.5);
    expect(r.graph).not.toContain('alimiter');
    expect(Math.abs(r.lufs + 14)).toBeLessThanOrEqual(1);
    expect(r.truePeak).toBeLessThanOrEqual(-1);
  });

  it('keeps the bundled hip-hop drums under −1 dBTP (the encoder overshoots transients) at the target', async () => {
    const track = resolveMusicQuery('hip hop')!;
    const r = await twoPass({ clips: [clip('mute')], music: [{ id: 'm', media_id: `lib:${track.id}`, title: 'beat', start_ms: 0, end_ms: 5000, volume: 1 }] }, 'drums');
    expect(r.graph).toContain('alimiter');
    expect(Math.abs(r.lufs + 14)).toBeLessThanOrEqual(1);
    expect(r.truePeak).toBeLessThanOrEqual(-1);
  });

  it('drives claps with a room tail into the limiter until they reach the target', async () => {
    const r = await twoPass({ clips: [clip('room-claps')] }, 'room-claps');
    expect(r.measured.limiter!.drive_db).toBeGreaterThan(0.5);
    expect(Math.abs(r.lufs + 14)).toBeLessThanOrEqual(1);
    expect(r.truePeak).toBeLessThanOrEqual(-1);
  });

  it('keeps bare full-scale claps under −1 dBTP and says why they stay quieter than the target', async () => {
    const r = await twoPass({ clips: [clip('claps')] }, 'claps');
    // 20 ms of sound per half second: −14 LUFS under a −1 dBTP peak would take crushing them into
    // square waves, so the drive stops at its limit and the export says so.
    expect(r.measured.limiter!.drive_db).toBe(MAX_DRIVE_DB);
    expect(r.notes).toMatch(/peaky/);
    expect(r.truePeak).toBeLessThanOrEqual(-1);
    expect(r.lufs).toBeGreaterThan(r.measured.integrated_lufs + 1); // the drive still bought loudness
    expect(r.lufs).toBeLessThan(-15);
  });

  it('measures a speech-like gated tone on its syllables, not its pauses', async () => {
    const r = await twoPass({ clips: [clip('syllables')] }, 'syllables');
    expect(r.measured.threshold_lufs).toBeGreaterThan(-70);
    expect(Math.abs(r.lufs + 14)).toBeLessThanOrEqual(1);
    expect(r.truePeak).toBeLessThanOrEqual(-1);
  });

  it("uses the timeline's own target", async () => {
    const r = await twoPass({ clips: [clip('quiet')], loudness: { target_lufs: -18 } }, 'target18');
    expect(Math.abs(r.lufs + 18)).toBeLessThanOrEqual(1);
  });

  it('without a measurement, the single-pass fallback still lands near the target and says so', () => {
    const b = buildAudio({ clips: [clip('quiet')] }, media);
    expect(b.part.chains.join(';')).toContain('loudnorm');
    expect(b.part.notes.join(' ')).toMatch(/could not be measured/);
    const r = loudnessOf(renderAudio(b, join(dir, 'single.m4a')));
    expect(r.lufs).toBeGreaterThanOrEqual(-16);
    expect(r.lufs).toBeLessThanOrEqual(-12);
    expect(r.truePeak).toBeLessThanOrEqual(-1);
  });
});

describe('the analysis pass', () => {
  it('reads only the inputs the audio uses, without their video, and measures the mix', async () => {
    const b = buildAudio({ clips: [clip('av', 3000), clip('mute', 3000)], music: [{ id: 'm', media_id: 'tone', title: 't', start_ms: 0, end_ms: 6000 }] }, media);
    expect(b.plan.inputs).toHaveLength(3);
    const args = buildLoudnessAnalysisArgs(b.plan)!;
    expect(args.filter((a) => a === '-i')).toHaveLength(2); // the silent clip's file is not opened
    expect(args).toContain('-vn');
    const graph = args[args.indexOf('-filter_complex') + 1]!;
    expect(graph).toContain('[0:a:0]');
    expect(graph).toContain('[1:a:0]');
    expect(graph).not.toContain('[2:a:0]');
    expect(graph).not.toContain('aout');
    expect(graph).toContain('ebur128');
    expect(graph).not.toContain('loudnorm');
    const m = await measureLoudness(FFMPEG, b.plan, -14);
    expect(m!.integrated_lufs).toBeGreaterThan(-40);
    expect(m!.integrated_lufs).toBeLessThan(-10);
  });

  it('has nothing to measure when the timeline is silent by construction', async () => {
    const b = buildAudio({ clips: [clip('mute', 3000)] }, media);
    expect(buildLoudnessAnalysisArgs(b.plan)).toBeNull();
    expect(await measureLoudness(FFMPEG, b.plan, -14)).toBeNull();
    expect(b.part.chains.join(';')).not.toMatch(/loudnorm|volume=volume=-?[\d.]+dB|alimiter/);
  });

  it('keeps a silent sound track silent instead of normalising it', async () => {
    const draft = buildAudio({ clips: [clip('zeros', 3000)] }, media);
    const measured = await measureLoudness(FFMPEG, draft.plan, -14);
    expect(measured!.integrated_lufs).toBeLessThanOrEqual(-70);
    const final = buildAudio({ clips: [clip('zeros', 3000)] }, media, measured!);
    expect(final.part.chains.join(';')).not.toMatch(/loudnorm|alimiter|dB/);
    expect(final.part.notes.join(' ')).toMatch(/silent/);
    const out = renderAudio(final, join(dir, 'zeros.raw'));
    expect(rawSamples(out)).toBe(90 * 1600);
    expect(rmsDb(out, 0, 3)).toBe(-Infinity);
  });

  it('the final pass is exactly as long as the video, with and without the limiter', async () => {
    for (const id of ['quiet', 'hot']) {
      const draft = buildAudio({ clips: [clip(id, 4011)] }, media);
      const measured = await measureLoudness(FFMPEG, draft.plan, -14);
      const final = buildAudio({ clips: [clip(id, 4011)] }, media, measured!);
      expect(final.part.chains.join(';').includes('alimiter')).toBe(id === 'quiet');
      expect(rawSamples(renderAudio(final, join(dir, `exact-${id}.raw`)))).toBe(120 * 1600);
    }
  });

  it('the limiter keeps the sound on its frames (its look-ahead delay is trimmed off)', async () => {
    const draft = buildAudio({ clips: [clip('onset', 3000)] }, media);
    const measured = await measureLoudness(FFMPEG, draft.plan, -14);
    const final = buildAudio({ clips: [clip('onset', 3000)] }, media, measured!);
    expect(final.part.chains.join(';')).toContain('alimiter');
    const before = firstLoudSample(renderAudio(draft, join(dir, 'onset-pre.raw'), 'premaster'));
    const after = firstLoudSample(renderAudio(final, join(dir, 'onset-post.raw')));
    expect(before).toBeGreaterThan(47_900);
    // Uncompensated, alimiter would put it 240 samples (5 ms) late.
    expect(Math.abs(after - before)).toBeLessThanOrEqual(8);
  });
});

describe('the limiter stage on the bundled ffmpeg 4.1', () => {
  it('accepts the same options and holds the ceiling without shifting or shortening the sound', async () => {
    const bundled = await findFfmpeg({ prefer: 'bundled' });
    const out = join(dir, 'bundled-limited.wav');
    const r = spawnSync(bundled.ffmpeg, ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-t', '3', '-i', CLAPS, '-af', limiterStage(10).join(','), '-c:a', 'pcm_f32le', out], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(peakDb(out)).toBeLessThanOrEqual(LIMIT_DBFS + 0.2);
    expect(peakDb(out)).toBeGreaterThan(LIMIT_DBFS - 1);
    expect(loudnessOf(out).truePeak).toBeLessThanOrEqual(LIMIT_DBFS + 1.5);
    const raw = join(dir, 'bundled-limited.raw');
    ffmpeg(['-i', out, '-ac', '2', '-f', 's16le', '-c:a', 'pcm_s16le', raw]);
    expect(rawSamples(raw)).toBe(3 * 48000);
    expect(firstLoudSample(raw)).toBeLessThanOrEqual(2); // the claps start at 0 s
  });
});

describe('normaliseFilters', () => {
  const target = loudnessTarget(-14);
  const m: LoudnessMeasurement = { integrated_lufs: -30.2, threshold_lufs: -40.5, lra_lu: 14.3, true_peak_dbtp: -22.1 };

  it('is one linear gain when the peaks fit, and never loudnorm when there is a measurement', () => {
    const n = normaliseFilters(target, m, true);
    expect(n.filters).toEqual(['volume=volume=16.2dB']);
    expect(n.notes).toEqual([]);
    const limited = normaliseFilters(target, { ...m, true_peak_dbtp: -3.05, limiter: { drive_db: 1.23, integrated_lufs: -14.1 } }, true);
    expect(limited.filters.join(',')).not.toContain('loudnorm');
    expect(limited.filters[0]).toBe('volume=volume=17.43dB'); // 16.2 + 1.23 of drive
    expect(limited.filters.join(',')).toMatch(/alimiter=limit=0\.668344:attack=5:release=50:level=0:asc=0/);
  });

  it('adds the limiter only when the gain would push the true peak over −2.5 dBTP', () => {
    expect(needsLimiter(target, { ...m, true_peak_dbtp: -18.7 })).toBe(false); // −2.5 after gain
    expect(needsLimiter(target, { ...m, true_peak_dbtp: -18.6 })).toBe(true);
    expect(normaliseFilters(target, { ...m, true_peak_dbtp: -18.6 }, true).filters.join(',')).toContain('alimiter');
  });

  it('leaves silence alone, and falls back to dynamic loudnorm without a measurement', () => {
    const silent = normaliseFilters(target, { integrated_lufs: -70, threshold_lufs: 0, lra_lu: 0, true_peak_dbtp: -Infinity }, true);
    expect(silent.filters).toEqual([]);
    expect(silent.notes.join(' ')).toMatch(/silent/);
    const fallback = normaliseFilters(target, undefined, true);
    expect(fallback.filters[0]).toBe('loudnorm=I=-14:TP=-2:LRA=11');
    expect(fallback.notes.join(' ')).toMatch(/could not be measured/);
    expect(normaliseFilters(target, undefined, false).filters).toEqual([]);
  });

  it('says so when a peaky mix stays more than 1 LU under the target', () => {
    const peaky = { ...m, true_peak_dbtp: 0, limiter: { drive_db: MAX_DRIVE_DB, integrated_lufs: -20.6 } };
    expect(normaliseFilters(target, peaky, true).notes.join(' ')).toMatch(/about -20\.6 LUFS instead of -14/);
    expect(normaliseFilters(target, { ...peaky, limiter: { drive_db: 2, integrated_lufs: -14.9 } }, true).notes).toEqual([]);
  });
});

describe('nextDrive', () => {
  const target = loudnessTarget(-14);
  const at = (true_peak_dbtp: number): LoudnessMeasurement => ({ integrated_lufs: -30, threshold_lufs: -40, lra_lu: 5, true_peak_dbtp });

  it('first tries more drive the further the peaks go over the ceiling, within the limit', () => {
    const first = [-16, -15, -13, -12, -5].map((tp) => nextDrive(target, at(tp), [])!);
    for (let i = 1; i < 4; i++) expect(first[i]!).toBeGreaterThan(first[i - 1]!);
    expect(first[0]).toBeGreaterThan(0);
    expect(first[4]).toBe(MAX_DRIVE_DB);
  });

  it('steps towards the target on the measured slope and stops within tolerance', () => {
    const m = at(-12);
    const next = nextDrive(target, m, [{ drive_db: 0, integrated_lufs: -15 }])!;
    expect(next).toBeGreaterThan(1);
    // Two points 1 dB of drive apart that gained 0.5 LU: another 1.6 LU takes 3.2 dB more.
    expect(nextDrive(target, m, [{ drive_db: 0, integrated_lufs: -16 }, { drive_db: 1, integrated_lufs: -15.5 }]))
      .toBeCloseTo(1 + 1.5 / 0.5, 2);
    expect(nextDrive(target, m, [{ drive_db: 1, integrated_lufs: -14 - DRIVE_TOLERANCE_LU / 2 }])).toBeNull();
  });

  it('gives up at the drive limit, after the last pass, and never goes below no drive', () => {
    const m = at(-5);
    expect(nextDrive(target, m, [{ drive_db: MAX_DRIVE_DB, integrated_lufs: -20 }])).toBeNull();
    const passes = Array.from({ length: MAX_CHECK_PASSES }, (_v, i) => ({ drive_db: i, integrated_lufs: -16 + i * 0.1 }));
    expect(nextDrive(target, m, passes)).toBeNull();
    expect(nextDrive(target, m, [{ drive_db: 0, integrated_lufs: -13 }])).toBeNull();
    expect(nextDrive(target, m, [{ drive_db: 2, integrated_lufs: -13 }])).toBeLessThan(2);
  });

  it('keeps the pass closest to the target, the gentler of two equals', () => {
    expect(bestTry(target, [])).toBeUndefined();
    expect(bestTry(target, [{ drive_db: 0, integrated_lufs: -15 }, { drive_db: 3, integrated_lufs: -14.2 }, { drive_db: 4, integrated_lufs: -13.3 }])?.drive_db).toBe(3);
    expect(bestTry(target, [{ drive_db: 4, integrated_lufs: -13.8 }, { drive_db: 2, integrated_lufs: -14.2 }])?.drive_db).toBe(2);
  });
});

/** Index of the first sample (left channel) above a tenth of the file's peak, in raw s16le stereo. */
function firstLoudSample(rawPath: string): number {
  const buf = readFileSync(rawPath);
  let peak = 0;
  for (let i = 0; i + 1 < buf.length; i += 4) peak = Math.max(peak, Math.abs(buf.readInt16LE(i)));
  for (let i = 0; i + 1 < buf.length; i += 4) if (Math.abs(buf.readInt16LE(i)) > peak / 10) return i / 4;
  return -1;
}
