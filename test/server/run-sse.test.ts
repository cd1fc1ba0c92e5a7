// POST /run_sse over real HTTP against an in-process server: heartbeats while a turn works, the
// stream cap, a client that goes away, how every turn ends, all-or-nothing turns, one turn at a
// time per session, strict compatibility's export rule, and body validation. A turn that takes
// a while without a render is one the rules hand to a language model: here a real HTTP server in
// the test that speaks OpenAI's chat-completions format and answers slowly.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { completion, fakeServers, llmConfigFor, type FakeServer } from '../planner/fake-openai-server.js';
import { probe, tempDir } from '../helpers/media.js';
import {
  call,
  downloadTo,
  getState,
  newSession,
  newToken,
  phoneClip,
  runSse,
  startServer,
  upload,
  type SseEvent,
  type SseResult,
  type TestServer,
} from './harness.js';
import type { ServerOptionsInput } from '../../src/server/index.js';

const serveModel = fakeServers();
const running: TestServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function server(over: Partial<ServerOptionsInput> = {}): Promise<TestServer> {
  const s = await startServer(over);
  running.push(s);
  return s;
}

let clip: string;
let workDir: string;
beforeAll(() => {
  workDir = tempDir('reelcut-run-sse-');
  clip = phoneClip(workDir, 3);
});

/** A token and a session whose timeline is the 3 s clip. */
async function sessionWithClip(s: TestServer): Promise<{ token: string; sid: string }> {
  const token = await newToken(s.url);
  const sid = await newSession(s.url, token);
  const up = await upload(s.url, token, sid, [clip]);
  if (up.body.code !== 0) throw new Error(`upload refused: ${JSON.stringify(up.body)}`);
  return { token, sid };
}

interface SlowModel {
  server: FakeServer;
  /** Model calls whose client hung up before the answer. */
  cancelled: number;
}

/** A chat-completions server that answers after `delayMs` with text and no tool calls. */
async function slowModel(delayMs: number): Promise<SlowModel> {
  const m = { cancelled: 0 } as SlowModel;
  m.server = await serveModel((_req, res) => {
    const timer = setTimeout(() => {
      if (res.destroyed) return;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(completion({ content: 'Nothing else to do.' })));
    }, delayMs);
    res.on('close', () => {
      if (res.writableEnded) return;
      clearTimeout(timer);
      m.cancelled++;
    });
  });
  return m;
}

