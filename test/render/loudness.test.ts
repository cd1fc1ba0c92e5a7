import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MediaInfo } from '../../src/media/types.js';
import {
  buildLoudnessAnalysisArgs,
  loudnessTarget,
  loudnormFilter,
  measureLoudness,
  parseLoudnorm,
  type LoudnessMeasurement,
} from '../../src/render/loudness.js';
import { FFMPEG, loudnessOf, tempDir } from '../helpers/media.js';
import { buildAudio, FF, rawSamples, renderAudio, rmsDb, runForStderr, source } from './audio-harness.js';

let dir: string;
const media = new Map<string, MediaInfo>();
const clip = (media_id: string, out_ms = 5000) => ({ id: `c-${media_id}`, media_id, in_ms: 0, out_ms });

beforeAll(() => {
  dir = tempDir('reelcut-loudness-');
  // Speech-like: pink noise, band-limited, swelling at a syllable rate; about −30 LUFS.
  media.set(
    'quiet',
    source(dir, 'quiet.wav', "anoisesrc=c=pink:a=0.38:seed=7,lowpass=f=3000,volume=eval=frame:volume='0.55+0.45*sin(2*PI*2.5*t)'", 6000),
  );
  // A full-scale stereo sine: 0 dBFS peaks in both channels.
  media.set('hot', source(dir, 'hot.wav', "aevalsrc='0.999*sin(2*PI*997*t)|0.999*sin(2*PI*997*t)':s=48000", 6000));
  media.set('zeros', source(dir, 'zeros.wav', 'anullsrc=r=48000:cl=stereo', 6000));
  media.set('av', source(dir, 'av.mp4', 'sine=f=200:r=48000', 6000, true));
  media.set('mute', source(dir, 'mute.mp4', null, 6000, true));
  media.set('tone', source(dir, 'tone.wav', 'sine=f=3000:r=48000', 6000));
});

/** The lead's flow: draft plan → analysis pass → final plan with the measurement → AAC. */
function twoPass(id: string, out: string): { lufs: number; truePeak: number; measured: LoudnessMeasurement } {
  const draft = buildAudio({ clips: [clip(id)] }, media);
  const args = buildLoudnessAnalysisArgs(draft.plan);
  expect(args).not.toBeNull();
  const measured = parseLoudnorm(runForStderr(args!));
  expect(measured).not.toBeNull();
  const final = buildAudio({ clips: [clip(id)] }, media, measured!);
  return { ...loudnessOf(renderAudio(final, join(dir, out))), measured: measured! };
}

describe('parseLoudnorm', () => {
  it('reads the JSON block of a real analysis pass', () => {
    const stderr = runForStderr(['-hide_banner', '-nostats', '-f', 'lavfi', '-i', 'sine=f=440:d=3', '-af', 'loudnorm=I=-14:TP=-1.5:LRA=11:print_format=json', '-f', 'null', '-']);
    const m = parseLoudnorm(stderr);
    expect(m).not.toBeNull();
    expect(m!.input_i).toBeCloseTo(-21.75, 1); // a sine at 1/8 of full scale
    expect(m!.input_tp).toBeCloseTo(-18.06, 1);
    expect(m!.input_thresh).toBeCloseTo(-31.75, 1);
    expect(Number.isFinite(m!.target_offset)).toBe(true);
  });

  it('reads digital silence as -Infinity, and finds nothing in output without a report', () => {
    const stderr = runForStderr([
      '-hide_banner', '-nostats', '-f', 'lavfi', '-t', '2', '-i', 'anullsrc=r=48000:cl=stereo', '-af', 'loudnorm=print_format=json', '-f', 'null', '-',
    ]);
    const m = parseLoudnorm(stderr);
    expect(m!.input_i).toBe(-Infinity);
    expect(m!.target_offset).toBe(Infinity);
    expect(parseLoudnorm('ffmpeg version 5.1\nsize=N/A time=00:00:02.00')).toBeNull();
  });
});

