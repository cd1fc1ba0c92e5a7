// Every error code of PROTOCOL.md's Errors table over real HTTP, on every endpoint it can come
// from: the HTTP status agrees with the code, the answer is always the {code, message, data}
// envelope, and the message says what was wrong and what would be accepted. Refused uploads
// leave nothing on disk; refused turns leave the credits as they were.
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffmpeg, tempDir } from '../helpers/media.js';
import {
  call,
  newSession,
  newToken,
  phoneClip,
  runSse,
  startServer,
  upload,
  waitForRender,
  type ApiAnswer,
  type TestServer,
} from './harness.js';

const ACCEPTED = ['mp4', 'mov', 'avi', 'webm', 'mkv', 'jpg', 'png', 'gif', 'webp', 'mp3', 'wav', 'm4a', 'aac'];
const ATTRIBUTION = { 'x-skill-source': 'errors-test', 'x-skill-version': '9.8.7', 'x-skill-platform': 'cursor' };

/** The envelope, exactly its three keys, with the status that agrees with the code. */
function expectError(r: ApiAnswer, http: number, code: number): string {
  expect({ status: r.status, code: r.body.code }, r.body.message).toEqual({ status: http, code });
  expect(Object.keys(r.body).sort()).toEqual(['code', 'data', 'message']);
  expect(typeof r.body.message).toBe('string');
  expect(r.body.message.length).toBeGreaterThan(15);
  return r.body.message;
}

function expectOk(r: ApiAnswer): void {
  expect({ status: r.status, code: r.body.code }, r.body.message).toEqual({ status: 200, code: 0 });
}

const files = (dir: string) => readdirSync(dir).sort();
const tokenId = (s: TestServer, token: string) => s.server.ctx.store.tokens.verify(token)!.id;
const state = (s: TestServer, token: string, sid: string) => call(s.url, 'GET', `/api/state/nemo_agent/me/${sid}/latest`, { token });
const render = (s: TestServer, token: string, json: unknown, headers: Record<string, string> = {}) =>
  call(s.url, 'POST', '/api/render/proxy/lambda', { token, json, headers });
const runSseBody = (sid: unknown, parts: unknown = [{ text: 'make it square' }]) => ({
  app_name: 'nemo_agent',
  user_id: 'me',
  session_id: sid,
  new_message: { parts },
});

async function eventually<T>(what: string, fn: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`${what}: not seen within ${timeoutMs} ms`);
    await new Promise((res) => setTimeout(res, 25));
  }
}

/** A solid-colour clip with a tone: cheap to make, and a file of any length. */
function colourClip(dir: string, name: string, seconds: number): string {
  const out = join(dir, name);
  ffmpeg([
    '-f', 'lavfi', '-i', `color=c=blue:s=360x640:r=30:d=${seconds}`,
    '-f', 'lavfi', '-i', `sine=frequency=330:sample_rate=48000:duration=${seconds}`,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', out,
  ]);
  return out;
}

const live: TestServer[] = [];
afterAll(async () => {
  for (const s of live.splice(0)) await s.close();
});
async function server(over: Parameters<typeof startServer>[0] = {}): Promise<TestServer> {
  const s = await startServer(over);
  live.push(s);
  return s;
}

let dir: string;
let clip: string; // 3 s, about 800 KB
beforeAll(() => {
  dir = tempDir('reelcut-errors-');
  clip = phoneClip(dir, 3);
});

