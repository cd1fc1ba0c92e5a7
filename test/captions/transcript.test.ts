// Transcript words become the timeline's caption words, and words become cues a person can read:
// pauses, length and duration end a cue; Chinese joins without spaces and breaks between
// characters; an emoji is never cut in two.
import { describe, expect, it } from 'vitest';
import { groupCues, toCaptionWords, type TranscriptWord } from '../../src/captions/index.js';
import { Captions } from '../../src/timeline/index.js';

const w = (text: string, start_ms: number, end_ms: number): TranscriptWord => ({ text, start_ms, end_ms });

describe('toCaptionWords', () => {
  it('gives words the timeline schema accepts: whole ms, trimmed, sorted, confidence clamped', () => {
    const words = toCaptionWords({
      language: 'en',
      words: [
        { text: ' world ', start_ms: 500.4, end_ms: 900.6, confidence: 1.2 },
        { text: 'hello', start_ms: 0, end_ms: 400, confidence: 0.8 },
        { text: '  ', start_ms: 950, end_ms: 990 },
        { text: 'odd', start_ms: 1000, end_ms: 990 },
      ],
    });
    expect(words).toEqual([
      { text: 'hello', start_ms: 0, end_ms: 400, confidence: 0.8 },
      { text: 'world', start_ms: 500, end_ms: 901, confidence: 1 },
      { text: 'odd', start_ms: 1000, end_ms: 1000 },
    ]);
    expect(() => Captions.parse({ source: 'speech', language: 'en', words })).not.toThrow();
  });
});

describe('groupCues', () => {
  it('starts a new cue after a pause longer than maxGapMs', () => {
    const cues = groupCues([w('one', 0, 300), w('two', 400, 700), w('three', 1500, 1900)], { maxGapMs: 500 });
    expect(cues).toEqual([
      { start_ms: 0, end_ms: 700, text: 'one two' },
      { start_ms: 1500, end_ms: 1900, text: 'three' },
    ]);
  });

  it('keeps a cue within maxChars, spaces counted', () => {
    const words = ['aaaa', 'bbbb', 'cccc', 'dddd'].map((t, i) => w(t, i * 100, i * 100 + 90));
    expect(groupCues(words, { maxChars: 9 }).map((c) => c.text)).toEqual(['aaaa bbbb', 'cccc dddd']);
  });

  it('keeps a cue within maxMs', () => {
    const words = [0, 1, 2, 3, 4].map((i) => w(`w${i}`, i * 1000, i * 1000 + 900));
    expect(groupCues(words, { maxMs: 2000 }).map((c) => c.text)).toEqual(['w0 w1', 'w2 w3', 'w4']);
  });

  it('joins Chinese without spaces and counts characters, not words', () => {
    const words = [w('我们', 0, 400), w('今天', 400, 800), w('去', 800, 1000), w('海边', 1000, 1400)];
    expect(groupCues(words, { maxChars: 5 }).map((c) => c.text)).toEqual(['我们今天去', '海边']);
  });

  it('breaks a Chinese run longer than a cue between characters, sharing its time', () => {
    const cues = groupCues([w('今天天气非常好', 0, 700)], { maxChars: 4 });
    expect(cues).toEqual([
      { start_ms: 0, end_ms: 400, text: '今天天气' },
      { start_ms: 400, end_ms: 700, text: '非常好' },
    ]);
  });

  it('counts an emoji with a skin tone or a ZWJ family as one character and never splits it', () => {
    const family = '👨‍👩‍👧';
    const thumbs = '👍🏽';
    const cues = groupCues([w(`${family}${thumbs}${family}`, 0, 900), w('ok', 1000, 1200)], { maxChars: 2 });
    expect(cues.map((c) => c.text)).toEqual([`${family}${thumbs}`, family, 'ok']);
  });

  it('puts no space before closing punctuation, and a space between Latin and emoji words', () => {
    const cues = groupCues([w('wow', 0, 100), w(',', 100, 110), w('nice', 200, 300), w('🎉', 300, 400)]);
    expect(cues.map((c) => c.text)).toEqual(['wow, nice 🎉']);
  });

  it('gives no cues for no words or only empty words', () => {
    expect(groupCues([])).toEqual([]);
    expect(groupCues([w(' ', 0, 100)])).toEqual([]);
  });
});
