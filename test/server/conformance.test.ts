// The whole client flow of PROTOCOL.md ("What a client of this protocol does"), over real HTTP
// against a real server: anonymous token → session → multipart upload → edit turn over SSE read
// event by event → state → render → poll → download → `reelcut check`. Then the chat intents a
// client routes to /run_sse: undo, an export from chat, status and credit questions, in English
// and in Chinese.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromDraft } from '../../src/timeline/index.js';
import { runReelcut } from '../helpers/cli.js';
import { probe, tempDir } from '../helpers/media.js';
import { call, downloadTo, getState, newSession, newToken, phoneClip, pollRender, runSse, startServer, upload, type SseEvent, type SseResult, type TestServer } from './harness.js';

const DAY_MS = 24 * 3600 * 1000;
const STATUSES = ['queued', 'rendering', 'completed', 'failed'];
/** The CLI's check targets by the aspect a draft asks for (what an Instagram upload of it would be). */
const TARGET_FOR_ASPECT: Record<string, string> = { '9:16': 'reels', '1:1': 'square', '4:5': 'portrait', '16:9': 'landscape' };

let srv: TestServer;
let dir: string;
let clip: string;

beforeAll(async () => {
  srv = await startServer();
  dir = tempDir('reelcut-conformance-');
  clip = phoneClip(dir, 3, 'phone.mp4');
});

afterAll(async () => {
  await srv?.close();
});

/** A token, a session and the clip uploaded to it: what every chat test starts from. */
async function sessionWithClip(): Promise<{ token: string; sid: string; mediaId: string }> {
  const token = await newToken(srv.url);
  const sid = await newSession(srv.url, token);
  const up = await upload(srv.url, token, sid, [clip]);
  expect(up.body.code).toBe(0);
  return { token, sid, mediaId: up.body.data.files[0].media_id };
}

/** Everything PROTOCOL.md promises of one turn's stream, whatever the turn did. */
function expectWellFormedTurn(r: SseResult): void {
  expect(r.status).toBe(200);
  expect(r.contentType).toMatch(/^text\/event-stream/);
  expect(r.error).toBeUndefined();
  expect(r.events.length).toBeGreaterThanOrEqual(2);
  const invocation = r.events[0]!.invocation_id;
  expect(typeof invocation).toBe('string');
  expect(invocation.length).toBeGreaterThan(0);
  const ids = new Set<string>();
  let lastTs = -Infinity;
  for (const e of r.events) {
    expect(typeof e.id).toBe('string');
    expect(e.id.length).toBeGreaterThan(0);
    ids.add(e.id);
    expect(e.invocation_id).toBe(invocation);
    expect(e.author).toBe('nemo_agent');
    expect(Number.isFinite(e.timestamp)).toBe(true);
    expect(e.timestamp).toBeGreaterThanOrEqual(lastTs);
    lastTs = e.timestamp;
    expect(e.content.role).toBe('model');
    expect(Array.isArray(e.content.parts)).toBe(true);
    expect(typeof e.partial).toBe('boolean');
    expect(typeof e.turn_complete).toBe('boolean');
    for (const p of e.content.parts) expect(Object.keys(p).filter((k) => ['text', 'function_call', 'function_response'].includes(k))).toHaveLength(1);
  }
  expect(ids.size).toBe(r.events.length);
  // The last event closes the turn and nothing follows it (the stream ended right after).
  expect(r.events.at(-1)!.turn_complete).toBe(true);
  expect(r.events.filter((e) => e.turn_complete)).toHaveLength(1);
  // Every turn ends with words for the person before it completes.
  expect(finalTexts(r).length).toBeGreaterThan(0);
  // Each operation: one call, then one response with the same id and name.
  const calls = functionCalls(r);
  const responses = r.events.flatMap((e, i) => e.content.parts.flatMap((p) => (p.function_response ? [{ ...p.function_response, at: i }] : [])));
  expect(responses).toHaveLength(calls.length);
  for (const c of calls) {
    const matching = responses.filter((x) => x.id === c.id);
    expect(matching).toHaveLength(1);
    expect(matching[0]!.name).toBe(c.name);
    expect(matching[0]!.at).toBeGreaterThan(c.at);
  }
}

function functionCalls(r: SseResult): Array<{ id: string; name: string; args: Record<string, unknown>; at: number }> {
  return r.events.flatMap((e, i) => e.content.parts.flatMap((p) => (p.function_call ? [{ ...p.function_call, at: i }] : [])));
}

function functionResponses(r: SseResult): Array<{ id: string; name: string; response: Record<string, unknown> }> {
  return r.events.flatMap((e) => e.content.parts.flatMap((p) => (p.function_response ? [p.function_response] : [])));
}

