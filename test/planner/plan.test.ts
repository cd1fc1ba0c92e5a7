// What planMessage promises beyond the corpus: text kept as typed, replies that explain, honest
// "I need the timeline" and "what should it say" answers, and intents before edits.
import { describe, expect, it } from 'vitest';
import { planMessage } from '../../src/planner/index.js';
import { draftOne, draftThree } from './drafts.js';

describe('titles keep the words as typed', () => {
  it.each([
    ["add the title 'Don't stop' for 3s", "Don't stop"],
    ['add the title “Don\'t stop” for 3s', "Don't stop"],
    ["square crop with music and a title 'A, B and C' for the first 2 seconds", 'A, B and C'],
    ['add text saying Top Five Tips at the top', 'Top Five Tips'],
    ['title: Summer In Lisbon', 'Summer In Lisbon'],
    ['加标题「夏日，海边」', '夏日，海边'],
  ])('%s → %s', (message, text) => {
    const plan = planMessage(message);
    expect(plan.operations.find((o) => o.op === 'add_text')).toMatchObject({ text });
  });

  it('reads no edit out of quoted words: a title "Square Music" crops nothing and adds no music', () => {
    const plan = planMessage('add the title "Square Music, Slow Motion"');
    expect(plan.operations).toEqual([{ op: 'add_text', text: 'Square Music, Slow Motion' }]);
  });
});

describe('replies', () => {
  it('say what will change, in the message language', () => {
    expect(planMessage('crop to square and add lofi music at 35%').reply).toBe('Cropped to 1:1 (1080×1080) and added Drift (lo-fi) at 35%.');
    expect(planMessage('crop to square format, add trending music, and overlay captions').reply).toMatch(
      /^Cropped to 1:1 \(1080×1080\), added the trending track .+ at 35% and captions on \(from the speech\)\.$/,
    );
    expect(planMessage('裁成方形，加lofi音乐，音量35%').reply).toBe('裁剪为 1:1（1080×1080），添加音乐：lofi（35%）。');
  });

  it('quote back what was not understood and still do the rest', () => {
    const plan = planMessage('make it square and add a 3D explosion');
    expect(plan.operations).toEqual([{ op: 'set_aspect', aspect: '1:1', fit: 'fill' }]);
    expect(plan.unknown).toEqual(['add a 3D explosion']);
    expect(plan.reply).toMatch(/did not understand "add a 3D explosion"/);
  });

  it('offer concrete edits when nothing could be done', () => {
    const plan = planMessage('blorp the flux capacitor');
    expect(plan.operations).toEqual([]);
    expect(plan.reply).toMatch(/I can crop/);
    expect(planMessage('嗯嗯嗯').reply).toMatch(/我可以/);
  });

  it('explain a vague wish: a named default, or choices with no edit', () => {
    const better = planMessage('make it look better');
    expect(better.operations).toEqual([{ op: 'adjust_color', contrast: 0.1, saturation: 0.15 }]);
    expect(better.reply).toMatch(/contrast \+10% and saturation \+15%/);
    expect(better.vague).toBe(true);
    const viral = planMessage('make it go viral');
    expect(viral.operations).toEqual([]);
    expect(viral.reply).toMatch(/tell me which/);
  });

  it('ask for what an edit is missing instead of guessing it', () => {
    const plan = planMessage('add a title');
    expect(plan.operations).toEqual([]);
    expect(plan.reply).toMatch(/What should the title say\?/);
  });

  it('explain limits it applied', () => {
    const plan = planMessage('export in 4k');
    expect(plan.operations).toEqual([{ op: 'set_resolution', height: 1080 }]);
    expect(plan.reply).toMatch(/at most 1080p/);
    expect(planMessage('120 fps').reply).toMatch(/23 to 60/);
  });
});

