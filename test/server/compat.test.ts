// What other clients of the cloud API send, taken as they send it: JSON content types on
// body-less calls, drafts as JSON strings, the `file` part name, extra fields the protocol
// does not name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join, resolve } from 'node:path';
import { tempDir, videoStream } from '../helpers/media.js';
import { call, newSession, newToken, phoneClip, startServer, waitForRender, type TestServer } from './harness.js';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';

let s: TestServer;
let clip: string;
beforeAll(async () => {
  s = await startServer();
  clip = phoneClip(tempDir('reelcut-compat-'), 3);
});
afterAll(async () => s.close());

describe('protocol clients as they are', () => {
  it('a body-less POST sent with Content-Type: application/json is taken as no body (token, session)', async () => {
    const tok = await fetch(`${s.url}/api/auth/anonymous-token`, { method: 'POST', headers: { 'x-client-id': crypto.randomUUID(), 'content-type': 'application/json' } });
    const t = (await tok.json()) as { code: number; data: { token: string; credits: number } };
    expect(t.code).toBe(0);
    expect(t.data.credits).toBe(100);
    const ses = await fetch(`${s.url}/api/tasks/me/with-session/nemo_agent`, { method: 'POST', headers: { authorization: `Bearer ${t.data.token}`, 'content-type': 'application/json' } });
    const body = (await ses.json()) as { code: number; data: { session_id: string } };
    expect(body.code).toBe(0);
    expect(body.data.session_id).toMatch(/[0-9a-f-]{36}/);
  });

  it('an upload part named "file", extra run_sse fields and a draft sent as a JSON string all work', async () => {
    const token = await newToken(s.url);
    const sid = await newSession(s.url, token);
    const form = new FormData();
    form.append('file', new Blob([readFileSync(clip)]), 'one.mp4');
    const up = await call(s.url, 'POST', `/api/upload-video/nemo_agent/me/${sid}`, { token, body: form });
    expect(up.body.code).toBe(0);
    expect(up.body.data.files).toHaveLength(1);

    const res = await fetch(`${s.url}/run_sse`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json; charset=utf-8', accept: 'text/event-stream' },
      body: JSON.stringify({ app_name: 'nemo_agent', user_id: 'someone-else', session_id: sid, streaming: true, new_message: { role: 'user', parts: [{ text: 'make it square' }] } }),
    });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(await res.text()).toMatch(/"turn_complete":true/);

    const st = await call(s.url, 'GET', `/api/state/nemo_agent/me/${sid}/latest`, { token });
    expect(st.body.data.state.draft.m.format.aspect).toBe('1:1');
    const posted = await call(s.url, 'POST', '/api/render/proxy/lambda', { token, json: { id: 'render_str', sessionId: sid, draft: JSON.stringify(st.body.data.state.draft) } });
    expect(posted.body.code).toBe(0);
    const done = await waitForRender(s.url, token, 'render_str');
    expect(done.body.data.status).toBe('completed');
    expect(done.body.data.version_id).toBe(st.body.data.state.version_id);

    const bad = await call(s.url, 'POST', '/api/render/proxy/lambda', { token, json: { sessionId: sid, draft: '{not json' } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/draft/);
  });

  it('a part named "files[]", session_id in a render body and a quality the cloud API spells otherwise are all taken', async () => {
    const token = await newToken(s.url);
    const sid = await newSession(s.url, token);
    const form = new FormData();
    form.append('files[]', new Blob([readFileSync(clip)]), 'brackets.mp4');
    const up = await call(s.url, 'POST', `/api/upload-video/nemo_agent/me/${sid}`, { token, body: form });
    expect(up.body.code).toBe(0);
    expect(up.body.data.files[0].name).toBe('brackets.mp4');
    const posted = await call(s.url, 'POST', '/api/render/proxy/lambda', { token, json: { id: 'render_snake', session_id: sid, output: { format: 'MP4', quality: '1080p', fps: 30 } } });
    expect(posted.body.code).toBe(0);
    expect((await waitForRender(s.url, token, 'render_snake')).body.data.status).toBe('completed');
    const webm = await call(s.url, 'POST', '/api/render/proxy/lambda', { token, json: { sessionId: sid, output: { format: 'webm' } } });
    expect(webm.status).toBe(400);
    expect(webm.body.message).toMatch(/output\.format.*mp4/);
  });

  it('the same render id posted twice is one render', async () => {
    const token = await newToken(s.url);
    const sid = await newSession(s.url, token);
    const form = new FormData();
    form.append('files', new Blob([readFileSync(clip)]), 'one.mp4');
    expect((await call(s.url, 'POST', `/api/upload-video/nemo_agent/me/${sid}`, { token, body: form })).body.code).toBe(0);
    const a = await call(s.url, 'POST', '/api/render/proxy/lambda', { token, json: { id: 'render_twice', sessionId: sid } });
    const b = await call(s.url, 'POST', '/api/render/proxy/lambda', { token, json: { id: 'render_twice', sessionId: sid } });
    expect(a.body.code).toBe(0);
    expect(b.body.code).toBe(0);
    await waitForRender(s.url, token, 'render_twice');
    const st = await call(s.url, 'GET', `/api/state/nemo_agent/me/${sid}/latest`, { token });
    expect(st.body.data.state.generated_media.map((g: { id: string }) => g.id)).toEqual(['render_twice']);
  });
});