/** The non-partial text parts, in order. */
function finalTexts(r: SseResult): string[] {
  return r.events.filter((e) => !e.partial).flatMap((e) => e.content.parts.flatMap((p) => (typeof p.text === 'string' ? [p.text] : [])));
}

function partialTexts(events: SseEvent[]): string[] {
  return events.filter((e) => e.partial).flatMap((e) => e.content.parts.flatMap((p) => (typeof p.text === 'string' ? [p.text] : [])));
}

/** The download link a text part names (stops at spaces and CJK brackets around it). */
function linkIn(text: string): string | null {
  return /https?:\/\/[^\s（）()]+/.exec(text)?.[0] ?? null;
}

/** ffprobe's word on an export: what PROTOCOL.md's Media section promises. */
function expectDeliverable(file: string, size: { width: number; height: number }, durationMs: number): void {
  const p = probe(file);
  const v = p.streams.find((s) => s.codec_type === 'video')!;
  const a = p.streams.find((s) => s.codec_type === 'audio')!;
  expect(p.format.format_name).toContain('mp4');
  expect(v.codec_name).toBe('h264');
  expect(v.profile).toBe('High');
  expect(v.pix_fmt).toBe('yuv420p');
  expect({ width: v.width, height: v.height }).toEqual(size);
  expect(a.codec_name).toBe('aac');
  // Within two frames at 30 fps of the timeline's length.
  expect(Math.abs(Number(p.format.duration) * 1000 - durationMs)).toBeLessThanOrEqual(70);
}

function expectCheckPasses(file: string, target: string): void {
  const run = runReelcut(['check', file, '--target', target, '--json'], dir);
  const report = JSON.parse(run.stdout) as { ok: boolean; target: string; checks: Array<{ id: string; status: string; actual: string; expected: string }> };
  expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
  expect(report.ok).toBe(true);
  expect(report.target).toBe(target);
  expect(run.code).toBe(0);
}

/** The frame size a draft's format asks for: the short side is format.height. */
function sizeFor(format: { aspect: string; height: number }): { width: number; height: number } {
  const [w, h] = format.aspect.split(':').map(Number) as [number, number];
  const even = (x: number) => Math.round(x / 2) * 2;
  return w >= h ? { width: even((format.height * w) / h), height: format.height } : { width: format.height, height: even((format.height * h) / w) };
}

