import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ReelcutError } from '../../src/errors.js';
import type { MediaInfo } from '../../src/media/types.js';
import { atempoFactors, frameToSample } from '../../src/render/audio-graph.js';
import { tempDir } from '../helpers/media.js';
import { buildAudio, rawSamples, renderAudio, rmsDb, source } from './audio-harness.js';

let dir: string;
const media = new Map<string, MediaInfo>();
const clip = (id: string, media_id: string, in_ms: number, out_ms: number, speed = 1) => ({ id, media_id, in_ms, out_ms, speed });
const music = (media_id: string, start_ms: number, end_ms: number, extra: Record<string, unknown> = {}) => ({
  id: `m-${media_id}-${start_ms}`,
  media_id,
  title: 'test music',
  start_ms,
  end_ms,
  ...extra,
});
// Band-passes that pull one test tone out of a mix (voice at 200 Hz, music at 3 kHz).
const MUSIC_BAND = 'highpass=f=2000,highpass=f=2000,';
const VOICE_BAND = 'lowpass=f=400,lowpass=f=400,';

beforeAll(() => {
  dir = tempDir('reelcut-audio-');
  media.set('av', source(dir, 'av.mp4', 'sine=f=200:r=48000', 6000, true));
  media.set('mute', source(dir, 'mute.mp4', null, 6000, true));
  media.set('voice', source(dir, 'voice.wav', 'sine=f=200:r=48000', 6000));
  // A quiet voice (−33 dBFS RMS, a phone held at arm's length) that speaks from 1 s to 2.5 s only.
  media.set('talk', source(dir, 'talk.wav', "aevalsrc='0.03*sin(2*PI*200*t)*between(t,1,2.5)':s=48000", 4000));
  media.set('tone', source(dir, 'tone.wav', 'sine=f=3000:r=48000', 6000));
  media.set('short', source(dir, 'short.wav', 'sine=f=3000:r=48000', 1000));
});

