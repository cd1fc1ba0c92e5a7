// trim, cut, set_duration, split, reorder, delete_clip, set_speed, add_clip, select_media.
import { describe, expect, it } from 'vitest';
import { apply, createTimeline, timelineDuration, type Timeline } from '../../src/timeline/index.js';
import { binItems } from './arbitraries.js';
import { refusal } from '../helpers/errors.js';

/** clip.mp4 (10 s) then beach.mp4 (4 s), with the whole bin (photo, song, silent.mov) at hand. */
function twoClips(): Timeline {
  const t = createTimeline(binItems);
  return { ...t, clips: t.clips.slice(0, 2) };
}

const pieces = (t: Timeline) => t.clips.map((c) => [c.media_id, c.in_ms, c.out_ms, c.speed]);
const spans = (xs: Array<{ start_ms: number; end_ms: number }>) => xs.map((x) => [x.start_ms, x.end_ms]);

function decorated(): Timeline {
  let t = twoClips();
  t = apply(t, { op: 'add_music', query: 'lo-fi' });
  t = apply(t, { op: 'add_text', text: 'Intro', start_ms: 0, end_ms: 3000 });
  t = apply(t, { op: 'add_text', text: 'Middle', start_ms: 9000, end_ms: 11_000 });
  t = apply(t, { op: 'add_text', text: 'Outro', start_ms: 12_000, end_ms: 14_000 });
  return t;
}