describe('two-pass normalisation to −14 LUFS, true peak ≤ −1 dBTP after AAC', () => {
  it('raises a quiet (−30 LUFS) speech-like source', () => {
    const r = twoPass('quiet', 'quiet.m4a');
    expect(r.measured.input_i).toBeGreaterThan(-33);
    expect(r.measured.input_i).toBeLessThan(-27);
    expect(r.lufs).toBeGreaterThanOrEqual(-15);
    expect(r.lufs).toBeLessThanOrEqual(-13);
    expect(r.truePeak).toBeLessThanOrEqual(-1);
  });

  it('tames a full-scale sine', () => {
    const r = twoPass('hot', 'hot.m4a');
    expect(r.measured.input_tp).toBeGreaterThan(-0.5);
    expect(r.lufs).toBeGreaterThanOrEqual(-15);
    expect(r.lufs).toBeLessThanOrEqual(-13);
    expect(r.truePeak).toBeLessThanOrEqual(-1);
  });

  it('keeps drums under −1 dBTP after AAC (the encoder overshoots transients)', () => {
    const timeline = { clips: [clip('mute')], music: [{ id: 'm', media_id: 'lib:hiphop-block', title: 'beat', start_ms: 0, end_ms: 5000, volume: 1 }] };
    const draft = buildAudio(timeline, media);
    const measured = parseLoudnorm(runForStderr(buildLoudnessAnalysisArgs(draft.plan)!))!;
    const r = loudnessOf(renderAudio(buildAudio(timeline, media, measured), join(dir, 'drums.m4a')));
    expect(r.lufs).toBeGreaterThanOrEqual(-15);
    expect(r.lufs).toBeLessThanOrEqual(-13);
    expect(r.truePeak).toBeLessThanOrEqual(-1);
  });

  it('without a measurement, the single-pass fallback still lands near the target', () => {
    const out = renderAudio(buildAudio({ clips: [clip('quiet')] }, media), join(dir, 'single.m4a'));
    const r = loudnessOf(out);
    expect(r.lufs).toBeGreaterThanOrEqual(-16);
    expect(r.lufs).toBeLessThanOrEqual(-12);
    expect(r.truePeak).toBeLessThanOrEqual(-1);
  });

  it('uses the timeline\'s own target', () => {
    const timeline = { clips: [clip('quiet')], loudness: { target_lufs: -18 } };
    const draft = buildAudio(timeline, media);
    const measured = parseLoudnorm(runForStderr(buildLoudnessAnalysisArgs(draft.plan)!))!;
    const r = loudnessOf(renderAudio(buildAudio(timeline, media, measured), join(dir, 'target18.m4a')));
    expect(r.lufs).toBeGreaterThanOrEqual(-19);
    expect(r.lufs).toBeLessThanOrEqual(-17);
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
    const m = await measureLoudness(FFMPEG, b.plan);
    expect(m!.input_i).toBeGreaterThan(-40);
    expect(m!.input_i).toBeLessThan(-10);
  });

  it('has nothing to measure when the timeline is silent by construction', async () => {
    const b = buildAudio({ clips: [clip('mute', 3000)] }, media);
    expect(buildLoudnessAnalysisArgs(b.plan)).toBeNull();
    expect(await measureLoudness(FFMPEG, b.plan)).toBeNull();
    expect(b.part.chains.join(';')).not.toContain('loudnorm');
  });

  it('keeps a silent sound track silent instead of normalising it', () => {
    const draft = buildAudio({ clips: [clip('zeros', 3000)] }, media);
    const measured = parseLoudnorm(runForStderr(buildLoudnessAnalysisArgs(draft.plan)!))!;
    expect(measured.input_i).toBe(-Infinity);
    const final = buildAudio({ clips: [clip('zeros', 3000)] }, media, measured);
    expect(final.part.chains.join(';')).not.toContain('loudnorm');
    expect(final.part.notes.join(' ')).toMatch(/silent/);
    const out = renderAudio(final, join(dir, 'zeros.raw'));
    expect(rawSamples(out)).toBe(90 * 1600);
    expect(rmsDb(out, 0, 3)).toBe(-Infinity);
  });

  it('the final pass is exactly as long as the video', () => {
    const draft = buildAudio({ clips: [clip('quiet', 4011)] }, media);
    const measured = parseLoudnorm(runForStderr(buildLoudnessAnalysisArgs(draft.plan)!))!;
    const out = renderAudio(buildAudio({ clips: [clip('quiet', 4011)] }, media, measured), join(dir, 'exact.raw'));
    expect(rawSamples(out)).toBe(120 * 1600);
  });
});

describe('loudnormFilter', () => {
  const m: LoudnessMeasurement = { input_i: -30.2, input_tp: -12.1, input_lra: 14.3, input_thresh: -40.5, target_offset: 0.3 };
  it('asks for linear gain from the measurement, widening the range so loudnorm stays linear', () => {
    const f = loudnormFilter(loudnessTarget(-14), m, 5);
    expect(f).toContain('linear=true');
    expect(f).toContain('measured_I=-30.2');
    expect(f).toContain('measured_thresh=-40.5');
    expect(f).toContain('LRA=16');
    expect(f).toContain('TP=-2');
  });
  it('keeps the range within what ffmpeg 4 accepts, and falls back to dynamic without a measurement', () => {
    expect(loudnormFilter(loudnessTarget(-14), { ...m, input_lra: 35 }, 4)).toContain('LRA=20');
    expect(loudnormFilter(loudnessTarget(-14), { ...m, input_lra: 35 }, FF.major)).not.toContain('LRA=11');
    expect(loudnormFilter(loudnessTarget(-14), undefined, 5)).not.toContain('measured');
  });
});
