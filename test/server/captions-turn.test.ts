// Captions from speech through the protocol: "overlay captions" in a chat turn hears the upload
// (pocketsphinx, the engine CI installs), the state's draft carries a timed captions track, and
// the render of it passes the check with its words on screen while the speech plays.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ffmpeg, tempDir } from '../helpers/media.js';
import { speechBursts, writeSpokenPhrases } from '../captions/speech.js';
import { parseSrt, parseVtt } from '../../src/captions/index.js';
import { call, getState, newSession, newToken, runSse, upload, waitForRender } from './harness.js';
import { suiteServer } from './suite.js';

const s = suiteServer();
let talk: string;
let bursts: Array<{ start_ms: number; end_ms: number }>;

beforeAll(() => {
  const dir = tempDir('reelcut-captions-turn-');
  const wav = join(dir, 'speech.wav');
  writeSpokenPhrases(wav, dir, ['hello everyone and welcome back', 'today we are going to the beach'], { pauseMs: 1200 });
  bursts = speechBursts(wav);
  talk = join(dir, 'talk.mp4');
  ffmpeg(['-f', 'lavfi', '-i', 'color=c=0x202020:s=360x640:r=30', '-i', wav, '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', talk]);
});

describe('captions from speech in a chat turn', () => {
  it('"overlay captions" transcribes the upload and the draft gets a captions track timed on the speech', async () => {
    const token = await newToken(s.url);
    const sid = await newSession(s.url, token);
    expect((await upload(s.url, token, sid, [talk])).body.code).toBe(0);
    const turn = await runSse(s.url, token, sid, 'overlay captions');
    const calls = turn.events.flatMap((e) => e.content.parts.flatMap((p) => (p.function_call ? [p.function_call.name] : [])));
    expect(calls).toEqual(['add_captions']);
    expect(turn.text).toMatch(/Captions: \d+ words/);
    const state = await getState(s.url, token, sid);
    const track = state.draft.t.find((t: { tt: number; m?: { captions?: boolean } }) => t.tt === 7 && t.m?.captions === true);
    expect(track).toBeDefined();
    expect(track.m.source).toBe('speech');
    const words = track.sg as Array<{ s: number; d: number }>;
    expect(words.length).toBeGreaterThan(2);
    // Every word sits on the speech (±300 ms), none in the pause.
    for (const w of words) {
      expect(bursts.some((b) => w.s >= b.start_ms - 300 && w.s + w.d <= b.end_ms + 300)).toBe(true);
    }
    const posted = await call(s.url, 'POST', '/api/render/proxy/lambda', { token, json: { id: 'render_captions', sessionId: sid } });
    expect(posted.body.code).toBe(0);
    const done = await waitForRender(s.url, token, 'render_captions');
    expect(done.body.data.status).toBe('completed');

    // The burned lines come as SRT and WebVTT beside the video, through the same signed link.
    const subs = done.body.data.output.subtitles as { srt: string; vtt: string };
    expect(subs.srt).toMatch(/\/api\/download\/[^/]+\/subtitles\.srt\?exp=\d+&sig=/);
    const srt = await fetch(subs.srt, { headers: { authorization: `Bearer ${token}` } });
    expect(srt.status).toBe(200);
    expect(srt.headers.get('content-type')).toMatch(/^application\/x-subrip/);
    const cues = parseSrt(await srt.text());
    expect(cues.length).toBeGreaterThan(0);
    const spoken = (track.sg as Array<{ m: { text: string } }>).map((w) => w.m.text.toLowerCase());
    for (const cue of cues) {
      expect(bursts.some((b) => cue.start_ms >= b.start_ms - 300 && cue.end_ms <= b.end_ms + 300)).toBe(true);
      for (const word of cue.text.toLowerCase().split(/\s+/)) expect(spoken).toContain(word);
    }
    const vtt = await fetch(subs.vtt);
    expect(vtt.status).toBe(200);
    expect(vtt.headers.get('content-type')).toMatch(/^text\/vtt/);
    expect(parseVtt(await vtt.text())).toEqual(cues);
    // Another token's request is answered as if the file did not exist.
    const other = await newToken(s.url);
    expect((await fetch(subs.srt, { headers: { authorization: `Bearer ${other}` } })).status).toBe(404);
    expect((await fetch(subs.srt.replace(/sig=[^&]+/, 'sig=0000'))).status).toBe(404);
  });

  it('subtitles pasted into a chat turn are the captions, at their own times', async () => {
    const token = await newToken(s.url);
    const sid = await newSession(s.url, token);
    expect((await upload(s.url, token, sid, [talk])).body.code).toBe(0);
    const srt = '1\n00:00:00,500 --> 00:00:01,500\nfirst line\n\n2\n00:00:02,000 --> 00:00:03,000\nsecond line';
    const turn = await runSse(s.url, token, sid, `add these captions:\n${srt}`);
    expect(turn.text).toMatch(/captions from a file/);
    const state = await getState(s.url, token, sid);
    const track = state.draft.t.find((t: { tt: number; m?: { captions?: boolean } }) => t.tt === 7 && t.m?.captions === true);
    expect(track.m.source).toBe('file');
    const words = track.sg as Array<{ s: number; d: number; m: { text: string } }>;
    expect(words.map((w) => w.m.text)).toEqual(['first', 'line', 'second', 'line']);
    expect(words[0]!.s).toBe(500);
    expect(words[3]!.s + words[3]!.d).toBe(3000);
  });

  it('a render without captions has no subtitle links, and its subtitle path answers 404', async () => {
    const token = await newToken(s.url);
    const sid = await newSession(s.url, token);
    expect((await upload(s.url, token, sid, [talk])).body.code).toBe(0);
    expect((await call(s.url, 'POST', '/api/render/proxy/lambda', { token, json: { id: 'render_plain', sessionId: sid } })).body.code).toBe(0);
    const done = await waitForRender(s.url, token, 'render_plain');
    expect(done.body.data.status).toBe('completed');
    expect(done.body.data.output.subtitles).toBeUndefined();
    const url = new URL(done.body.data.output.url as string);
    url.pathname += '/subtitles.srt';
    const r = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(r.status).toBe(404);
    expect(((await r.json()) as { message: string }).message).toMatch(/no captions/);
  });
});