describe('clip sound', () => {
  it('a clip without audio becomes digital silence exactly as long as its frames', () => {
    const b = buildAudio({ clips: [clip('c1', 'mute', 0, 3000)] }, media);
    expect(b.part.audio.analysis).toBeNull(); // nothing to normalise
    const out = renderAudio(b, join(dir, 'silent.raw'));
    expect(rawSamples(out)).toBe(90 * 1600);
    expect(rmsDb(out, 0, 3)).toBe(-Infinity);
  });

  it('three clips of odd lengths total exactly frames × 1600 samples at 30 fps, with no gap at the cuts', () => {
    const b = buildAudio(
      { clips: [clip('c1', 'av', 0, 1011), clip('c2', 'mute', 500, 1737), clip('c3', 'av', 2000, 2977)] },
      media,
    );
    // The clips sit on the timeline's own clock (1011, 2248 and 3225 ms) rounded to frames: 30 + 37 + 30.
    expect(b.frames).toBe(Math.round((3225 * 30) / 1000));
    const out = renderAudio(b, join(dir, 'odd.raw'), 'premaster');
    expect(rawSamples(out)).toBe(b.frames * 1600);
    // Clip 1 sounds up to its last frame, clip 2 is silent over exactly its frames, clip 3 sounds.
    expect(rmsDb(out, 0.9, 0.99)).toBeGreaterThan(-25);
    expect(rmsDb(out, 1.01, 2.22)).toBe(-Infinity);
    expect(rmsDb(out, 2.24, 3.19)).toBeGreaterThan(-25);
  });

  it('cuts at a frame rate that does not divide 48000 still add up to the whole output', () => {
    const b = buildAudio({ fps: 23, clips: [clip('c1', 'voice', 0, 1100), clip('c2', 'voice', 2000, 3300)] }, media);
    const out = renderAudio(b, join(dir, 'fps23.raw'), 'premaster');
    expect(rawSamples(out)).toBe(frameToSample(b.frames, 23));
  });

  it('speed 2x plays 4 s of sound in 2 s, keeping the pitch', () => {
    const b = buildAudio({ clips: [clip('c1', 'voice', 0, 4000, 2)] }, media);
    const out = renderAudio(b, join(dir, 'fast.wav'), 'premaster');
    expect(b.frames).toBe(60);
    expect(rmsDb(out, 1.8, 1.99)).toBeGreaterThan(-25); // sound to the end, not padding
    // A 200 Hz tone stays 200 Hz: it passes the voice band as loud as unfiltered.
    expect(rmsDb(out, 0.2, 1.8) - rmsDb(out, 0.2, 1.8, VOICE_BAND)).toBeLessThan(1);
  });

  it('speed 0.25x stretches 1 s of sound over 4 s (chained atempo)', () => {
    expect(atempoFactors(0.25)).toEqual([0.5, 0.5]);
    expect(atempoFactors(4)).toEqual([2, 2]);
    expect(atempoFactors(3)).toEqual([2, 1.5]);
    expect(atempoFactors(1)).toEqual([]);
    const b = buildAudio({ clips: [clip('c1', 'voice', 0, 1000, 0.25)] }, media);
    const out = renderAudio(b, join(dir, 'slow.wav'), 'premaster');
    expect(b.frames).toBe(120);
    expect(rmsDb(out, 3.7, 3.95)).toBeGreaterThan(-25);
    expect(rmsDb(out, 0.2, 3.8) - rmsDb(out, 0.2, 3.8, VOICE_BAND)).toBeLessThan(1);
  });

  it('a crossfade shortens the audio by exactly the frames the video overlaps, without a dip', () => {
    const b = buildAudio(
      { clips: [clip('c1', 'voice', 0, 2000), clip('c2', 'voice', 3000, 5000)], transition: { kind: 'crossfade', duration_ms: 500 } },
      media,
    );
    expect(b.frames).toBe(60 + 60 - 15);
    const out = renderAudio(b, join(dir, 'xfade.raw'), 'premaster');
    expect(rawSamples(out)).toBe(105 * 1600);
    const steady = rmsDb(out, 0.2, 1.2);
    expect(rmsDb(out, 1.55, 1.95)).toBeGreaterThan(steady - 7); // crossfading, not silent
    expect(rmsDb(out, 2.5, 3.4)).toBeCloseTo(steady, 0);
  });

  it('a mono recording plays at its own level in both channels (no −3 dB upmix)', () => {
    expect(media.get('voice')!.audio[0]!.channels).toBe(1);
    const out = renderAudio(buildAudio({ clips: [clip('c1', 'voice', 0, 2000)] }, media), join(dir, 'mono.wav'), 'premaster');
    // sine's default amplitude is 1/8: an RMS of 1/8/√2, −21.1 dBFS, in each channel.
    expect(rmsDb(out, 0.2, 1.8)).toBeCloseTo(20 * Math.log10(1 / 8 / Math.SQRT2), 0);
  });

  it('original audio volume and mute apply to the clips\' sound', () => {
    const full = renderAudio(buildAudio({ clips: [clip('c1', 'voice', 0, 2000)] }, media), join(dir, 'vol1.wav'), 'premaster');
    const half = renderAudio(
      buildAudio({ clips: [clip('c1', 'voice', 0, 2000)], original_audio: { volume: 0.5, muted: false } }, media),
      join(dir, 'vol05.wav'),
      'premaster',
    );
    expect(rmsDb(half, 0.2, 1.8) - rmsDb(full, 0.2, 1.8)).toBeCloseTo(20 * Math.log10(0.5), 0);
    const muted = buildAudio({ clips: [clip('c1', 'voice', 0, 2000)], original_audio: { volume: 1, muted: true } }, media);
    expect(muted.part.audio.inputs).toEqual([]); // the source's sound is not even decoded
    expect(rmsDb(renderAudio(muted, join(dir, 'muted.raw')), 0, 2)).toBe(-Infinity);
  });
});