describe('a server in its default mode', () => {
  let s: TestServer;
  let token: string;
  let sid: string; // has one clip
  let other: string; // another token
  let otherSid: string;
  const links: { mine?: string; others?: string } = {};

  beforeAll(async () => {
    s = await server();
    token = await newToken(s.url);
    sid = await newSession(s.url, token);
    expectOk(await upload(s.url, token, sid, [clip]));
    other = await newToken(s.url);
    otherSid = await newSession(s.url, other);
    expectOk(await upload(s.url, other, otherSid, [clip]));
    expectOk(await render(s, token, { id: 'render_ok', sessionId: sid }));
    expectOk(await render(s, other, { id: 'render_ok', sessionId: otherSid }));
    const mine = await waitForRender(s.url, token, 'render_ok');
    const theirs = await waitForRender(s.url, other, 'render_ok');
    expect([mine.body.data.status, theirs.body.data.status]).toEqual(['completed', 'completed']);
    links.mine = mine.body.data.output.url as string;
    links.others = theirs.body.data.output.url as string;
  });

  describe('400: a malformed request says what is wrong', () => {
    it('the anonymous-token call without X-Client-Id answers 400 naming the header', async () => {
      const r = await call(s.url, 'POST', '/api/auth/anonymous-token');
      expect(expectError(r, 400, 400)).toMatch(/X-Client-Id/);
      expect(r.body.data).toBeNull();
    });

    it('a body that is not valid JSON answers 400 saying so and asking for a JSON object, on every JSON endpoint', async () => {
      const bad = { body: '{"session_id": ', headers: { 'content-type': 'application/json' } };
      for (const [method, path] of [
        ['POST', '/api/tasks/me/with-session/nemo_agent'],
        ['POST', '/run_sse'],
        ['POST', '/api/render/proxy/lambda'],
        ['POST', `/api/upload-video/nemo_agent/me/${sid}`],
      ] as const) {
        const m = expectError(await call(s.url, method, path, { token, ...bad }), 400, 400);
        expect(m, path).toMatch(/not valid JSON/i);
        expect(m, path).toMatch(/send .*JSON object/i);
      }
    });

    it('a body field of the wrong type answers 400 naming the field and the type it takes', async () => {
      const cases: Array<[string, string, unknown, RegExp]> = [
        ['/run_sse', 'session_id', runSseBody(42), /expected string/],
        ['/run_sse', 'new_message.parts', runSseBody(sid, 'make it square'), /expected array/],
        ['/api/render/proxy/lambda', 'sessionId', { sessionId: 42 }, /expected string/],
        [`/api/upload-video/nemo_agent/me/${sid}`, 'urls', { urls: 42 }, /expected array/],
        ['/api/tasks/me/with-session/nemo_agent', 'task_name', { task_name: 7 }, /expected string/],
      ];
      for (const [path, field, json, accepts] of cases) {
        const m = expectError(await call(s.url, 'POST', path, { token, json }), 400, 400);
        expect(m, path).toContain(`${field}:`);
        expect(m, path).toMatch(accepts);
      }
    });

    it('a /run_sse message with no text answers 400 naming new_message.parts, before any stream', async () => {
      for (const parts of [[{}], [{ text: '   ' }], []]) {
        const r = await call(s.url, 'POST', '/run_sse', { token, json: runSseBody(sid, parts), headers: { accept: 'text/event-stream' } });
        expect(r.headers.get('content-type')).toMatch(/^application\/json/);
        const m = expectError(r, 400, 400);
        expect(m).toContain('new_message.parts');
        expect(m).toMatch(/text/);
      }
    });

    it('a render of a session whose timeline is empty answers 400 saying to upload first, and queues nothing', async () => {
      const empty = await newSession(s.url, token);
      const m = expectError(await render(s, token, { sessionId: empty }), 400, 400);
      expect(m).toMatch(/no clips/);
      expect(m).toMatch(/upload/);
      expect(s.server.ctx.store.jobs.listForSession(tokenId(s, token), empty)).toEqual([]);
    });

    it('a render with an invalid draft answers 400 naming the draft path that is wrong', async () => {
      const draft = (await state(s, token, sid)).body.data.state.draft;
      const badIn = structuredClone(draft);
      badIn.t[0].sg[0].m.in_ms = 'zero';
      expect(expectError(await render(s, token, { sessionId: sid, draft: badIn }), 400, 400)).toMatch(/t\[0\]\.sg\[0\]\.m\.in_ms.*number/);
      const backwards = structuredClone(draft);
      backwards.t[0].sg[0].m.out_ms = 0;
      expect(expectError(await render(s, token, { sessionId: sid, draft: backwards }), 400, 400)).toMatch(/t\[0\]\.sg\[0\]\.m.*out_ms > in_ms/);
      const noTracks = structuredClone(draft);
      delete noTracks.t;
      expect(expectError(await render(s, token, { sessionId: sid, draft: noTracks }), 400, 400)).toMatch(/: t is required/);
      expect(s.server.ctx.store.jobs.listForSession(tokenId(s, token), sid).map((j) => j.name)).toEqual(['render_ok']);
    });

    it("a render draft naming media that is not in the session's bin answers 400 naming the media", async () => {
      const draft = (await state(s, token, sid)).body.data.state.draft;
      draft.t[0].sg[0].m.media_id = 'm_00000000deadbeef';
      const m = expectError(await render(s, token, { sessionId: sid, draft }), 400, 400);
      expect(m).toContain('m_00000000deadbeef');
      expect(m).toMatch(/media bin/);
      expect(s.server.ctx.store.jobs.listForSession(tokenId(s, token), sid).map((j) => j.name)).toEqual(['render_ok']);
    });
  });

  it('in normal mode no endpoint needs the attribution headers', async () => {
    const t = await newToken(s.url);
    const session = await newSession(s.url, t);
    expectOk(await upload(s.url, t, session, [clip]));
    const turn = await runSse(s.url, t, session, 'make it square');
    expect(turn.status).toBe(200);
    expect(turn.events.at(-1)?.turn_complete).toBe(true);
    expectOk(await call(s.url, 'GET', '/api/credits/balance/simple', { token: t }));
    expectOk(await state(s, t, session));
    expectOk(await render(s, t, { id: 'render_plain', sessionId: session }));
    expectOk(await call(s.url, 'GET', '/api/render/proxy/lambda/render_plain', { token: t }));
    expectOk(await call(s.url, 'DELETE', '/api/render/proxy/lambda/render_plain', { token: t }));
    // What was recorded for them: no attribution, and no request refused.
    const logged = s.server.ctx.store.requests.recent(500).filter((e) => e.token_id === tokenId(s, t));
    expect(logged.length).toBeGreaterThanOrEqual(7);
    expect(logged.every((e) => e.status === 200 && e.skill_source === null && e.skill_platform === null)).toBe(true);
  });

  describe('429: one anonymous token per client id per 7 days', () => {
    it('a second token for the same client id answers 429 with Retry-After of about 7 days; another client id still gets one', async () => {
      const client = randomUUID();
      expectOk(await call(s.url, 'POST', '/api/auth/anonymous-token', { headers: { 'x-client-id': client } }));
      const again = await call(s.url, 'POST', '/api/auth/anonymous-token', { headers: { 'x-client-id': client } });
      expect(expectError(again, 429, 429)).toMatch(/retry after \d+ s/);
      const retryAfter = again.headers.get('retry-after');
      expect(retryAfter).toMatch(/^\d+$/);
      const week = 7 * 24 * 3600;
      expect(Number(retryAfter)).toBeGreaterThan(week - 600);
      expect(Number(retryAfter)).toBeLessThanOrEqual(week);
      const fresh = await call(s.url, 'POST', '/api/auth/anonymous-token', { headers: { 'x-client-id': randomUUID() } });
      expectOk(fresh);
      expect(fresh.body.data.token).toMatch(/\S{40,}/);
    });
  });

  describe('1001: a bad or expired token', () => {
    it('every authenticated endpoint answers 1001/401 with no token, a malformed one, an unknown one and an expired one', async () => {
      const expired = s.server.ctx.store.tokens.issue(randomUUID(), { lifetimeMs: 1 });
      s.server.ctx.store.credits.grant(expired.id, 100, 'test');
      await new Promise((res) => setTimeout(res, 20));
      const auths: Array<[string, Record<string, string>]> = [
        ['none', {}],
        ['not Bearer', { authorization: `Basic ${Buffer.from('me:pw').toString('base64')}` }],
        ['no scheme', { authorization: token }],
        ['empty Bearer', { authorization: 'Bearer ' }],
        ['unknown', { authorization: `Bearer rc_${randomBytes(32).toString('base64url')}` }],
        ['expired', { authorization: `Bearer ${expired.token}` }],
      ];
      const tinyForm = () => {
        const f = new FormData();
        f.append('files', new Blob(['x'.repeat(100)]), 'a.mp4');
        return f;
      };
      const endpoints: Array<[string, string, { json?: unknown; body?: () => BodyInit }]> = [
        ['POST', '/api/tasks/me/with-session/nemo_agent', { json: { task_name: 'project' } }],
        ['POST', `/api/upload-video/nemo_agent/me/${sid}`, { body: tinyForm }],
        ['POST', '/run_sse', { json: runSseBody(sid) }],
        ['GET', '/api/credits/balance/simple', {}],
        ['GET', `/api/state/nemo_agent/me/${sid}/latest`, {}],
        ['POST', '/api/render/proxy/lambda', { json: { id: 'render_denied', sessionId: sid } }],
        ['GET', '/api/render/proxy/lambda/render_ok', {}],
        ['DELETE', '/api/render/proxy/lambda/render_ok', {}],
      ];
      const before = (await state(s, token, sid)).body.data.state;
      for (const [method, path, b] of endpoints) {
        for (const [why, headers] of auths) {
          const r = await call(s.url, method, path, { headers, ...(b.json ? { json: b.json } : {}), ...(b.body ? { body: b.body() } : {}) });
          const m = expectError(r, 401, 1001);
          expect(r.body.data, `${method} ${path} (${why})`).toBeNull();
          expect(m).toMatch(/token/);
          expect(m).toContain('/api/auth/anonymous-token');
        }
      }
      // None of them did anything.
      const after = (await state(s, token, sid)).body.data.state;
      expect(after.version_id).toBe(before.version_id);
      expect(after.video_infos).toHaveLength(1);
      expect(s.server.ctx.store.jobs.find(tokenId(s, token), 'render_denied')).toBeNull();
      expect((await call(s.url, 'GET', '/api/render/proxy/lambda/render_ok', { token })).body.data.status).toBe('completed');
      expect(files(join(s.dataDir, 'incoming'))).toEqual([]);
    });
  });

  describe('1002: a session that is not the token’s', () => {
    it('an unknown session id answers 1002/404 naming it on state, upload, run_sse and render', async () => {
      for (const unknown of ['s_does_not_exist', randomUUID()]) {
        const answers = [
          await state(s, token, unknown),
          await upload(s.url, token, unknown, [clip]),
          await call(s.url, 'POST', '/run_sse', { token, json: runSseBody(unknown), headers: { accept: 'text/event-stream' } }),
          await render(s, token, { sessionId: unknown }),
        ];
        for (const r of answers) {
          const m = expectError(r, 404, 1002);
          expect(m).toContain(unknown);
          expect(m).toContain('/api/tasks/me/with-session/nemo_agent');
        }
      }
      expect(files(join(s.dataDir, 'incoming'))).toEqual([]);
    });
  });

  describe('4001: unsupported files', () => {
    it('a text file named .mp4 answers 415/4001 listing the supported formats, and leaves no file', async () => {
      const session = await newSession(s.url, token);
      const media = files(join(s.dataDir, 'media'));
      const notes = join(dir, 'notes.mp4');
      writeFileSync(notes, 'These are my notes for the video, not a video at all.\n'.repeat(50));
      const m = expectError(await upload(s.url, token, session, [notes]), 415, 4001);
      expect(m).toContain('notes.mp4');
      for (const ext of ACCEPTED) expect(m).toContain(ext);
      expect(files(join(s.dataDir, 'media'))).toEqual(media);
      expect(files(join(s.dataDir, 'incoming'))).toEqual([]);
      expect((await state(s, token, session)).body.data.state.video_infos).toEqual([]);
    });

    it('random bytes named .mp4 answer 415/4001, and leave no file', async () => {
      const session = await newSession(s.url, token);
      const media = files(join(s.dataDir, 'media'));
      const noise = join(dir, 'noise.mp4');
      writeFileSync(noise, randomBytes(64 * 1024));
      const m = expectError(await upload(s.url, token, session, [noise]), 415, 4001);
      expect(m).toContain('noise.mp4');
      expect(m).toMatch(/Accepted: video \(mp4, mov, avi, webm, mkv\)/);
      expect(files(join(s.dataDir, 'media'))).toEqual(media);
      expect(files(join(s.dataDir, 'incoming'))).toEqual([]);
    });

    it('one bad file among several refuses the whole upload and keeps none of its files', async () => {
      const session = await newSession(s.url, token);
      const media = files(join(s.dataDir, 'media'));
      const notes = join(dir, 'second.mov');
      writeFileSync(notes, 'not a movie\n'.repeat(100));
      const m = expectError(await upload(s.url, token, session, [clip, notes, clip]), 415, 4001);
      expect(m).toContain('second.mov');
      expect(files(join(s.dataDir, 'media'))).toEqual(media);
      expect(files(join(s.dataDir, 'incoming'))).toEqual([]);
      const st = (await state(s, token, session)).body.data.state;
      expect(st.video_infos).toEqual([]);
      expect(st.draft.t[0].sg).toEqual([]);
    });
  });

  describe('404: unknown things', () => {
    it('an unknown route answers 404 in the JSON envelope naming the path', async () => {
      for (const [method, path] of [
        ['GET', '/api/nope'],
        ['POST', '/api/render/proxy/lambda/render_ok/extra'],
        ['PUT', '/api/credits/balance/simple'],
      ] as const) {
        for (const withToken of [true, false]) {
          const r = await call(s.url, method, path, withToken ? { token } : {});
          expect(r.headers.get('content-type')).toMatch(/^application\/json/);
          expect(expectError(r, 404, 404)).toContain(path);
        }
      }
    });

    it('an unknown render id answers 404 on poll and cancel', async () => {
      for (const method of ['GET', 'DELETE']) {
        const m = expectError(await call(s.url, method, '/api/render/proxy/lambda/render_never', { token }), 404, 404);
        expect(m).toContain('render_never');
      }
    });

    it('a download link with a bad signature, past its expiry or pointed at another render answers 404', async () => {
      const good = new URL(links.mine!);
      const jobId = good.pathname.split('/').pop()!;
      const res = await fetch(good);
      expect(res.status).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(10_000);

      const badSig = new URL(good);
      const sig = badSig.searchParams.get('sig')!;
      badSig.searchParams.set('sig', (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1));
      // Correctly signed, but for an expiry two days ago.
      const expired = new URL(good);
      const old = s.server.ctx.signer.sign(jobId, Date.now() - 2 * 24 * 3600 * 1000);
      expired.searchParams.set('exp', String(old.exp));
      expired.searchParams.set('sig', old.sig);
      // My signature on the other token's (completed) render.
      const tampered = new URL(good);
      tampered.pathname = new URL(links.others!).pathname;
      expect(tampered.pathname).not.toBe(good.pathname);
      const noSig = new URL(good);
      noSig.search = '';

      for (const u of [badSig, expired, tampered, noSig]) {
        const r = await fetch(u);
        expect(r.status, u.href).toBe(404);
        const body = (await r.json()) as { code: number; message: string; data: unknown };
        expect(body.code).toBe(404);
        expect(body.data).toBeNull();
        expect(body.message).toMatch(/unknown or has expired/);
      }
    });
  });

  it('DELETE cancels a queued render and a rendering one: both end cancelled with no file', async () => {
    const long = colourClip(dir, 'long.mp4', 30);
    const session = await newSession(s.url, token);
    expectOk(await upload(s.url, token, session, [long]));
    expectOk(await render(s, token, { id: 'render_long', sessionId: session }));
    expectOk(await render(s, token, { id: 'render_waiting', sessionId: session }));
    const poll = (id: string) => call(s.url, 'GET', `/api/render/proxy/lambda/${id}`, { token });
    // One worker: the second waits while the first encodes.
    const until = Date.now() + 60_000;
    for (;;) {
      const r = (await poll('render_long')).body.data;
      if (r.status === 'rendering' && r.progress > 0) break;
      expect(['queued', 'rendering'], 'the long render finished before it could be cancelled').toContain(r.status);
      if (Date.now() > until) throw new Error('render_long never made progress');
      await new Promise((res) => setTimeout(res, 50));
    }
    expect((await poll('render_waiting')).body.data.status).toBe('queued');

    const cancelWaiting = await call(s.url, 'DELETE', '/api/render/proxy/lambda/render_waiting', { token });
    expectOk(cancelWaiting);
    expect(cancelWaiting.body.data.status).toBe('cancelled');
    const cancelLong = await call(s.url, 'DELETE', '/api/render/proxy/lambda/render_long', { token });
    expectOk(cancelLong);
    expect(cancelLong.body.data.status).toBe('cancelled');

    await s.server.ctx.queue.idle();
    const tid = tokenId(s, token);
    for (const name of ['render_long', 'render_waiting']) {
      const r = (await poll(name)).body.data;
      expect({ name, status: r.status, url: r.output.url }).toEqual({ name, status: 'cancelled', url: null });
      const job = s.server.ctx.store.jobs.find(tid, name)!;
      expect(job.output_file).toBeNull();
      expect(files(join(s.dataDir, 'renders')).filter((f) => f.includes(job.id))).toEqual([]);
    }
    // Cancelling again changes nothing; the earlier completed render is untouched.
    expect((await call(s.url, 'DELETE', '/api/render/proxy/lambda/render_long', { token })).body.data.status).toBe('cancelled');
    expect((await poll('render_ok')).body.data.status).toBe('completed');
  });
});