async function eventually(what: string, cond: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`still not true after ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function credits(s: TestServer, token: string): Promise<{ available: number; frozen: number; total: number }> {
  const r = await call(s.url, 'GET', '/api/credits/balance/simple', { token });
  return r.body.data;
}

const calls = (r: SseResult) => r.events.flatMap((e) => e.content.parts.flatMap((p) => (p.function_call ? [p.function_call] : [])));
const responses = (r: SseResult) => r.events.flatMap((e) => e.content.parts.flatMap((p) => (p.function_response ? [p.function_response] : [])));
const textOf = (e: SseEvent | undefined) => (e?.content.parts ?? []).map((p) => p.text ?? '').join('');

/** PROTOCOL.md's ending: a (final, non-partial) text part, then an event with turn_complete and nothing else. */
function expectTextThenComplete(r: SseResult): void {
  expect(r.status).toBe(200);
  expect(r.contentType).toMatch(/^text\/event-stream/);
  expect(r.events.length).toBeGreaterThanOrEqual(2);
  const last = r.events.at(-1)!;
  const beforeLast = r.events.at(-2)!;
  expect(last.turn_complete).toBe(true);
  expect(last.content.parts).toEqual([]);
  expect(r.events.slice(0, -1).every((e) => !e.turn_complete)).toBe(true);
  expect(beforeLast.partial).toBe(false);
  expect(textOf(beforeLast).trim()).not.toBe('');
  // One invocation: every event of the turn carries the same id.
  expect(new Set(r.events.map((e) => e.invocation_id)).size).toBe(1);
}

/** Every function_call has exactly one function_response with its id and name, after it. */
function expectPairedCalls(r: SseResult): void {
  const seen = r.events.flatMap((e, i) => e.content.parts.map((p) => ({ i, p })));
  const callsAt = seen.filter((x) => x.p.function_call);
  const responsesAt = seen.filter((x) => x.p.function_response);
  expect(responsesAt.length).toBe(callsAt.length);
  for (const c of callsAt) {
    const match = responsesAt.filter((x) => x.p.function_response!.id === c.p.function_call!.id);
    expect(match.length).toBe(1);
    expect(match[0]!.p.function_response!.name).toBe(c.p.function_call!.name);
    expect(match[0]!.i).toBeGreaterThan(c.i);
  }
}

describe('heartbeat', () => {
  it('sends `: ping` comments while a slow model plans the turn, with no gap longer than a few heartbeat periods', async () => {
    const heartbeatMs = 100;
    const model = await slowModel(3000);
    const s = await server({ heartbeatMs, llm: llmConfigFor(model.server, { timeoutMs: 30_000 }) });
    const { token, sid } = await sessionWithClip(s);
    const eventsAt: number[] = [];
    const started = Date.now();
    const r = await runSse(s.url, token, sid, 'make it square with a vhs glitch effect', { onEvent: () => eventsAt.push(Date.now()) });
    expectTextThenComplete(r);
    expect(model.server.requests.length).toBe(1);
    const pings = r.comments.filter((c) => c.text === 'ping');
    // The model took 3 s before any event could be sent: pings covered that silence.
    const whilePlanning = pings.filter((p) => p.at <= eventsAt[0]!);
    expect(whilePlanning.length).toBeGreaterThanOrEqual(8);
    const items = [started, ...pings.map((p) => p.at), ...eventsAt].sort((a, b) => a - b);
    const gaps = items.slice(1).map((t, i) => t - items[i]!);
    expect(Math.max(...gaps)).toBeLessThan(10 * heartbeatMs);
    // The turn itself went through once the model answered.
    expect(r.text).toMatch(/Cropped to 1:1/);
  });
});

describe('the stream cap', () => {
  it('ends a turn that outlasts maxStreamMs with a text saying it stopped, then turn_complete, and saves nothing', async () => {
    const model = await slowModel(10_000);
    const s = await server({ maxStreamMs: 1000, editCost: 1, llm: llmConfigFor(model.server, { timeoutMs: 30_000 }) });
    const { token, sid } = await sessionWithClip(s);
    const before = await getState(s.url, token, sid);
    const started = Date.now();
    const r = await runSse(s.url, token, sid, 'make it square with a vhs glitch effect');
    const elapsed = Date.now() - started;
    // Ran until the cap, and ended well before the model would have answered (10 s).
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(6000);
    expectTextThenComplete(r);
    const stopped = textOf(r.events.at(-2));
    expect(stopped).toMatch(/stopped after 1 second\b/);
    expect(stopped).toMatch(/nothing of it was saved/);
    expect(calls(r)).toEqual([]);
    const after = await getState(s.url, token, sid);
    expect(after.version_id).toBe(before.version_id);
    expect(after.draft).toEqual(before.draft);
    // The model call was abandoned, and the credits frozen for the turn went back.
    await eventually('the model call is cancelled', () => model.cancelled === 1);
    expect(await credits(s, token)).toMatchObject({ available: 100, frozen: 0 });
  });
});

describe('client disconnect', () => {
  it('cancels the turn: the timeline is unchanged, no credits stay frozen, and the next turn on the session runs', async () => {
    const model = await slowModel(5000);
    const s = await server({ editCost: 1, llm: llmConfigFor(model.server, { timeoutMs: 30_000 }) });
    const { token, sid } = await sessionWithClip(s);
    const before = await getState(s.url, token, sid);
    const ac = new AbortController();
    const turn = runSse(s.url, token, sid, 'make it square with a vhs glitch effect', { signal: ac.signal }).then(
      () => null,
      (e: unknown) => e,
    );
    await eventually('the turn reaches the model', () => model.server.requests.length === 1);
    expect(await credits(s, token)).toMatchObject({ available: 99, frozen: 1 });
    ac.abort();
    expect(await turn).toBeInstanceOf(Error);

    await eventually('the server abandons the model call', () => model.cancelled === 1);
    await eventually('the frozen credit is released', async () => (await credits(s, token)).frozen === 0);
    expect(await credits(s, token)).toMatchObject({ available: 100, frozen: 0, total: 100 });
    const after = await getState(s.url, token, sid);
    expect(after.version_id).toBe(before.version_id);
    expect(after.draft).toEqual(before.draft);

    // The session lock was released: a turn that needs no model goes straight through.
    const next = await runSse(s.url, token, sid, 'make it square');
    expectTextThenComplete(next);
    expect(next.text).toMatch(/Cropped to 1:1/);
    const done = await getState(s.url, token, sid);
    expect(done.version_id).not.toBe(before.version_id);
    expect(done.draft.m.format.aspect).toBe('1:1');
    expect(await credits(s, token)).toMatchObject({ available: 99, frozen: 0 });
    expect(model.server.requests.length).toBe(1);
  });
});

describe('every turn ends with text, then turn_complete', () => {
  // One rules-only server for these turns, each on a fresh session.
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer();
  });
  afterAll(() => s.close());

  it('an edit: one call/response pair, the reply and the track summary, a new version', async () => {
    const { token, sid } = await sessionWithClip(s);
    const before = await getState(s.url, token, sid);
    const r = await runSse(s.url, token, sid, 'make it square');
    expectTextThenComplete(r);
    expectPairedCalls(r);
    expect(calls(r).map((c) => c.name)).toEqual(['set_aspect']);
    expect(responses(r)[0]!.response).toMatchObject({ ok: true });
    expect(r.text).toMatch(/Cropped to 1:1/);
    const after = await getState(s.url, token, sid);
    expect(r.text).toContain(`Timeline: ${after.summary}`);
    expect(after.version_id).not.toBe(before.version_id);
    expect(after.draft.m.format.aspect).toBe('1:1');
  });

  it.each([
    ['a greeting ("hello")', 'hello', /unchanged/],
    ['a question ("what size is a reel?")', 'what size is a reel?', /1080×1920/],
    ['an edit of a clip that does not exist ("delete clip 9")', 'delete clip 9', /no clip 9/],
  ])('%s: no operations, a text that says why, the timeline unchanged', async (_name, message, says) => {
    const { token, sid } = await sessionWithClip(s);
    const before = await getState(s.url, token, sid);
    const r = await runSse(s.url, token, sid, message);
    expectTextThenComplete(r);
    expect(calls(r)).toEqual([]);
    expect(r.text).toMatch(says);
    expect(r.text).toMatch(/timeline is unchanged|Say "make it 9:16"/);
    const after = await getState(s.url, token, sid);
    expect(after.version_id).toBe(before.version_id);
    expect(after.draft).toEqual(before.draft);
  });

  it('a Chinese edit ("改成黑白") answers in Chinese and applies the black-and-white filter', async () => {
    const { token, sid } = await sessionWithClip(s);
    const r = await runSse(s.url, token, sid, '改成黑白');
    expectTextThenComplete(r);
    expectPairedCalls(r);
    expect(calls(r)).toEqual([expect.objectContaining({ name: 'apply_filter', args: { name: 'bw' } })]);
    expect(r.text).toMatch(/黑白/);
    expect(r.text).toMatch(/时间线/);
    const after = await getState(s.url, token, sid);
    expect(after.draft.m.format.filters.map((f: { name: string }) => f.name)).toEqual(['bw']);
  });

  it('a multi-operation turn streams every call/response pair and its summary lists the tracks', async () => {
    const { token, sid } = await sessionWithClip(s);
    const r = await runSse(s.url, token, sid, 'make it black and white, add the title "Hi" and add lofi music');
    expectTextThenComplete(r);
    expectPairedCalls(r);
    expect(calls(r).map((c) => c.name)).toEqual(['apply_filter', 'add_text', 'add_music']);
    expect(responses(r).every((x) => x.response.ok === true)).toBe(true);
    expect(r.text).toMatch(/1\. Video: .*2\. BGM: .*3\. Title: "Hi"/);
    const after = await getState(s.url, token, sid);
    expect(r.text).toContain(after.summary);
    expect(after.draft.t.map((t: { tt: number }) => t.tt).sort()).toEqual([0, 1, 7]);
  });
});

describe('a turn applies all its operations or none', () => {
  it('an impossible second edit leaves the first unapplied: the draft is identical and the text says why', async () => {
    const s = await server();
    const { token, sid } = await sessionWithClip(s);
    const before = await getState(s.url, token, sid);
    // 3 s of video cannot be trimmed to 10 s: the square crop before it must not stay.
    const r = await runSse(s.url, token, sid, 'make it square and trim it to 10 seconds');
    expectTextThenComplete(r);
    expectPairedCalls(r);
    expect(calls(r).map((c) => c.name)).toEqual(['set_aspect', 'set_duration']);
    expect(responses(r).map((x) => x.response.ok)).toEqual([true, false]);
    expect(r.text).toMatch(/None of this turn's edits were applied/);
    const after = await getState(s.url, token, sid);
    expect(after.version_id).toBe(before.version_id);
    expect(after.draft).toEqual(before.draft);
  });
});

describe('turns on one session are serialised', () => {
  it('a second turn sent while the first waits on the model runs after it, and both edits are kept', async () => {
    const model = await slowModel(1500);
    const s = await server({ llm: llmConfigFor(model.server, { timeoutMs: 30_000 }) });
    const { token, sid } = await sessionWithClip(s);
    const first = runSse(s.url, token, sid, 'make it square with a vhs glitch effect');
    await eventually('the first turn reaches the model', () => model.server.requests.length === 1);
    // Planned at once by the rules; without the lock it would commit first and the square would be lost.
    const second = runSse(s.url, token, sid, 'speed it up 2x');
    const [a, b] = await Promise.all([first, second]);
    for (const r of [a, b]) {
      expectTextThenComplete(r);
      expect(r.text).not.toMatch(/changed while this turn ran/);
    }
    expect(a.text).toMatch(/Cropped to 1:1/);
    expect(b.text).toMatch(/Sped up to 2×/);
    // The server's own clock: the second turn's first event came after the first turn ended.
    expect(b.events[0]!.timestamp).toBeGreaterThanOrEqual(a.events.at(-1)!.timestamp);
    const state = await getState(s.url, token, sid);
    expect(state.draft.m.format.aspect).toBe('1:1');
    expect(state.draft.t[0].sg[0].m.speed).toBe(2);
    expect(model.server.requests.length).toBe(1);
  });
});

describe('strict compatibility mode', () => {
  it('"export" in chat without attribution headers is refused in text and starts no render; with them it renders', async () => {
    const s = await server({ strictCompat: true });
    const { token, sid } = await sessionWithClip(s);

    const blocked = await runSse(s.url, token, sid, 'export');
    expectTextThenComplete(blocked);
    expect(blocked.text).toMatch(/Export is blocked/);
    expect(blocked.text).toMatch(/X-Skill-Source/);
    expect(calls(blocked)).toEqual([]);
    expect((await getState(s.url, token, sid)).generated_media).toEqual([]);

    const headers = { 'x-skill-source': 'reelcut-tests', 'x-skill-version': '1.0.0', 'x-skill-platform': 'unknown' };
    const r = await runSse(s.url, token, sid, 'export', { headers });
    expectTextThenComplete(r);
    expectPairedCalls(r);
    expect(calls(r).map((c) => c.name)).toEqual(['export_video']);
    const done = responses(r)[0]!.response as { status: string; url?: string };
    expect(done.status).toBe('completed');
    expect(r.text).toMatch(/Your video is ready/);
    expect(r.text).toContain(done.url!);
    const state = await getState(s.url, token, sid);
    expect(state.generated_media).toHaveLength(1);
    expect(state.generated_media[0]).toMatchObject({ status: 'completed', version_id: state.version_id });

    const out = join(workDir, 'strict-export.mp4');
    expect(await downloadTo(done.url!, out, token)).toMatchObject({ status: 200 });
    const p = probe(out);
    expect(p.streams.find((x) => x.codec_type === 'video')?.codec_name).toBe('h264');
    expect(Number(p.format.duration)).toBeCloseTo(3, 0);
  });
});

describe('body validation', () => {
  it('a run_sse without session_id answers 400 naming session_id', async () => {
    const s = await server();
    const token = await newToken(s.url);
    const r = await call(s.url, 'POST', '/run_sse', {
      token,
      json: { app_name: 'nemo_agent', user_id: 'me', new_message: { parts: [{ text: 'make it square' }] } },
      headers: { accept: 'text/event-stream' },
    });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe(400);
    expect(r.body.message).toMatch(/session_id/);
  });
});

describe('an edit said twice', () => {
  it('changes nothing the second time: no new undo step, no credits, and the text says it is already so', async () => {
    const s = await server({ editCost: 2 });
    const { token, sid } = await sessionWithClip(s);
    const first = await runSse(s.url, token, sid, 'make it square');
    expect(first.text).toMatch(/1:1/);
    const after = await getState(s.url, token, sid);
    const again = await runSse(s.url, token, sid, 'make it square');
    expect(again.events.at(-1)!.turn_complete).toBe(true);
    expect(again.text).toMatch(/already like that/);
    const still = await getState(s.url, token, sid);
    expect(still.version_id).toBe(after.version_id);
    const balance = (await call(s.url, 'GET', '/api/credits/balance/simple', { token })).body.data;
    expect(balance).toEqual({ available: 98, frozen: 0, total: 98 });
    // One undo takes back the one real change.
    await runSse(s.url, token, sid, 'undo');
    expect((await getState(s.url, token, sid)).draft.m.format.aspect).toBe('9:16');
  });
});
