// set_aspect, set_resolution, set_fps, fade, add_transition, apply_filter, adjust_color, rotate,
// flip, stabilize, normalize_audio, set_cover; the analysis operations apply refuses unprepared; bad input.
import { describe, expect, it } from 'vitest';
import { apply, createTimeline, timelineDuration, type Timeline } from '../../src/timeline/index.js';
import { binItems } from './arbitraries.js';
import { refusal } from '../helpers/errors.js';

function twoClips(): Timeline {
  const t = createTimeline(binItems);
  return { ...t, clips: t.clips.slice(0, 2) };
}
const oneClip = () => ({ ...twoClips(), clips: twoClips().clips.slice(0, 1) });
const empty = () => ({ ...twoClips(), clips: [] });

describe('set_aspect, set_resolution, set_fps', () => {
  it('sets the aspect and keeps fill unless asked', () => {
    const t = apply(twoClips(), { op: 'set_aspect', aspect: '1:1' });
    expect(t.format).toMatchObject({ aspect: '1:1', fit: 'fill', background: 'blur' });
  });

  it('fits with a background; naming a background asks for fit', () => {
    expect(apply(twoClips(), { op: 'set_aspect', aspect: '4:5', fit: 'fit' }).format).toMatchObject({ fit: 'fit', background: 'blur' });
    expect(apply(twoClips(), { op: 'set_aspect', aspect: '4:5', background: '#102030' }).format).toMatchObject({
      fit: 'fit',
      background: '#102030',
    });
  });

  it('sets the resolution and the frame rate', () => {
    expect(apply(twoClips(), { op: 'set_resolution', height: 720 }).format.height).toBe(720);
    expect(apply(twoClips(), { op: 'set_fps', fps: 60 }).format.fps).toBe(60);
  });

  it('refuses an aspect, a resolution or a frame rate Instagram does not take', () => {
    expect(refusal(() => apply(twoClips(), { op: 'set_aspect', aspect: '3:2' })).message).toBe(
      'set_aspect: aspect must be one of "9:16", "1:1", "4:5", "16:9", "1.91:1" (got "3:2")',
    );
    expect(refusal(() => apply(twoClips(), { op: 'set_resolution', height: 2160 })).message).toBe(
      'set_resolution: height must be at most 1080 (got 2160)',
    );
    expect(refusal(() => apply(twoClips(), { op: 'set_fps', fps: 120 })).message).toBe('set_fps: fps must be at most 60 (got 120)');
    expect(refusal(() => apply(twoClips(), { op: 'set_fps', fps: 29.97 })).message).toBe(
      'set_fps: fps must be a whole number (got 29.97)',
    );
  });
});

describe('fade', () => {
  it('fades picture and sound for 1 s by default', () => {
    expect(apply(twoClips(), { op: 'fade', direction: 'out' }).fades).toEqual({
      video_in_ms: 0,
      video_out_ms: 1000,
      audio_in_ms: 0,
      audio_out_ms: 1000,
    });
  });

  it('fades only the picture or only the sound when asked', () => {
    expect(apply(twoClips(), { op: 'fade', direction: 'in', duration_ms: 2000, target: 'video' }).fades).toMatchObject({
      video_in_ms: 2000,
      audio_in_ms: 0,
    });
    expect(apply(twoClips(), { op: 'fade', direction: 'in', target: 'audio' }).fades).toMatchObject({ video_in_ms: 0, audio_in_ms: 1000 });
  });

  it('refuses a fade longer than the video', () => {
    expect(refusal(() => apply(twoClips(), { op: 'fade', direction: 'out', duration_ms: 20_000 })).message).toBe(
      'a 20 s fade is longer than the 14.0 s video',
    );
  });
});