describe('402: strict compatibility mode', () => {
  let s: TestServer;
  let token: string;
  let sid: string;

  beforeAll(async () => {
    s = await server({ strictCompat: true });
    token = await newToken(s.url);
    sid = await newSession(s.url, token);
    expectOk(await upload(s.url, token, sid, [clip]));
  });

  it('a render without the attribution headers answers 402 naming them, and queues nothing', async () => {
    const partial = { 'x-skill-source': ATTRIBUTION['x-skill-source'], 'x-skill-version': ATTRIBUTION['x-skill-version'] };
    for (const headers of [{}, partial]) {
      const m = expectError(await render(s, token, { id: 'render_blocked', sessionId: sid }, headers), 402, 402);
      for (const h of ['X-Skill-Source', 'X-Skill-Version', 'X-Skill-Platform']) expect(m).toContain(h);
    }
    expect(s.server.ctx.store.jobs.find(tokenId(s, token), 'render_blocked')).toBeNull();
  });

  it('a render with the attribution headers is accepted, and the request log and the job row record them', async () => {
    const r = await render(s, token, { id: 'render_attributed', sessionId: sid }, ATTRIBUTION);
    expectOk(r);
    expect(r.body.data).toMatchObject({ id: 'render_attributed' });
    const job = s.server.ctx.store.jobs.find(tokenId(s, token), 'render_attributed')!;
    expect([job.skill_source, job.skill_version, job.skill_platform]).toEqual(['errors-test', '9.8.7', 'cursor']);
    const logged = await eventually('the render request in the log', () =>
      s.server.ctx.store.requests.recent(100).find((e) => e.method === 'POST' && e.route === '/api/render/proxy/lambda' && e.status === 200),
    );
    expect(logged).toMatchObject({ token_id: tokenId(s, token), skill_source: 'errors-test', skill_version: '9.8.7', skill_platform: 'cursor' });
    // The refused ones were logged too, with what they (did not) send.
    const refused = s.server.ctx.store.requests.recent(100).filter((e) => e.route === '/api/render/proxy/lambda' && e.status === 402);
    expect(refused.map((e) => e.skill_platform)).toEqual([null, null]);
    expect(refused.map((e) => e.skill_source).sort()).toEqual(['errors-test', null].sort());
    expectOk(await call(s.url, 'DELETE', '/api/render/proxy/lambda/render_attributed', { token }));
  });

  it('every other endpoint works without the attribution headers', async () => {
    const t = await newToken(s.url);
    const session = await newSession(s.url, t);
    expectOk(await upload(s.url, t, session, [clip]));
    const turn = await runSse(s.url, t, session, 'make it square');
    expect(turn.status).toBe(200);
    expect(turn.text).toMatch(/1:1/);
    expect(turn.events.at(-1)?.turn_complete).toBe(true);
    expectOk(await call(s.url, 'GET', '/api/credits/balance/simple', { token: t }));
    expectOk(await state(s, t, session));
    expectOk(await render(s, t, { id: 'render_x', sessionId: session }, ATTRIBUTION));
    expectOk(await call(s.url, 'GET', '/api/render/proxy/lambda/render_x', { token: t }));
    expectOk(await call(s.url, 'DELETE', '/api/render/proxy/lambda/render_x', { token: t }));
  });
});

