import { describe, expect, it } from 'vitest';
import { apply, createTimeline, trackSummary, type Timeline } from '../../src/timeline/index.js';
import { binItems } from './arbitraries.js';

const city = { ...binItems[0]!, name: 'city timelapse' };

describe('trackSummary', () => {
  it('reads like the protocol example: video, BGM, title, on one line', () => {
    let t = createTimeline([city]);
    t = apply(t, { op: 'add_music', query: 'lo-fi', volume: 0.35 });
    t = apply(t, { op: 'add_text', text: 'Urban Dreams', start_ms: 0, end_ms: 3000 });
    const s = trackSummary(t);
    expect(s.lines).toEqual(['1. Video: city timelapse (0-10s)', '2. BGM: Lo-fi (0-10s, 35%)', '3. Title: "Urban Dreams" (0-3s)']);
    expect(s.text).toBe('1. Video: city timelapse (0-10s)  2. BGM: Lo-fi (0-10s, 35%)  3. Title: "Urban Dreams" (0-3s)');
  });

  it('numbers one entry per clip, with speed, muted sound and trimmed decimals', () => {
    let t = createTimeline([binItems[0]!, binItems[1]!]);
    t = apply(t, { op: 'set_speed', factor: 2, start_ms: 2500, end_ms: 4500 });
    t = apply(t, { op: 'mute', target: 'original' });
    expect(trackSummary(t).lines).toEqual([
      '1. Video: clip.mp4 (0-2.5s, muted)',
      '2. Video: clip.mp4 (2.5-3.5s, 2x, muted)',
      '3. Video: clip.mp4 (3.5-9s, muted)',
      '4. Video: beach.mp4 (9-13s, muted)',
    ]);
  });

  it('lists captions with their word count and style', () => {
    let t = createTimeline([binItems[0]!]);
    t = apply(t, { op: 'add_captions', text: 'one two three', style: 'bold' });
    expect(trackSummary(t).lines.at(-1)).toBe('2. Captions: 3 words, bold (0-10s)');
    const none: Timeline = { ...t, captions: { ...t.captions!, words: [] } };
    expect(trackSummary(none).lines.at(-1)).toBe('2. Captions: bold, no words yet');
  });

  it('keeps a multi-line title on one line', () => {
    const t = apply(createTimeline([binItems[0]!]), { op: 'add_text', text: 'Top\nBottom', end_ms: 1250 });
    expect(trackSummary(t).lines[1]).toBe('2. Title: "Top Bottom" (0-1.3s)');
  });

  it('says when the timeline is empty', () => {
    expect(trackSummary(createTimeline([]))).toEqual({ lines: [], text: 'The timeline is empty.' });
  });
});