describe('add_transition', () => {
  it('puts a 0.5 s transition between clips by default, shortening the video', () => {
    const t = apply(twoClips(), { op: 'add_transition', kind: 'crossfade' });
    expect(t.transition).toEqual({ kind: 'crossfade', duration_ms: 500 });
    expect(timelineDuration(t)).toBe(13_500);
  });

  it('pulls titles inside the shorter video, and none removes transitions', () => {
    let t = apply(twoClips(), { op: 'add_text', text: 'End', start_ms: 12_000 });
    t = apply(t, { op: 'add_transition', kind: 'wipe', duration_ms: 1000 });
    expect([t.texts[0]!.start_ms, t.texts[0]!.end_ms]).toEqual([12_000, 13_000]);
    expect(apply(t, { op: 'add_transition', kind: 'none' }).transition).toBeNull();
  });

  it('keeps music under the whole video when transitions change its length', () => {
    let t = apply(twoClips(), { op: 'add_transition', kind: 'crossfade', duration_ms: 1000 });
    t = apply(t, { op: 'add_music', query: 'pop' });
    expect(t.music[0]!.end_ms).toBe(13_000);
    t = apply(t, { op: 'add_transition', kind: 'none' });
    expect(t.music[0]!.end_ms).toBe(14_000);
  });

  it('refuses a transition with one clip', () => {
    expect(refusal(() => apply(oneClip(), { op: 'add_transition', kind: 'slide' })).message).toBe(
      'a transition goes between clips, and the timeline has 1 clip (add_clip or split first)',
    );
  });
});

describe('apply_filter and adjust_color', () => {
  it('adds a look, replaces the same look in place, and none clears them', () => {
    let t = apply(twoClips(), { op: 'apply_filter', name: 'bw' });
    t = apply(t, { op: 'apply_filter', name: 'warm', intensity: 0.5 });
    t = apply(t, { op: 'apply_filter', name: 'bw', intensity: 0.3 });
    expect(t.format.filters).toEqual([
      { name: 'bw', intensity: 0.3 },
      { name: 'warm', intensity: 0.5 },
    ]);
    expect(apply(t, { op: 'apply_filter', name: 'none' }).format.filters).toEqual([]);
  });

  it('refuses an unknown look', () => {
    expect(refusal(() => apply(twoClips(), { op: 'apply_filter', name: 'neon' })).message).toMatch(
      /^apply_filter: name must be one of "bw", "warm", .*, "none" \(got "neon"\)$/,
    );
  });

  it('adds colour adjustments up and keeps them within -1..1', () => {
    let t = apply(twoClips(), { op: 'adjust_color', brightness: 0.2, saturation: 0.3 });
    t = apply(t, { op: 'adjust_color', brightness: 0.1, contrast: -0.2 });
    expect(t.format.color).toEqual({ brightness: 0.3, contrast: -0.2, saturation: 0.3 });
    t = apply(t, { op: 'adjust_color', saturation: 1 });
    expect(t.format.color.saturation).toBe(1);
  });

  it('refuses an adjustment with nothing in it or out of range', () => {
    expect(refusal(() => apply(twoClips(), { op: 'adjust_color' })).message).toBe(
      'adjust_color: needs brightness, contrast or saturation',
    );
    expect(refusal(() => apply(twoClips(), { op: 'adjust_color', brightness: 2 })).message).toBe(
      'adjust_color: brightness must be at most 1 (got 2)',
    );
  });
});

describe('rotate and flip', () => {
  it('rotates every clip, adding up to whole turns', () => {
    let t = apply(twoClips(), { op: 'rotate', degrees: 270 });
    t = apply(t, { op: 'rotate', degrees: 180 });
    expect(t.clips.map((c) => c.transform.rotate)).toEqual([90, 90]);
  });

  it('toggles a mirror on every clip', () => {
    const once = apply(twoClips(), { op: 'flip', axis: 'horizontal' });
    expect(once.clips.map((c) => [c.transform.flip_h, c.transform.flip_v])).toEqual([
      [true, false],
      [true, false],
    ]);
    expect(apply(once, { op: 'flip', axis: 'horizontal' }).clips.every((c) => !c.transform.flip_h)).toBe(true);
    expect(apply(once, { op: 'flip', axis: 'vertical' }).clips[0]!.transform).toEqual({ rotate: 0, flip_h: true, flip_v: true });
  });

  it('refuses other angles and an empty timeline', () => {
    expect(refusal(() => apply(twoClips(), { op: 'rotate', degrees: 45 })).message).toMatch(/^rotate: degrees/);
    expect(refusal(() => apply(empty(), { op: 'rotate', degrees: 90 })).message).toBe(
      'there are no clips to rotate; add a clip first (add_clip)',
    );
    expect(refusal(() => apply(empty(), { op: 'flip', axis: 'vertical' })).message).toBe(
      'there are no clips to flip; add a clip first (add_clip)',
    );
  });
});