describe('2001: not enough credits', () => {
  it('an edit turn that costs more than the balance answers 402/2001 with a bind_url before any stream, and freezes nothing', async () => {
    const s = await server({ editCost: 150 });
    const token = await newToken(s.url);
    const sid = await newSession(s.url, token);
    expectOk(await upload(s.url, token, sid, [clip]));
    const balance = async () => (await call(s.url, 'GET', '/api/credits/balance/simple', { token })).body.data;
    const before = await balance();
    expect(before).toEqual({ available: 100, frozen: 0, total: 100 });
    const version = (await state(s, token, sid)).body.data.state.version_id;

    const r = await runSse(s.url, token, sid, 'make it square');
    expect(r.status).toBe(402);
    expect(r.contentType).toMatch(/^application\/json/);
    expect(r.events).toEqual([]);
    expect(Object.keys(r.error!).sort()).toEqual(['code', 'data', 'message']);
    expect(r.error!.code).toBe(2001);
    expect(r.error!.message).toMatch(/150/);
    expect(r.error!.message).toMatch(/100/);
    const bind = new URL(r.error!.data.bind_url as string);
    expect(bind.protocol).toBe('http:');
    expect(bind.host).toBe(new URL(s.url).host);
    // The link leads somewhere, without a token: a page saying how credits work on this server.
    const page = await fetch(bind);
    expect(page.status).toBe(200);
    const explained = (await page.json()) as { code: number; message: string; data: { cost_per_turn: number } };
    expect(explained.code).toBe(0);
    expect(explained.data.cost_per_turn).toBe(150);
    expect(explained.message).toMatch(/--edit-cost 0/);

    expect(await balance()).toEqual(before);
    expect((await state(s, token, sid)).body.data.state.version_id).toBe(version);
  });
});

