import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apply, createTimeline, Draft, fromDraft, toDraft, TRACK_AUDIO, TRACK_TEXT, TRACK_VIDEO } from '../../src/timeline/index.js';
import { anyTimeline, binItems } from './arbitraries.js';
import { refusal } from '../helpers/errors.js';

function edited() {
  let t = createTimeline([binItems[0]!, binItems[1]!, binItems[3]!]);
  t = apply(t, { op: 'add_music', query: 'lo-fi', volume: 0.35 });
  t = apply(t, { op: 'add_text', text: 'Urban Dreams', start_ms: 0, end_ms: 3000 });
  t = apply(t, { op: 'add_captions', text: 'hello there world' });
  return t;
}

describe('toDraft / fromDraft', () => {
  it('round-trips every valid timeline without loss', () => {
    fc.assert(
      fc.property(anyTimeline, (t) => {
        expect(fromDraft(toDraft(t))).toStrictEqual(t);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips through JSON text, as drafts travel', () => {
    fc.assert(
      fc.property(anyTimeline, (t) => {
        expect(fromDraft(JSON.parse(JSON.stringify(toDraft(t))))).toStrictEqual(t);
      }),
      { numRuns: 100 },
    );
  });

  it('produces drafts the draft schema accepts', () => {
    fc.assert(fc.property(anyTimeline, (t) => Draft.safeParse(toDraft(t)).success));
  });

  it('lays a timeline out as video, BGM, title and captions tracks with output times', () => {
    const d = toDraft(edited());
    expect(d.d).toBe(14_000);
    expect(d.t.map((x) => x.tt)).toEqual([TRACK_VIDEO, TRACK_AUDIO, TRACK_TEXT, TRACK_TEXT]);
    expect(d.t[0]!.sg.map((s) => [s.s, s.d, s.m.media_id, s.m.in_ms, s.m.out_ms])).toEqual([
      [0, 10_000, 'v1', 0, 10_000],
      [10_000, 4_000, 'v2', 0, 4_000],
    ]);
    expect(d.t[1]!.sg[0]).toMatchObject({ s: 0, d: 14_000, m: { media_id: 'lib:lo-fi', title: 'Lo-fi', volume: 0.35 } });
    expect(d.t[2]!.sg[0]).toMatchObject({ s: 0, d: 3000, m: { text: 'Urban Dreams', position: 'center' } });
    expect(d.t[3]!.m).toMatchObject({ captions: true, style: 'classic' });
    expect(d.t[3]!.sg.map((s) => s.m.text)).toEqual(['hello', 'there', 'world']);
    expect(d.m).toMatchObject({ version: 1, format: { aspect: '9:16' } });
  });

  it('places clips after speed and transitions in s/d', () => {
    let t = edited();
    t = apply(t, { op: 'set_speed', factor: 2, clip: 2 });
    t = apply(t, { op: 'add_transition', kind: 'crossfade', duration_ms: 500 });
    const video = toDraft(t).t[0]!.sg;
    expect(video.map((s) => [s.s, s.d])).toEqual([
      [0, 10_000],
      [9_500, 2_000],
    ]);
    expect(toDraft(t).d).toBe(11_500);
  });

  it('reads a hand-written draft, filling defaults', () => {
    const t = fromDraft({
      d: 5000,
      t: [{ tt: 0, sg: [{ s: 0, d: 5000, m: { id: 'c1', media_id: 'v1', in_ms: 0, out_ms: 5000 } }] }],
      m: { version: 1, format: { aspect: '1:1' } },
    });
    expect(t.clips[0]).toEqual({
      id: 'c1',
      media_id: 'v1',
      in_ms: 0,
      out_ms: 5000,
      speed: 1,
      transform: { rotate: 0, flip_h: false, flip_v: false },
    });
    expect(t.format.fps).toBe(30);
    expect(t.captions).toBeNull();
  });

  it('names the draft path of a malformed segment', () => {
    const d = toDraft(edited()) as unknown as { t: Array<{ sg: Array<{ m: Record<string, unknown> }> }> };
    d.t[0]!.sg[1]!.m.in_ms = 'soon';
    const e = refusal(() => fromDraft(d));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe('the draft is not valid: t[0].sg[1].m.in_ms must be a number (got "soon")');
  });

  it('points at s and d of a title that ends before it starts', () => {
    const d = toDraft(edited());
    d.t[2]!.sg[0]!.d = 0;
    expect(refusal(() => fromDraft(d)).message).toBe(
      'the draft is not valid: t[2].sg[0]: a text must end after it starts (end_ms > start_ms)',
    );
  });

  it('refuses a draft without tracks or with an unknown track type', () => {
    expect(refusal(() => fromDraft({ d: 0, m: {} })).message).toMatch(/^the draft is not valid: t is required/);
    const d = toDraft(edited()) as unknown as { t: Array<{ tt: number }> };
    d.t[1]!.tt = 3;
    expect(refusal(() => fromDraft(d)).message).toMatch(/^the draft is not valid: t\[1\]\.tt/);
  });

  it('refuses two video tracks', () => {
    const d = toDraft(edited());
    d.t.push(d.t[0]!);
    expect(refusal(() => fromDraft(d)).message).toBe('the draft is not valid: a draft has one video track (tt 0); this one has 2');
  });

  it('refuses a draft from another timeline version', () => {
    const d = toDraft(edited());
    d.m.version = 2;
    expect(refusal(() => fromDraft(d)).message).toBe('the draft is not valid: m.version must be 1 (got 2)');
  });
});