describe('stabilize, normalize_audio, set_cover', () => {
  it('marks the timeline stabilised (0.5 unless said; the motion analysis runs at export), and validates its strength', () => {
    expect(apply(twoClips(), { op: 'stabilize' }).stabilize).toEqual({ strength: 0.5 });
    expect(apply(twoClips(), { op: 'stabilize', strength: 0.9 }).stabilize).toEqual({ strength: 0.9 });
    expect(refusal(() => apply(empty(), { op: 'stabilize' })).message).toBe('there are no clips to stabilize; add a clip first (add_clip)');
    expect(refusal(() => apply(twoClips(), { op: 'stabilize', strength: 5 })).message).toBe(
      'stabilize: strength must be at most 1 (got 5)',
    );
  });

  it('sets the loudness target, -14 LUFS by default', () => {
    expect(apply(twoClips(), { op: 'normalize_audio', target_lufs: -16 }).loudness).toEqual({ target_lufs: -16 });
    expect(apply(twoClips(), { op: 'normalize_audio' }).loudness).toEqual({ target_lufs: -14 });
    expect(refusal(() => apply(twoClips(), { op: 'normalize_audio', target_lufs: 0 })).message).toBe(
      'normalize_audio: target_lufs must be at most -5 (got 0)',
    );
  });

  it('sets the cover frame, and keeps it inside the video when the video gets shorter', () => {
    const t = apply(twoClips(), { op: 'set_cover', at_ms: 12_000 });
    expect(t.format.cover_ms).toBe(12_000);
    expect(apply(t, { op: 'trim', end_ms: 5000 }).format.cover_ms).toBe(4999);
    expect(apply(t, { op: 'cut', start_ms: 0, end_ms: 4000 }).format.cover_ms).toBe(8000);
  });

  it('refuses a cover past the end', () => {
    expect(refusal(() => apply(twoClips(), { op: 'set_cover', at_ms: 14_000 })).message).toBe(
      'the timeline is 14.0 s long; 14 s is past its end',
    );
  });
});

describe('operations apply cannot do alone', () => {
  it('refuses beat sync and silence removal, saying what they need', () => {
    const beat = refusal(() => apply(twoClips(), { op: 'beat_sync' }));
    expect(beat.code).toBe('INVALID_OPERATION');
    expect(beat.message).toMatch(/^cutting to the beat needs the beat analysis engine/);
    expect(refusal(() => apply(twoClips(), { op: 'remove_silence', min_silence_ms: 400 })).message).toMatch(
      /^removing pauses needs the audio analysis engine/,
    );
  });

  it('sends undo, redo and reset to the history', () => {
    expect(refusal(() => apply(twoClips(), { op: 'undo' })).message).toBe(
      'undo moves through the edit history; use applyWithHistory, not apply',
    );
  });

  it('refuses unknown operations, listing the known ones', () => {
    const e = refusal(() => apply(twoClips(), { op: 'explode' }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toMatch(/^unknown operation \("op": "explode"\); the operations are: set_aspect, set_resolution, /);
    expect(refusal(() => apply(twoClips(), 'trim')).message).toBe(
      'an operation is a JSON object like {"op": "trim", "end_ms": 30000}',
    );
  });

  it('refuses unknown arguments', () => {
    expect(refusal(() => apply(twoClips(), { op: 'mute', target: 'original', loudly: true })).message).toBe(
      'mute: unknown field "loudly"',
    );
  });
});