describe('4002: files over the limit', () => {
  it('a clip over the configured limit answers 413/4002 naming the limit, with nothing left on disk, and the connection stays usable; one under it is taken', async () => {
    const s = await server({ maxUploadBytes: 200_000 });
    const token = await newToken(s.url);
    const sid = await newSession(s.url, token);
    const small = join(dir, 'small.mp4');
    ffmpeg(['-f', 'lavfi', '-i', 'color=c=red:s=180x320:r=15:d=1', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', small]);
    const sizes = [statSync(clip).size, statSync(small).size];
    expect(sizes[0]).toBeGreaterThan(200_000);
    expect(sizes[1]).toBeLessThan(200_000);

    const m = expectError(await upload(s.url, token, sid, [clip]), 413, 4002);
    expect(m).toContain('195.3 KB');
    expect(m).toMatch(/trim|compress/i);
    expect(files(join(s.dataDir, 'media'))).toEqual([]);
    expect(files(join(s.dataDir, 'incoming'))).toEqual([]);
    // A small file first, then the large one: the request is refused whole.
    expectError(await upload(s.url, token, sid, [small, clip]), 413, 4002);
    expect(files(join(s.dataDir, 'media'))).toEqual([]);
    expect(files(join(s.dataDir, 'incoming'))).toEqual([]);
    // The keep-alive connections that carried the refused uploads still serve the next requests
    // (a body left unread after a refusal used to stall them until the socket timed out).
    expect((await state(s, token, sid)).body.data.state.video_infos).toEqual([]);

    const ok = await upload(s.url, token, sid, [small]);
    expectOk(ok);
    expect(files(join(s.dataDir, 'media'))).toEqual([ok.body.data.files[0].media_id]);
  });
});
