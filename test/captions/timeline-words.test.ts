// Words heard in source files placed on the output timeline: trims drop what was cut away, speed
// scales times, a file used twice is heard twice, and a transition's overlap keeps the words of
// the clip that is still showing.
import { describe, expect, it } from 'vitest';
import { wordsOnTimeline, type Transcript } from '../../src/captions/index.js';
import type { Clip, Timeline } from '../../src/timeline/index.js';

const clip = (id: string, media_id: string, in_ms: number, out_ms: number, speed = 1): Clip => ({
  id,
  media_id,
  in_ms,
  out_ms,
  speed,
  transform: { rotate: 0, flip_h: false, flip_v: false },
});

const heard = (...words: Array<[string, number, number]>): Transcript => ({
  words: words.map(([text, start_ms, end_ms]) => ({ text, start_ms, end_ms })),
});

const on = (clips: Clip[], transcripts: Record<string, Transcript>, transition: Timeline['transition'] = null) =>
  wordsOnTimeline({ clips, transition }, new Map(Object.entries(transcripts))).map((w) => [w.text, w.start_ms, w.end_ms]);

describe('wordsOnTimeline', () => {
  it('drops words outside a trimmed clip and moves the rest by the trim', () => {
    const a = heard(['before', 500, 900], ['kept', 2500, 2900], ['tail', 5800, 6300], ['after', 6500, 6800]);
    // A word running past the out point ends there: the rest of it is not on screen.
    expect(on([clip('c1', 'a', 2000, 6000)], { a })).toEqual([
      ['kept', 500, 900],
      ['tail', 3800, 4000],
    ]);
  });

  it('drops a word that starts before the in point, even if it runs past it', () => {
    expect(on([clip('c1', 'a', 2000, 6000)], { a: heard(['cut', 1800, 2300], ['next', 2400, 2600]) })).toEqual([['next', 400, 600]]);
  });

  it('halves the times of a clip played at 2x', () => {
    const a = heard(['one', 1000, 1600], ['two', 7000, 7500]);
    expect(on([clip('c1', 'a', 0, 8000, 2)], { a })).toEqual([
      ['one', 500, 800],
      ['two', 3500, 3750],
    ]);
  });

  it('places a word once for each clip of the same media that shows it', () => {
    const a = heard(['early', 1200, 1500], ['gap', 3000, 3200], ['late', 2500, 2800]);
    // Clip 2 repeats media 1.0–3.0 s after clip 1 showed 0–2 s: "early" is seen twice.
    expect(on([clip('c1', 'a', 0, 2000), clip('c2', 'a', 1000, 3000)], { a })).toEqual([
      ['early', 1200, 1500],
      ['early', 2200, 2500],
      ['late', 3500, 3800],
    ]);
  });

  it('gives the words during a transition to the previous clip, which is still showing', () => {
    const a = heard(['first', 3200, 3600], ['across', 3800, 4300]);
    const b = heard(['hidden', 500, 800], ['second', 1200, 1500]);
    // Clip b starts at 3.0 s under a 1 s crossfade, so it is seen alone from 4.0 s.
    const words = on([clip('c1', 'a', 0, 4000), clip('c2', 'b', 0, 4000)], { a, b }, { kind: 'crossfade', duration_ms: 1000 });
    expect(words).toEqual([
      ['first', 3200, 3600],
      ['across', 3800, 4000],
      ['second', 4200, 4500],
    ]);
  });

  it('keeps a word’s confidence and skips clips whose media was not transcribed', () => {
    const a: Transcript = { words: [{ text: 'sure', start_ms: 100, end_ms: 400, confidence: 0.8 }] };
    const words = wordsOnTimeline({ clips: [clip('c1', 'silent', 0, 1000), clip('c2', 'a', 0, 1000)], transition: null }, new Map([['a', a]]));
    expect(words).toEqual([{ text: 'sure', start_ms: 1100, end_ms: 1400, confidence: 0.8 }]);
  });
});