describe('the client flow of PROTOCOL.md against reelcut serve', () => {
  it('token → session → upload → edit over SSE → state → render → poll → download gives a file that passes reelcut check', async () => {
    // Anonymous token with a fresh client id: 100 credits, seven days.
    const tok = await call(srv.url, 'POST', '/api/auth/anonymous-token', { headers: { 'x-client-id': randomUUID() } });
    expect(tok.status).toBe(200);
    expect(tok.body.code).toBe(0);
    const { token, expires_at, credits } = tok.body.data as { token: string; expires_at: string; credits: number };
    expect(typeof token).toBe('string');
    expect(token.length).toBeGreaterThanOrEqual(32);
    expect(credits).toBe(100);
    const expiresIn = Date.parse(expires_at) - Date.now();
    expect(expiresIn).toBeGreaterThan(7 * DAY_MS - 10 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(7 * DAY_MS);
    const balance = await call(srv.url, 'GET', '/api/credits/balance/simple', { token });
    expect(balance.body.data).toEqual({ available: 100, frozen: 0, total: 100 });

    // Session.
    const ses = await call(srv.url, 'POST', '/api/tasks/me/with-session/nemo_agent', { token, json: { task_name: 'project', language: 'en' } });
    expect(ses.body.code).toBe(0);
    const { task_id, session_id: sid } = ses.body.data as { task_id: string; session_id: string };
    expect(typeof task_id).toBe('string');
    expect(typeof sid).toBe('string');

    // Multipart upload of a phone clip.
    const up = await upload(srv.url, token, sid, [clip]);
    expect(up.status).toBe(200);
    expect(up.body.code).toBe(0);
    expect(up.body.data.files).toHaveLength(1);
    const file = up.body.data.files[0];
    expect(file).toMatchObject({ name: 'phone.mp4', kind: 'video', width: 360, height: 640 });
    expect(typeof file.media_id).toBe('string');
    expect(Math.abs(file.duration_ms - 3000)).toBeLessThanOrEqual(50);
    const before = await getState(srv.url, token, sid);
    expect(before.draft.m.format.aspect).toBe('9:16');

    // An edit turn, read event by event.
    const turn = await runSse(srv.url, token, sid, 'make it square');
    expectWellFormedTurn(turn);
    const calls = functionCalls(turn);
    expect(calls.map((c) => c.name)).toEqual(['set_aspect']);
    expect(calls[0]!.args).toMatchObject({ aspect: '1:1' });
    expect(functionResponses(turn)[0]!.response).toMatchObject({ ok: true });
    const said = finalTexts(turn).join('\n');
    expect(said).toMatch(/1:1|square/i);
    expect(said).not.toMatch(/button|panel|drag|click/i);

    // State: the draft decodes, one video track with the upload, now square; the bin lists it.
    const state = await getState(srv.url, token, sid);
    expect(state.version_id).not.toBe(before.version_id);
    const timeline = fromDraft(state.draft);
    expect(timeline.format.aspect).toBe('1:1');
    expect(timeline.clips.map((c) => c.media_id)).toEqual([file.media_id]);
    const video = (state.draft.t as Array<{ tt: number; sg: Array<{ s: number; d: number; m: { media_id: string } }> }>).filter((t) => t.tt === 0);
    expect(video).toHaveLength(1);
    expect(video[0]!.sg.map((s) => s.m.media_id)).toEqual([file.media_id]);
    expect(Math.abs(state.draft.d - file.duration_ms)).toBeLessThanOrEqual(50);
    expect(state.video_infos).toHaveLength(1);
    expect(state.video_infos[0]).toMatchObject({ media_id: file.media_id, name: 'phone.mp4', kind: 'video' });

    // Render the state's draft and poll it to the end.
    const renderId = `render_${Date.now()}`;
    const posted = await call(srv.url, 'POST', '/api/render/proxy/lambda', {
      token,
      json: { id: renderId, sessionId: sid, draft: state.draft, output: { format: 'mp4', quality: 'high' } },
    });
    expect(posted.status).toBe(200);
    expect(posted.body.code).toBe(0);
    expect(posted.body.data.id).toBe(renderId);
    expect(['queued', 'rendering']).toContain(posted.body.data.status);
    const polled = await pollRender(srv.url, token, renderId, { intervalMs: 25 });
    const statuses = [posted.body.data.status as string, ...polled.seen.map((d) => d.status as string)];
    for (const s of statuses) expect(STATUSES).toContain(s);
    // Never backwards: queued, then rendering, then completed.
    const rank = statuses.map((s) => STATUSES.indexOf(s));
    expect(rank).toEqual([...rank].sort((a, b) => a - b));
    expect(statuses).toContain('rendering');
    expect(statuses.at(-1)).toBe('completed');
    for (const d of polled.seen) {
      expect(d.progress).toBeGreaterThanOrEqual(0);
      expect(d.progress).toBeLessThanOrEqual(100);
    }
    const progress = polled.seen.map((d) => d.progress as number);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const done = polled.last.body.data;
    expect(done).toMatchObject({ id: renderId, status: 'completed', progress: 100 });
    expect(done.output.url).toMatch(new RegExp(`^${srv.url}/`));
    // The render records the version it was made from (the stored draft was sent back unchanged).
    const after = await getState(srv.url, token, sid);
    expect(after.generated_media.find((g: { id: string }) => g.id === renderId)).toMatchObject({ status: 'completed', version_id: state.version_id });

    // Download it and measure it.
    const out = join(dir, 'conformance.mp4');
    const got = await downloadTo(done.output.url, out, token);
    expect(got.status).toBe(200);
    expect(got.contentType).toMatch(/^video\/mp4/);
    expect(got.bytes).toBeGreaterThan(10_000);
    expectCheckPasses(out, TARGET_FOR_ASPECT[timeline.format.aspect]!);
    expectDeliverable(out, sizeFor(timeline.format), state.draft.d);
    expect(sizeFor(timeline.format)).toEqual({ width: 1080, height: 1080 });
  });

  it('"undo" as the next turn brings back the previous draft and version', async () => {
    const { token, sid } = await sessionWithClip();
    const first = await getState(srv.url, token, sid);
    const edit = await runSse(srv.url, token, sid, 'make it square');
    expectWellFormedTurn(edit);
    const edited = await getState(srv.url, token, sid);
    expect(edited.draft.m.format.aspect).toBe('1:1');
    expect(edited.draft).not.toEqual(first.draft);

    const undo = await runSse(srv.url, token, sid, 'undo');
    expectWellFormedTurn(undo);
    expect(functionCalls(undo).map((c) => c.name)).toEqual(['undo']);
    expect(finalTexts(undo).join('\n')).toMatch(/undid|undo/i);
    const back = await getState(srv.url, token, sid);
    expect(back.draft).toEqual(first.draft);
    expect(back.version_id).toBe(first.version_id);
    expect(back.can_redo).toBe(true);
  });

  it('"export" in chat renders the current version, streams progress as partial text and ends with a download link that works', async () => {
    const { token, sid } = await sessionWithClip();
    const state = await getState(srv.url, token, sid);
    const r = await runSse(srv.url, token, sid, 'export');
    expectWellFormedTurn(r);
    const calls = functionCalls(r);
    expect(calls.map((c) => c.name)).toEqual(['export_video']);
    expect(calls[0]!.args).toMatchObject({ format: 'mp4', version: state.version_id });
    const progress = partialTexts(r.events).filter((t) => /Rendering… \d+%/.test(t));
    expect(progress.length).toBeGreaterThan(0);
    const pcts = progress.map((t) => Number(/(\d+)%/.exec(t)![1]));
    expect(pcts).toEqual([...pcts].sort((a, b) => a - b));
    const response = functionResponses(r)[0]!.response as { id: string; status: string; url: string };
    expect(response.status).toBe('completed');
    const last = finalTexts(r).at(-1)!;
    const link = linkIn(last);
    expect(link).toBe(response.url);
    expect(last).toMatch(/ready/i);

    // The export changed nothing on the timeline, and it is listed as one of the session's renders.
    const after = await getState(srv.url, token, sid);
    expect(after.version_id).toBe(state.version_id);
    expect(after.draft).toEqual(state.draft);
    expect(after.generated_media.find((g: { id: string }) => g.id === response.id)).toMatchObject({ status: 'completed', version_id: state.version_id });

    const out = join(dir, 'chat-export.mp4');
    const got = await downloadTo(link!, out);
    expect(got.status).toBe(200);
    expectCheckPasses(out, 'reels');
    expectDeliverable(out, { width: 1080, height: 1920 }, state.draft.d);
  });

  it('Chinese turns: "改成方形" makes it square with a Chinese reply, "导出" exports it with progress and a working link', async () => {
    const { token, sid } = await sessionWithClip();
    const first = await getState(srv.url, token, sid);
    const edit = await runSse(srv.url, token, sid, '改成方形');
    expectWellFormedTurn(edit);
    expect(functionCalls(edit).map((c) => c.name)).toEqual(['set_aspect']);
    const said = finalTexts(edit).join('\n');
    expect(said).toMatch(/[\u4e00-\u9fff]/);
    expect(said).toContain('1:1');
    const square = await getState(srv.url, token, sid);
    expect(square.draft.m.format.aspect).toBe('1:1');
    expect(square.version_id).not.toBe(first.version_id);

    const exp = await runSse(srv.url, token, sid, '导出');
    expectWellFormedTurn(exp);
    expect(functionCalls(exp).map((c) => c.name)).toEqual(['export_video']);
    expect(partialTexts(exp.events).some((t) => /正在渲染… \d+%/.test(t))).toBe(true);
    const last = finalTexts(exp).at(-1)!;
    expect(last).toMatch(/[\u4e00-\u9fff]/);
    const link = linkIn(last);
    expect(link).toBe((functionResponses(exp)[0]!.response as { url: string }).url);
    expect((await getState(srv.url, token, sid)).version_id).toBe(square.version_id);

    const out = join(dir, 'chat-export-zh.mp4');
    const got = await downloadTo(link!, out, token);
    expect(got.status).toBe(200);
    expectCheckPasses(out, 'square');
    expectDeliverable(out, { width: 1080, height: 1080 }, square.draft.d);
  });

  it('status, "show tracks" and credit questions (English and Chinese) answer in text and leave the timeline version unchanged', async () => {
    const { token, sid } = await sessionWithClip();
    await runSse(srv.url, token, sid, 'make it square');
    const state = await getState(srv.url, token, sid);
    const balance = (await call(srv.url, 'GET', '/api/credits/balance/simple', { token })).body.data as { available: number; frozen: number; total: number };

    for (const message of ['show tracks', 'status', '状态']) {
      const r = await runSse(srv.url, token, sid, message);
      expectWellFormedTurn(r);
      expect(functionCalls(r)).toEqual([]);
      const text = finalTexts(r).join('\n');
      // The track summary the state gives, and the bin by name.
      expect(text).toContain(state.summary);
      expect(text).toContain('phone.mp4');
      const now = await getState(srv.url, token, sid);
      expect(now.version_id).toBe(state.version_id);
      expect(now.draft).toEqual(state.draft);
    }
    expect(finalTexts(await runSse(srv.url, token, sid, '状态')).join('')).toMatch(/[\u4e00-\u9fff]/);

    for (const message of ['how many credits do I have', '我还有多少积分']) {
      const r = await runSse(srv.url, token, sid, message);
      expectWellFormedTurn(r);
      expect(functionCalls(r)).toEqual([]);
      const text = finalTexts(r).join('\n');
      expect(text).toContain(String(balance.available));
      expect(text).toContain(String(balance.total));
      const now = await getState(srv.url, token, sid);
      expect(now.version_id).toBe(state.version_id);
      expect(now.draft).toEqual(state.draft);
    }
    const afterBalance = (await call(srv.url, 'GET', '/api/credits/balance/simple', { token })).body.data;
    expect(afterBalance).toEqual(balance);
  });
});