describe('music', () => {
  it('plays at the requested level: volume 0.35 is 9.1 dB under volume 1', () => {
    const at = (volume: number) =>
      renderAudio(
        buildAudio({ clips: [clip('c1', 'mute', 0, 3000)], music: [music('tone', 0, 3000, { volume })] }, media),
        join(dir, `music-${volume}.wav`),
        'premaster',
      );
    const diff = rmsDb(at(0.35), 0.5, 2.5) - rmsDb(at(1), 0.5, 2.5);
    expect(diff).toBeGreaterThan(20 * Math.log10(0.35) - 1);
    expect(diff).toBeLessThan(20 * Math.log10(0.35) + 1);
  });

  it('mixing keeps voice and music at their own levels (no amix attenuation)', () => {
    const alone = renderAudio(
      buildAudio({ clips: [clip('c1', 'mute', 0, 3000)], music: [music('tone', 0, 3000, { volume: 0.35 })] }, media),
      join(dir, 'alone.wav'),
      'premaster',
    );
    const voiceAlone = renderAudio(buildAudio({ clips: [clip('c1', 'voice', 0, 3000)] }, media), join(dir, 'voice-alone.wav'), 'premaster');
    const mixed = renderAudio(
      buildAudio({ clips: [clip('c1', 'voice', 0, 3000)], music: [music('tone', 0, 3000, { volume: 0.35 })] }, media),
      join(dir, 'mixed.wav'),
      'premaster',
    );
    expect(rmsDb(mixed, 0.5, 2.5, MUSIC_BAND)).toBeCloseTo(rmsDb(alone, 0.5, 2.5, MUSIC_BAND), 0);
    expect(rmsDb(mixed, 0.5, 2.5, VOICE_BAND)).toBeCloseTo(rmsDb(voiceAlone, 0.5, 2.5, VOICE_BAND), 0);
  });

  it('ducking lowers the music by at least 6 dB while the voice speaks, and not otherwise', () => {
    const render = (duck: boolean) =>
      renderAudio(
        buildAudio({ clips: [clip('c1', 'talk', 0, 4000)], music: [music('tone', 0, 4000, { volume: 1, duck })] }, media),
        join(dir, `duck-${duck}.wav`),
        'premaster',
      );
    const ducked = render(true);
    const quiet = rmsDb(ducked, 0.3, 0.9, MUSIC_BAND); // before the voice
    const speaking = rmsDb(ducked, 1.5, 2.4, MUSIC_BAND);
    expect(quiet - speaking).toBeGreaterThanOrEqual(6);
    expect(rmsDb(ducked, 3.4, 3.9, MUSIC_BAND)).toBeGreaterThan(quiet - 1.5); // back up after
    const plain = render(false);
    expect(Math.abs(rmsDb(plain, 0.3, 0.9, MUSIC_BAND) - rmsDb(plain, 1.5, 2.4, MUSIC_BAND))).toBeLessThan(1);
  });

  it('starts at start_ms, loops a short file to fill its segment, and stops at end_ms', () => {
    const b = buildAudio({ clips: [clip('c1', 'mute', 0, 5000)], music: [music('short', 1500, 4500)] }, media);
    const out = renderAudio(b, join(dir, 'loop.raw'), 'premaster');
    expect(rawSamples(out)).toBe(150 * 1600);
    expect(rmsDb(out, 0.2, 1.45)).toBe(-Infinity);
    expect(rmsDb(out, 1.55, 2.4)).toBeGreaterThan(-40);
    expect(rmsDb(out, 3.6, 4.4)).toBeGreaterThan(-40); // the 1 s file looped
    expect(rmsDb(out, 4.55, 5)).toBe(-Infinity);
  });

  it('without loop a short file plays once', () => {
    const b = buildAudio({ clips: [clip('c1', 'mute', 0, 4000)], music: [music('short', 0, 4000, { loop: false })] }, media);
    const out = renderAudio(b, join(dir, 'once.raw'), 'premaster');
    expect(rmsDb(out, 0.2, 0.9)).toBeGreaterThan(-40);
    expect(rmsDb(out, 1.1, 4)).toBe(-Infinity);
  });

  it('music fades in and out over its own segment', () => {
    const b = buildAudio(
      { clips: [clip('c1', 'mute', 0, 4000)], music: [music('tone', 0, 4000, { volume: 1, fade_in_ms: 1000, fade_out_ms: 1000 })] },
      media,
    );
    const out = renderAudio(b, join(dir, 'music-fade.wav'), 'premaster');
    const middle = rmsDb(out, 1.5, 2.5);
    expect(rmsDb(out, 0, 0.1)).toBeLessThan(middle - 20);
    expect(rmsDb(out, 3.9, 4)).toBeLessThan(middle - 20);
  });

  it('bundled music (lib:<query>) is synthesised under the clip', () => {
    const b = buildAudio({ clips: [clip('c1', 'mute', 0, 3000)], music: [music('lib:lo-fi', 0, 3000, { volume: 1 })] }, media);
    expect(b.plan.inputs[1]!.before).toContain('lavfi');
    const out = renderAudio(b, join(dir, 'lib.raw'), 'premaster');
    expect(rawSamples(out)).toBe(90 * 1600);
    expect(rmsDb(out, 0, 3)).toBeGreaterThan(-40);
  });

  it('an unknown bundled query or a missing bin file is an error a person can act on', () => {
    const unknown = () => buildAudio({ clips: [clip('c1', 'mute', 0, 3000)], music: [music('lib:polka', 0, 3000)] }, media);
    expect(unknown).toThrow(ReelcutError);
    expect(unknown).toThrow(/chill/);
    const missing = () => buildAudio({ clips: [clip('c1', 'mute', 0, 3000)], music: [music('nope', 0, 3000)] }, media);
    expect(missing).toThrow(/not in the media bin/);
  });

  it('finds a bin file by its timeline entry when no probe is at hand, and reads only its sound', () => {
    const onlyClips = new Map([['mute', media.get('mute')!]]);
    const item = { id: 'song', name: 'song.wav', kind: 'audio' as const, duration_ms: 6000, width: 0, height: 0, has_audio: true, path: media.get('tone')!.path };
    const b = buildAudio({ media: [item], clips: [clip('c1', 'mute', 0, 2000)], music: [music('song', 0, 2000, { volume: 1 })] }, onlyClips);
    expect(b.plan.inputs[1]).toMatchObject({ path: item.path });
    expect(b.plan.inputs[1]!.before).toContain('-vn');
    expect(rmsDb(renderAudio(b, join(dir, 'bin.raw'), 'premaster'), 0.2, 1.8)).toBeGreaterThan(-30);
  });

  it('music that starts after the end is left out with a note', () => {
    const b = buildAudio({ clips: [clip('c1', 'mute', 0, 3000)], music: [music('tone', 5000, 8000)] }, media);
    expect(b.part.notes.join(' ')).toMatch(/left out/);
    expect(b.part.audio.analysis).toBeNull();
  });
});

describe('fades of the whole mix', () => {
  it('fade in and out make the output start and end quiet', () => {
    const b = buildAudio({ clips: [clip('c1', 'voice', 0, 3000)], fades: { audio_in_ms: 1000, audio_out_ms: 1000 } }, media);
    const out = renderAudio(b, join(dir, 'fades.wav'));
    const middle = rmsDb(out, 1.2, 1.8);
    expect(rmsDb(out, 0, 0.05)).toBeLessThan(middle - 20);
    expect(rmsDb(out, 2.95, 3)).toBeLessThan(middle - 20);
    expect(rmsDb(out, 0.5, 0.6)).toBeLessThan(middle - 3);
  });
});
