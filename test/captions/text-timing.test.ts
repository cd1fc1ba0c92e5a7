// Given words timed where the speech is, and subtitle files taken at their own cue times.
import { describe, expect, it } from 'vitest';
import { looksLikeCueFile, wordsFromCueFile, wordsOverRegions } from '../../src/captions/index.js';

describe('wordsOverRegions', () => {
  it('shares the words between speech regions by their length and leaves the pause between them empty', () => {
    const words = wordsOverRegions(['a', 'b', 'c', 'd', 'e', 'f'], [
      { start_ms: 1000, end_ms: 3000 },
      { start_ms: 5000, end_ms: 6000 },
    ]);
    expect(words.map((w) => w.text)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(words.filter((w) => w.end_ms <= 3000)).toHaveLength(4);
    expect(words.filter((w) => w.start_ms >= 5000)).toHaveLength(2);
    expect(words.some((w) => w.start_ms < 5000 && w.end_ms > 3000)).toBe(false);
    expect(words[0]!.start_ms).toBe(1000);
    expect(words.at(-1)!.end_ms).toBe(6000);
  });

  it('gives a blip of sound far shorter than the rest no word, and empty regions none', () => {
    const words = wordsOverRegions(['x', 'y'], [
      { start_ms: 0, end_ms: 5000 },
      { start_ms: 6000, end_ms: 6000 },
      { start_ms: 7000, end_ms: 7200 },
    ]);
    expect(words.map((w) => [w.text, w.start_ms, w.end_ms])).toEqual([['x', 0, 2500], ['y', 2500, 5000]]);
  });
});

describe('subtitle files given as captions', () => {
  it('tells SRT and VTT text from plain words', () => {
    expect(looksLikeCueFile('1\n00:00:01,000 --> 00:00:02,000\nhi\n')).toBe(true);
    expect(looksLikeCueFile('WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n')).toBe(true);
    expect(looksLikeCueFile('see you at 10:30 --> the beach')).toBe(false);
  });

  it('keeps each cue at its own time, its words spread within it', () => {
    const words = wordsFromCueFile('1\n00:00:01,000 --> 00:00:02,000\nhello there\n\n2\n00:00:04,000 --> 00:00:05,500\n你好\n');
    expect(words.map((w) => [w.text, w.start_ms, w.end_ms])).toEqual([
      ['hello', 1000, 1500],
      ['there', 1500, 2000],
      ['你', 4000, 4750],
      ['好', 4750, 5500],
    ]);
  });
});
