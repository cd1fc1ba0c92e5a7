// add_text, add_captions, style_captions, edit_caption, add_music, set_volume, mute.
import { describe, expect, it } from 'vitest';
import { apply, createTimeline, type Timeline } from '../../src/timeline/index.js';
import { binItems } from './arbitraries.js';
import { refusal } from '../helpers/errors.js';

/** clip.mp4 (10 s) then beach.mp4 (4 s), with the whole bin at hand. */
function twoClips(): Timeline {
  const t = createTimeline(binItems);
  return { ...t, clips: t.clips.slice(0, 2) };
}
const empty = () => ({ ...twoClips(), clips: [] });
const words = (t: Timeline) => t.captions!.words.map((w) => [w.text, w.start_ms, w.end_ms]);

describe('add_text', () => {
  it('adds a title at the given times with readable defaults', () => {
    const t = apply(twoClips(), { op: 'add_text', text: 'Urban Dreams', start_ms: 0, end_ms: 3000 });
    expect(t.texts).toEqual([
      {
        id: 't1',
        text: 'Urban Dreams',
        start_ms: 0,
        end_ms: 3000,
        position: 'center',
        style: { size: 'large', color: '#ffffff', outline: true, box: false },
      },
    ]);
  });

  it('covers the whole video without times, runs to the end from a start, and clamps a late end', () => {
    const t = apply(twoClips(), { op: 'add_text', text: 'All' });
    expect([t.texts[0]!.start_ms, t.texts[0]!.end_ms]).toEqual([0, 14_000]);
    const u = apply(twoClips(), { op: 'add_text', text: 'Later', start_ms: 12_000 });
    expect([u.texts[0]!.start_ms, u.texts[0]!.end_ms]).toEqual([12_000, 14_000]);
    const v = apply(twoClips(), { op: 'add_text', text: 'Long', start_ms: 10_000, end_ms: 60_000 });
    expect([v.texts[0]!.start_ms, v.texts[0]!.end_ms]).toEqual([10_000, 14_000]);
  });

  it('takes a position and a style, with colour names', () => {
    const t = apply(twoClips(), { op: 'add_text', text: 'Hey', position: 'top', style: { size: 'small', color: 'yellow', box: true } });
    expect(t.texts[0]).toMatchObject({ position: 'top', style: { size: 'small', color: '#ffdd00', outline: true, box: true } });
    const u = apply(t, { op: 'add_text', text: 'Second' });
    expect(u.texts.map((x) => x.id)).toEqual(['t1', 't2']);
  });

  it('refuses a start past the end and an empty timeline', () => {
    expect(refusal(() => apply(twoClips(), { op: 'add_text', text: 'Late', start_ms: 15_000 })).message).toBe(
      'the timeline is 14.0 s long; 15 s is past its end',
    );
    expect(refusal(() => apply(empty(), { op: 'add_text', text: 'Hi' })).message).toBe(
      'the timeline is empty: add a clip before adding text',
    );
  });

  it('refuses empty text as malformed', () => {
    const e = refusal(() => apply(twoClips(), { op: 'add_text', text: '   ' }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe('add_text: text must not be empty');
  });
});

describe('add_captions', () => {
  it('spreads a given text evenly over the whole video', () => {
    const t = apply(twoClips(), { op: 'add_captions', text: 'we made it here', style: 'bold' });
    expect(t.captions).toMatchObject({ source: 'text', style: 'bold', size: 'medium', position: 'center', color: '#ffffff' });
    expect(words(t)).toEqual([
      ['we', 0, 3500],
      ['made', 3500, 7000],
      ['it', 7000, 10_500],
      ['here', 10_500, 14_000],
    ]);
  });

  it('splits Chinese into characters, keeping punctuation with them', () => {
    const t = apply(twoClips(), { op: 'add_captions', source: 'text', text: '你好，世界', language: 'zh' });
    expect(t.captions!.words.map((w) => w.text)).toEqual(['你', '好，', '世', '界']);
    expect(t.captions!.language).toBe('zh');
  });

  it('refuses speech captions, which need the captions engine', () => {
    const e = refusal(() => apply(twoClips(), { op: 'add_captions' }));
    expect(e.code).toBe('INVALID_OPERATION');
    expect(e.message).toBe(
      'captions from speech need the captions engine to transcribe the audio first; this step can only lay out a given text (add_captions with source "text" and the text)',
    );
  });

  it('refuses text captions with no text', () => {
    expect(refusal(() => apply(twoClips(), { op: 'add_captions', source: 'text' })).message).toBe(
      'add_captions: source "text" needs the text',
    );
  });
});

describe('style_captions', () => {
  it('changes only what it names', () => {
    let t = apply(twoClips(), { op: 'add_captions', text: 'a b' });
    t = apply(t, { op: 'style_captions', size: 'large', color: 'yellow' });
    expect(t.captions).toMatchObject({ style: 'classic', size: 'large', color: '#ffdd00', position: 'bottom' });
    t = apply(t, { op: 'style_captions', style: 'karaoke', position: 'center', color: '#00FF00' });
    expect(t.captions).toMatchObject({ style: 'karaoke', size: 'large', color: '#00ff00', position: 'center' });
  });

  it('moves captions to the new style\'s home (bold: centre) unless a person placed them', () => {
    let t = apply(twoClips(), { op: 'add_captions', text: 'a b' });
    expect(t.captions?.position).toBe('bottom');
    t = apply(t, { op: 'style_captions', style: 'bold' });
    expect(t.captions?.position).toBe('center');
    t = apply(t, { op: 'style_captions', style: 'classic' });
    expect(t.captions?.position).toBe('bottom');
    t = apply(t, { op: 'style_captions', position: 'top' });
    t = apply(t, { op: 'style_captions', style: 'bold' });
    expect(t.captions?.position).toBe('top');
    expect(apply(twoClips(), { op: 'add_captions', text: 'a b', style: 'bold' }).captions?.position).toBe('center');
  });

  it('refuses when there are no captions', () => {
    expect(refusal(() => apply(twoClips(), { op: 'style_captions', size: 'large' })).message).toBe(
      'there are no captions yet; add them first (add_captions)',
    );
  });
});

describe('edit_caption', () => {
  function spoken(): Timeline {
    return {
      ...twoClips(),
      captions: {
        source: 'speech',
        style: 'classic',
        size: 'medium',
        color: '#ffffff',
        position: 'bottom',
        words: [
          { text: 'see', start_ms: 1000, end_ms: 1300 },
          { text: 'you', start_ms: 1300, end_ms: 1600 },
          { text: 'later.', start_ms: 1600, end_ms: 2000 },
          { text: 'bye', start_ms: 5000, end_ms: 5600 },
        ],
      },
    };
  }

  it('replaces the line on screen at the time, spreading the new words over its time', () => {
    const t = apply(spoken(), { op: 'edit_caption', at_ms: 1400, text: 'see you soon' });
    expect(words(t)).toEqual([
      ['see', 1000, 1333],
      ['you', 1333, 1667],
      ['soon', 1667, 2000],
      ['bye', 5000, 5600],
    ]);
  });

  it('finds a line just before or after the time', () => {
    const t = apply(spoken(), { op: 'edit_caption', at_ms: 5800, text: 'goodbye' });
    expect(words(t).at(-1)).toEqual(['goodbye', 5000, 5600]);
  });

  it('refuses a time with no caption, saying when captions show', () => {
    expect(refusal(() => apply(spoken(), { op: 'edit_caption', at_ms: 9000, text: 'x' })).message).toBe(
      'no caption is on screen at 9 s; captions show from 1 s to 5.6 s',
    );
    expect(refusal(() => apply(twoClips(), { op: 'edit_caption', at_ms: 0, text: 'x' })).message).toBe(
      'there are no captions yet; add them first (add_captions)',
    );
  });
});

describe('add_music', () => {
  it('lays a library track named by a query under the whole video', () => {
    const t = apply(twoClips(), { op: 'add_music', query: 'lo-fi beats', volume: 0.35, fade_out_ms: 2000, duck: true });
    expect(t.music).toEqual([
      {
        id: 'm1',
        media_id: 'lib:lo-fi-beats',
        title: 'Lo-fi beats',
        start_ms: 0,
        end_ms: 14_000,
        volume: 0.35,
        fade_in_ms: 0,
        fade_out_ms: 2000,
        duck: true,
        loop: true,
      },
    ]);
  });

  it('fades the music out over the last 2 s unless told otherwise (a quarter of a video under 8 s); 0 means no fade', () => {
    expect(apply(twoClips(), { op: 'add_music' }).music[0]).toMatchObject({ fade_in_ms: 0, fade_out_ms: 2000 });
    expect(apply(twoClips(), { op: 'add_music', fade_out_ms: 0 }).music[0]!.fade_out_ms).toBe(0);
    expect(apply(twoClips(), { op: 'add_music', fade_out_ms: 5000 }).music[0]!.fade_out_ms).toBe(5000);
    const short = apply(twoClips(), { op: 'trim', end_ms: 4000 });
    expect(apply(short, { op: 'add_music' }).music[0]!.fade_out_ms).toBe(1000);
  });

  it('defaults to trending at 35%, and replaces earlier music', () => {
    const t = apply(apply(twoClips(), { op: 'add_music', query: 'jazz' }), { op: 'add_music' });
    expect(t.music.map((m) => [m.id, m.media_id, m.title, m.volume])).toEqual([['m2', 'lib:trending', 'Trending', 0.35]]);
  });

  it('uses an uploaded song by media id or by name', () => {
    expect(apply(twoClips(), { op: 'add_music', media_id: 'a1' }).music[0]).toMatchObject({ media_id: 'a1', title: 'song.mp3' });
    expect(apply(twoClips(), { op: 'add_music', query: 'song.mp3' }).music[0]).toMatchObject({ media_id: 'a1' });
  });

  it('refuses an unknown media id, a file with no sound and a volume over 1', () => {
    expect(refusal(() => apply(twoClips(), { op: 'add_music', media_id: 'x9' })).message).toBe(
      'media x9 is not in the media bin; upload the song first or name a mood (query)',
    );
    expect(refusal(() => apply(twoClips(), { op: 'add_music', media_id: 'v3' })).message).toBe(
      'silent.mov has no sound; it cannot be music',
    );
    expect(refusal(() => apply(twoClips(), { op: 'add_music', volume: 1.5 })).message).toBe(
      'add_music: volume must be at most 1 (got 1.5)',
    );
  });
});

describe('set_volume and mute', () => {
  const withMusic = () => apply(twoClips(), { op: 'add_music', query: 'lo-fi' });

  it('sets the music volume', () => {
    expect(apply(withMusic(), { op: 'set_volume', target: 'music', volume: 0.2 }).music[0]!.volume).toBe(0.2);
  });

  it('sets the original audio louder and unmutes it', () => {
    const t = apply(apply(withMusic(), { op: 'mute', target: 'original' }), { op: 'set_volume', target: 'original', volume: 1.5 });
    expect(t.original_audio).toEqual({ volume: 1.5, muted: false });
    expect(t.music[0]!.volume).toBe(0.35);
  });

  it('sets all audio, music capped at 100%', () => {
    const t = apply(withMusic(), { op: 'set_volume', target: 'all', volume: 1.5 });
    expect(t.original_audio.volume).toBe(1.5);
    expect(t.music[0]!.volume).toBe(1);
  });

  it('mutes the original audio or the music', () => {
    expect(apply(withMusic(), { op: 'mute', target: 'original' }).original_audio).toEqual({ volume: 1, muted: true });
    expect(apply(withMusic(), { op: 'mute', target: 'music' }).music[0]!.volume).toBe(0);
  });

  it('refuses music changes when there is no music, and music over 100%', () => {
    expect(refusal(() => apply(twoClips(), { op: 'set_volume', target: 'music', volume: 0.5 })).message).toBe(
      'there is no music to set the volume of; add music first',
    );
    expect(refusal(() => apply(twoClips(), { op: 'mute', target: 'music' })).message).toBe('there is no music to mute');
    expect(refusal(() => apply(withMusic(), { op: 'set_volume', target: 'music', volume: 1.5 })).message).toBe(
      'music goes up to 100% (volume 1); 150% is too loud for music',
    );
    expect(refusal(() => apply(withMusic(), { op: 'set_volume', target: 'all', volume: 3 })).message).toBe(
      'set_volume: volume must be at most 2 (got 3)',
    );
  });
});