describe('relative references', () => {
  it('need a timeline, and say so without one', () => {
    const plan = planMessage('cut the last 5 seconds');
    expect(plan.operations).toEqual([]);
    expect(plan.needs).toEqual(['the last 5 s']);
    expect(plan.reply).toMatch(/I need the timeline/);
  });

  it('resolve against the timeline: the end, the last clip, the music', () => {
    expect(planMessage('cut the last 5 seconds', { timeline: draftOne() }).operations).toEqual([{ op: 'cut', start_ms: 55000, end_ms: 60000 }]);
    expect(planMessage('delete the last clip', { timeline: draftThree() }).operations).toEqual([{ op: 'delete_clip', clip: 3 }]);
    expect(planMessage('music louder', { timeline: draftThree() }).operations).toEqual([{ op: 'set_volume', target: 'music', volume: 0.525 }]);
    expect(planMessage('delete clip 7', { timeline: draftThree() }).reply).toMatch(/no clip 7: the timeline has 3/);
  });

  it('say what is missing from the timeline instead of planning an edit that would fail', () => {
    const one = draftOne();
    expect(planMessage('make the music quieter', { timeline: one })).toMatchObject({ operations: [], reply: expect.stringMatching(/no music yet/) });
    expect(planMessage('make the captions bigger', { timeline: one })).toMatchObject({ operations: [], reply: expect.stringMatching(/no captions yet/) });
    expect(planMessage('move clip 5 to the start', { timeline: draftThree() })).toMatchObject({ operations: [], reply: expect.stringMatching(/has 3 clips/) });
    // Music added in the same message is there to adjust.
    expect(planMessage('add lofi music, make the music quieter', { timeline: one }).operations).toEqual([{ op: 'add_music', query: 'lofi', volume: 0.21 }]);
  });

  it('status shows the track summary of the timeline', () => {
    const plan = planMessage('show tracks', { timeline: draftThree() });
    expect(plan.intent).toBe('status');
    expect(plan.reply).toMatch(/1\. Video: a\.mp4 \(0-10s\)/);
    expect(plan.reply).toMatch(/BGM: .*35%/);
  });
});

describe('intent comes first', () => {
  it('export keeps the edits said with it', () => {
    const plan = planMessage('make it square and export');
    expect(plan.intent).toBe('export');
    expect(plan.operations).toEqual([{ op: 'set_aspect', aspect: '1:1', fit: 'fill' }]);
    expect(plan.reply).toBe('Cropped to 1:1 (1080×1080); exporting now.');
  });

  it('credits, status and upload carry no edits even when edit words appear', () => {
    expect(planMessage('how many credits do I have left after making it square?')).toMatchObject({ intent: 'credits', operations: [] });
    expect(planMessage('上传一个视频')).toMatchObject({ intent: 'upload', operations: [] });
  });
});

describe('subtitles pasted into a message', () => {
  const srt = (n: number) =>
    Array.from({ length: n }, (_, i) => `${i + 1}\n00:00:${String(i).padStart(2, '0')},000 --> 00:00:${String(i).padStart(2, '0')},900\nline number ${i + 1} of the pasted subtitles`).join('\n\n');

  it('are the captions, with their own times, in the style asked; the words before them plan as usual', () => {
    const p = planMessage(`make it square and add these captions in bold:\n${srt(2)}`);
    expect(p.operations).toEqual([
      { op: 'set_aspect', aspect: '1:1', fit: 'fill' },
      { op: 'add_captions', source: 'file', text: srt(2), style: 'bold' },
    ]);
    expect(p.unknown).toEqual([]);
  });

  it('are kept whole past the message length a plan reads, and a bare WebVTT file is enough', () => {
    const long = srt(40);
    expect(long.length).toBeGreaterThan(2000);
    expect(planMessage(`subtitles:\n${long}`).operations).toEqual([{ op: 'add_captions', source: 'file', text: long }]);
    const vtt = 'WEBVTT\n\n00:00.500 --> 00:02.000\nHello there';
    expect(planMessage(vtt).operations).toEqual([{ op: 'add_captions', source: 'file', text: vtt }]);
  });

  it('a time range in words is not a subtitle file', () => {
    expect(planMessage('cut 0:01.500 to 0:02.000').operations).toEqual([{ op: 'cut', start_ms: 1500, end_ms: 2000 }]);
  });
});

describe('ducking the music already there', () => {
  it('says what changed, not that music was added', () => {
    const t = draftThree();
    expect(planMessage('duck the music under my voice', { timeline: t }).reply).toBe('The music now ducks under speech.');
  });
});