describe('trim', () => {
  it('keeps the first part of the video', () => {
    const t = apply(twoClips(), { op: 'trim', end_ms: 5000 });
    expect(pieces(t)).toEqual([['v1', 0, 5000, 1]]);
    expect(timelineDuration(t)).toBe(5000);
  });

  it('keeps a middle range across two clips, moving titles with it and keeping music under all of it', () => {
    const t = apply(decorated(), { op: 'trim', start_ms: 3000, end_ms: 12_000 });
    expect(pieces(t)).toEqual([
      ['v1', 3000, 10_000, 1],
      ['v2', 0, 2000, 1],
    ]);
    expect(timelineDuration(t)).toBe(9000);
    expect(t.texts.map((x) => [x.text, x.start_ms, x.end_ms])).toEqual([['Middle', 6000, 8000]]);
    expect(spans(t.music)).toEqual([[0, 9000]]);
  });

  it('trims one clip and leaves the others whole', () => {
    const t = apply(twoClips(), { op: 'trim', clip: 2, start_ms: 1000 });
    expect(pieces(t)).toEqual([
      ['v1', 0, 10_000, 1],
      ['v2', 1000, 4000, 1],
    ]);
    const u = apply(twoClips(), { op: 'trim', clip: 1, start_ms: 2000, end_ms: 6000 });
    expect(pieces(u)).toEqual([
      ['v1', 2000, 6000, 1],
      ['v2', 0, 4000, 1],
    ]);
  });

  it('refuses a time past the end, saying how long the video is', () => {
    const e = refusal(() => apply(twoClips(), { op: 'trim', end_ms: 30_000 }));
    expect(e.code).toBe('INVALID_OPERATION');
    expect(e.message).toBe('the timeline is 14.0 s long; 30 s is past its end');
    expect(refusal(() => apply(twoClips(), { op: 'trim', clip: 2, end_ms: 5000 })).message).toBe(
      'clip 2 is 4.0 s long; 5 s is past its end',
    );
  });

  it('refuses a clip that does not exist', () => {
    expect(refusal(() => apply(twoClips(), { op: 'trim', clip: 4, end_ms: 1000 })).message).toBe(
      'clip 4 does not exist: the timeline has 2 clips',
    );
  });

  it('refuses a trim with no times as malformed', () => {
    const e = refusal(() => apply(twoClips(), { op: 'trim' }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe('trim: needs start_ms, end_ms or both');
  });
});

describe('cut', () => {
  it('removes a range spanning two clips and closes the gap', () => {
    const t = apply(twoClips(), { op: 'cut', start_ms: 8000, end_ms: 11_000 });
    expect(pieces(t)).toEqual([
      ['v1', 0, 8000, 1],
      ['v2', 1000, 4000, 1],
    ]);
    expect(timelineDuration(t)).toBe(11_000);
  });

  it('moves later titles earlier, shortens those it cuts into, and drops those it removes', () => {
    const t = apply(decorated(), { op: 'cut', start_ms: 2000, end_ms: 11_000 });
    expect(t.texts.map((x) => [x.text, x.start_ms, x.end_ms])).toEqual([
      ['Intro', 0, 2000],
      ['Outro', 3000, 5000],
    ]);
    expect(spans(t.music)).toEqual([[0, 5000]]);
  });

  it('moves caption words with their speech and drops the cut ones', () => {
    let t = apply(twoClips(), { op: 'add_captions', text: 'one two three four five six seven' });
    t = apply(t, { op: 'cut', start_ms: 0, end_ms: 4000 });
    expect(t.captions!.words.map((w) => [w.text, w.start_ms, w.end_ms])).toEqual([
      ['three', 0, 2000],
      ['four', 2000, 4000],
      ['five', 4000, 6000],
      ['six', 6000, 8000],
      ['seven', 8000, 10_000],
    ]);
  });

  it('cuts inside one clip with clip-relative times', () => {
    const t = apply(twoClips(), { op: 'cut', clip: 2, start_ms: 0, end_ms: 1000 });
    expect(pieces(t)).toEqual([
      ['v1', 0, 10_000, 1],
      ['v2', 1000, 4000, 1],
    ]);
  });

  it('refuses to cut everything', () => {
    expect(refusal(() => apply(twoClips(), { op: 'cut', start_ms: 0, end_ms: 14_000 })).message).toBe(
      'cutting 0 s–14 s would leave nothing: the timeline is 14.0 s long',
    );
  });

  it('refuses a range that ends before it starts', () => {
    expect(refusal(() => apply(twoClips(), { op: 'cut', start_ms: 5000, end_ms: 3000 })).message).toBe(
      'cut: end_ms must come after start_ms',
    );
  });
});

describe('set_duration', () => {
  it('trims the end to the asked length', () => {
    const t = apply(twoClips(), { op: 'set_duration', duration_ms: 12_000 });
    expect(pieces(t)).toEqual([
      ['v1', 0, 10_000, 1],
      ['v2', 0, 2000, 1],
    ]);
  });

  it('changes nothing when the video already has that length', () => {
    expect(apply(twoClips(), { op: 'set_duration', duration_ms: 14_000 })).toStrictEqual(twoClips());
  });

  it('refuses a length longer than the content, saying what would work', () => {
    expect(refusal(() => apply(twoClips(), { op: 'set_duration', duration_ms: 15_000 })).message).toBe(
      'the timeline is 14.0 s long; it cannot be made 15 s long by trimming (slow it down with set_speed or add clips instead)',
    );
  });
});

describe('split', () => {
  it('splits the clip under the time into two, without moving anything', () => {
    const t = apply(twoClips(), { op: 'split', at_ms: 4000 });
    expect(t.clips.map((c) => [c.id, c.media_id, c.in_ms, c.out_ms])).toEqual([
      ['c1', 'v1', 0, 4000],
      ['c3', 'v1', 4000, 10_000],
      ['c2', 'v2', 0, 4000],
    ]);
    expect(timelineDuration(t)).toBe(14_000);
  });

  it('splits a sped-up clip at the right source time', () => {
    const t = apply(apply(twoClips(), { op: 'set_speed', factor: 2, clip: 1 }), { op: 'split', at_ms: 1000 });
    expect(pieces(t).slice(0, 2)).toEqual([
      ['v1', 0, 2000, 2],
      ['v1', 2000, 10_000, 2],
    ]);
  });

  it('refuses a time where clips already meet', () => {
    expect(refusal(() => apply(twoClips(), { op: 'split', at_ms: 10_000 })).message).toBe(
      'clips 1 and 2 already meet at 10 s',
    );
  });

  it('refuses the start, the end and past the end', () => {
    expect(refusal(() => apply(twoClips(), { op: 'split', at_ms: 0 })).message).toBe(
      '0 s is the start of the video; split somewhere inside it',
    );
    expect(refusal(() => apply(twoClips(), { op: 'split', at_ms: 14_000 })).message).toBe(
      '14 s is the end of the video; split somewhere inside it',
    );
    expect(refusal(() => apply(twoClips(), { op: 'split', at_ms: 20_500 })).message).toBe(
      'the timeline is 14.0 s long; 20.5 s is past its end',
    );
  });
});

describe('reorder', () => {
  it('moves a clip; titles stay put and caption words travel with their clip', () => {
    let t = apply(twoClips(), { op: 'add_text', text: 'Hello', start_ms: 0, end_ms: 2000 });
    t = { ...t, captions: { source: 'speech', style: 'classic', size: 'medium', color: '#ffffff', position: 'bottom', words: [{ text: 'wave', start_ms: 11_000, end_ms: 12_000 }] } };
    t = apply(t, { op: 'reorder', clip: 2, to: 1 });
    expect(pieces(t)).toEqual([
      ['v2', 0, 4000, 1],
      ['v1', 0, 10_000, 1],
    ]);
    expect(spans(t.texts)).toEqual([[0, 2000]]);
    expect(spans(t.captions!.words)).toEqual([[1000, 2000]]);
  });

  it('refuses a position past the last clip', () => {
    expect(refusal(() => apply(twoClips(), { op: 'reorder', clip: 1, to: 3 })).message).toBe(
      'position 3 does not exist: the timeline has 2 clips (use 1 to 2)',
    );
    expect(refusal(() => apply(twoClips(), { op: 'reorder', clip: 3, to: 1 })).message).toBe(
      'clip 3 does not exist: the timeline has 2 clips',
    );
  });
});

describe('delete_clip', () => {
  it('deletes a clip and the titles that were only on it', () => {
    const t = apply(decorated(), { op: 'delete_clip', clip: 1 });
    expect(pieces(t)).toEqual([['v2', 0, 4000, 1]]);
    expect(t.texts.map((x) => [x.text, x.start_ms, x.end_ms])).toEqual([
      ['Middle', 0, 1000],
      ['Outro', 2000, 4000],
    ]);
  });

  it('refuses to delete the only clip', () => {
    const one = apply(twoClips(), { op: 'delete_clip', clip: 2 });
    expect(refusal(() => apply(one, { op: 'delete_clip', clip: 1 })).message).toBe(
      'clip 1 is the only clip, and a video needs at least one (add_clip or select_media to change it)',
    );
  });

  it('refuses a clip that does not exist', () => {
    expect(refusal(() => apply(twoClips(), { op: 'delete_clip', clip: 4 })).message).toBe(
      'clip 4 does not exist: the timeline has 2 clips',
    );
  });
});

describe('set_speed', () => {
  it('speeds the whole video up', () => {
    const t = apply(decorated(), { op: 'set_speed', factor: 2 });
    expect(pieces(t)).toEqual([
      ['v1', 0, 10_000, 2],
      ['v2', 0, 4000, 2],
    ]);
    expect(timelineDuration(t)).toBe(7000);
    expect(t.texts.map((x) => [x.text, x.start_ms, x.end_ms])).toEqual([
      ['Intro', 0, 1500],
      ['Middle', 4500, 5500],
      ['Outro', 6000, 7000],
    ]);
    expect(spans(t.music)).toEqual([[0, 7000]]);
  });

  it('slows a range down by splitting its clip in three', () => {
    const t = apply(decorated(), { op: 'set_speed', factor: 0.5, start_ms: 2000, end_ms: 4000 });
    expect(pieces(t)).toEqual([
      ['v1', 0, 2000, 1],
      ['v1', 2000, 4000, 0.5],
      ['v1', 4000, 10_000, 1],
      ['v2', 0, 4000, 1],
    ]);
    expect(timelineDuration(t)).toBe(16_000);
    expect(t.texts.map((x) => [x.text, x.start_ms, x.end_ms])).toEqual([
      ['Intro', 0, 4000],
      ['Middle', 11_000, 13_000],
      ['Outro', 14_000, 16_000],
    ]);
  });

  it('changes one clip', () => {
    const t = apply(twoClips(), { op: 'set_speed', factor: 2, clip: 2 });
    expect(pieces(t)).toEqual([
      ['v1', 0, 10_000, 1],
      ['v2', 0, 4000, 2],
    ]);
  });

  it('refuses a factor outside 0.25 to 4 and a range past the end', () => {
    const e = refusal(() => apply(twoClips(), { op: 'set_speed', factor: 8 }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe('set_speed: factor must be at most 4 (got 8)');
    expect(refusal(() => apply(twoClips(), { op: 'set_speed', factor: 2, start_ms: 15_000 })).message).toBe(
      'the timeline is 14.0 s long; 15 s is past its end',
    );
  });
});

describe('add_clip', () => {
  it('adds a bin item by number at the end; music under the whole video stays under all of it', () => {
    const t = apply(apply(twoClips(), { op: 'add_music', query: 'chill' }), { op: 'add_clip', media: 3 });
    expect(t.clips.map((c) => [c.id, c.media_id, c.out_ms])).toEqual([
      ['c1', 'v1', 10_000],
      ['c2', 'v2', 4000],
      ['c3', 'i1', 3000],
    ]);
    expect(spans(t.music)).toEqual([[0, 17_000]]);
  });

  it('adds by file name at the start, moving titles with the video they were on', () => {
    let t = apply(twoClips(), { op: 'add_text', text: 'Hi', start_ms: 1000, end_ms: 2000 });
    t = apply(t, { op: 'add_clip', media: 'silent.mov', at: 'start' });
    expect(t.clips.map((c) => c.media_id)).toEqual(['v3', 'v1', 'v2']);
    expect(spans(t.texts)).toEqual([[3500, 4500]]);
  });

  it('adds by media id as a given clip number, or by the name without its extension', () => {
    expect(apply(twoClips(), { op: 'add_clip', media: 'v3', at: 2 }).clips.map((c) => c.media_id)).toEqual(['v1', 'v3', 'v2']);
    expect(apply(twoClips(), { op: 'add_clip', media: 'photo' }).clips.map((c) => c.media_id)).toEqual(['v1', 'v2', 'i1']);
  });

  it('refuses audio, unknown media and positions past the end', () => {
    expect(refusal(() => apply(twoClips(), { op: 'add_clip', media: 'song.mp3' })).message).toBe(
      'song.mp3 is audio; it can be music (add_music) but not a clip',
    );
    expect(refusal(() => apply(twoClips(), { op: 'add_clip', media: 'party.mp4' })).message).toBe(
      'there is no media called "party.mp4" in the bin; it has 5 items: 1. clip.mp4, 2. beach.mp4, 3. photo.jpg, 4. song.mp3, 5. silent.mov',
    );
    expect(refusal(() => apply(twoClips(), { op: 'add_clip', media: 9 })).message).toBe(
      'there is no media 9: the bin has 5 items (1. clip.mp4, 2. beach.mp4, 3. photo.jpg, 4. song.mp3, 5. silent.mov)',
    );
    expect(refusal(() => apply(twoClips(), { op: 'add_clip', media: 2, at: 5 })).message).toBe(
      'position 5 does not exist: the timeline has 2 clips (use 1 to 3)',
    );
  });
});

describe('select_media', () => {
  it('starts a new timeline from a bin item, keeping the bin and the format', () => {
    let t = apply(decorated(), { op: 'set_aspect', aspect: '1:1' });
    t = apply(t, { op: 'set_cover', at_ms: 5000 });
    const s = apply(t, { op: 'select_media', media: 'beach.mp4' });
    expect(pieces(s)).toEqual([['v2', 0, 4000, 1]]);
    expect(s.media).toEqual(t.media);
    expect(s.format).toEqual({ ...t.format, cover_ms: null });
    expect(s.texts).toEqual([]);
    expect(s.music).toEqual([]);
  });

  it('refuses a bin number that does not exist', () => {
    expect(refusal(() => apply(twoClips(), { op: 'select_media', media: 7 })).message).toMatch(
      /^there is no media 7: the bin has 5 items/,
    );
  });
});