describe('a client in another language', () => {
  it("Python's standard library alone runs the whole client flow: token, session, multipart, SSE, state, render, poll, download", async () => {
    const dir = tempDir('reelcut-pyclient-');
    const out = join(dir, 'from-python.mp4');
    // Asynchronously: the server runs in this process and must keep answering while Python talks to it.
    const r = await promisify(execFile)('python3', [resolve('test/server/clients/protocol_client.py'), s.url, clip, out], { encoding: 'utf8', timeout: 240_000 });
    expect(r.stderr).toBe('');
    const seen = JSON.parse(r.stdout) as Record<string, any>;
    expect(seen.token).toEqual({ status: 200, code: 0, credits: 100 });
    expect(seen.second_token).toEqual({ status: 429, code: 429 });
    expect(seen.session).toEqual({ status: 200, code: 0 });
    expect(seen.upload.code).toBe(0);
    expect(seen.upload.files[0]).toMatchObject({ name: 'py clip.mp4', kind: 'video', width: 360, height: 640 });
    expect(seen.sse_content_type).toMatch(/^text\/event-stream/);
    expect(seen.sse.last_turn_complete).toBe(true);
    expect(seen.sse.calls).toEqual(['set_aspect', 'apply_filter']);
    expect(seen.sse.texts.join(' ')).toMatch(/1:1/);
    expect(seen.state).toEqual({ aspect: '1:1', bin: 1 });
    expect(seen.render).toMatchObject({ status: 200, code: 0 });
    expect(seen.poll.final).toBe('completed');
    expect(seen.download).toEqual({ status: 200, type: 'video/mp4' });
    const v = videoStream(out);
    expect([v.codec_name, v.width, v.height]).toEqual(['h264', 1080, 1080]);
    // The attribution headers it sent were recorded with its render.
    const logged = s.server.ctx.store.requests.recent(200).filter((e) => e.skill_source === 'py-skill');
    expect(logged.length).toBeGreaterThanOrEqual(8);
    expect(new Set(logged.map((e) => e.skill_platform))).toEqual(new Set(['unknown']));
  });
});

describe('starting on a data dir a dead server left', () => {
  it('uploads that were still arriving when it died are removed at start', async () => {
    const dataDir = tempDir('reelcut-leftover-');
    mkdirSync(join(dataDir, 'incoming'), { recursive: true });
    writeFileSync(join(dataDir, 'incoming', 'upload-half-written'), Buffer.alloc(1024));
    const srv = await startServer({ dataDir });
    try {
      expect(readdirSync(join(dataDir, 'incoming'))).toEqual([]);
    } finally {
      await srv.close();
    }
  });
});
