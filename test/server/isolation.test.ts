// Two tokens on one server: A works through a whole session (upload, edit, render), then B tries
// every route on A's things. Each answer is the one B would get for a thing that does not exist,
// and nothing of A's changes. Render ids are per token, and a draft a client sends can name
// media only by id in its own session's bin: a path written into it is never read.
import { randomUUID } from 'node:crypto';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffmpeg, pixelAt, probe, tempDir } from '../helpers/media.js';
import { call, newSession, newToken, phoneClip, runSse, startServer, upload, waitForRender, type ApiAnswer, type TestServer } from './harness.js';

let s: TestServer;
let dir: string;
let a: string; // A's token
let b: string; // B's token
let sidA: string;
let sidB: string;
let mediaA: string;
let mediaB: string;
let stateA: any; // A's state once A is done
let renderA: any; // A's completed render, as A polled it
let outside: string; // a red 6 s clip outside the data dir

const files = (d: string) => readdirSync(d).sort();
const tokenId = (token: string) => s.server.ctx.store.tokens.verify(token)!.id;
const state = (token: string, sid: string) => call(s.url, 'GET', `/api/state/nemo_agent/me/${sid}/latest`, { token });
const render = (token: string, json: unknown) => call(s.url, 'POST', '/api/render/proxy/lambda', { token, json });
const poll = (token: string, id: string) => call(s.url, 'GET', `/api/render/proxy/lambda/${id}`, { token });
const balance = async (token: string) => (await call(s.url, 'GET', '/api/credits/balance/simple', { token })).body.data;

function expectOk(r: ApiAnswer): void {
  expect({ status: r.status, code: r.body.code }, r.body.message).toEqual({ status: 200, code: 0 });
}

/** The same answer, word for word, as for an id that was never created. */
function expectSameAsUnknown(r: ApiAnswer, unknown: ApiAnswer, realId: string, unknownId: string): void {
  expect(r.status).toBe(unknown.status);
  expect(r.body).toEqual({ ...unknown.body, message: unknown.body.message.split(unknownId).join(realId) });
}

/** A solid-colour portrait clip with a tone. */
function colourClip(path: string, colour: string, seconds: number): string {
  ffmpeg([
    '-f', 'lavfi', '-i', `color=c=${colour}:s=360x640:r=30:d=${seconds}`,
    '-f', 'lavfi', '-i', `sine=frequency=550:sample_rate=48000:duration=${seconds}`,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', path,
  ]);
  return path;
}

async function download(url: string, token?: string): Promise<{ status: number; bytes: Buffer }> {
  const res = await fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
}

beforeAll(async () => {
  // An edit costs a credit here, so each ledger shows whose turns it paid for.
  s = await startServer({ editCost: 1 });
  dir = tempDir('reelcut-isolation-');
  const clipA = phoneClip(dir, 3, 'a-holiday.mp4');
  const clipB = colourClip(join(dir, 'b-blue.mp4'), 'blue', 3);
  outside = colourClip(join(tempDir('reelcut-outside-'), 'red-6s.mp4'), 'red', 6);

  a = await newToken(s.url);
  b = await newToken(s.url);
  sidA = await newSession(s.url, a);
  const up = await upload(s.url, a, sidA, [clipA]);
  expectOk(up);
  mediaA = up.body.data.files[0].media_id;
  const turn = await runSse(s.url, a, sidA, 'make it square');
  expect(turn.text).toMatch(/1:1/);
  expectOk(await render(a, { id: 'render_a', sessionId: sidA }));
  renderA = (await waitForRender(s.url, a, 'render_a')).body.data;
  expect(renderA.status).toBe('completed');
  stateA = (await state(a, sidA)).body.data.state;

  sidB = await newSession(s.url, b);
  const upB = await upload(s.url, b, sidB, [clipB]);
  expectOk(upB);
  mediaB = upB.body.data.files[0].media_id;
});

afterAll(async () => {
  await s?.close();
});

describe("B on A's session", () => {
  it("reading the state of A's session answers 1002, word for word as for a session that does not exist", async () => {
    const unknownId = randomUUID();
    const r = await state(b, sidA);
    expect([r.status, r.body.code]).toEqual([404, 1002]);
    expectSameAsUnknown(r, await state(b, unknownId), sidA, unknownId);
    expect(JSON.stringify(r.body)).not.toContain(mediaA);
  });

  it("uploading into A's session answers 1002 and A's bin is unchanged", async () => {
    const media = files(join(s.dataDir, 'media'));
    const r = await upload(s.url, b, sidA, [join(dir, 'b-blue.mp4')]);
    expect([r.status, r.body.code]).toEqual([404, 1002]);
    expect((await state(a, sidA)).body.data.state.video_infos).toEqual(stateA.video_infos);
    expect(files(join(s.dataDir, 'media'))).toEqual(media);
    expect(files(join(s.dataDir, 'incoming'))).toEqual([]);
  });

  it("an edit turn on A's session answers 1002 and A's timeline keeps its version", async () => {
    const r = await runSse(s.url, b, sidA, 'make it black and white');
    expect(r.status).toBe(404);
    expect(r.events).toEqual([]);
    expect(r.error!.code).toBe(1002);
    const after = (await state(a, sidA)).body.data.state;
    expect(after.version_id).toBe(stateA.version_id);
    expect(after.draft).toEqual(stateA.draft);
    // B paid nothing and holds nothing for the refused turn.
    expect(await balance(b)).toEqual({ available: 100, frozen: 0, total: 100 });
  });

  it("rendering A's session answers 1002 and queues nothing", async () => {
    const r = await render(b, { id: 'render_b_on_a', sessionId: sidA });
    expect([r.status, r.body.code]).toEqual([404, 1002]);
    expect(s.server.ctx.store.jobs.find(tokenId(b), 'render_b_on_a')).toBeNull();
    expect(s.server.ctx.store.jobs.listForSession(tokenId(a), sidA).map((j) => j.name)).toEqual(['render_a']);
  });

  it("polling or cancelling A's render id answers 404 as for an unknown render, and A's render stays completed", async () => {
    for (const method of ['GET', 'DELETE']) {
      const r = await call(s.url, method, '/api/render/proxy/lambda/render_a', { token: b });
      expect([r.status, r.body.code]).toEqual([404, 404]);
      expectSameAsUnknown(r, await call(s.url, method, '/api/render/proxy/lambda/render_zzz', { token: b }), 'render_a', 'render_zzz');
    }
    const mine = (await poll(a, 'render_a')).body.data;
    expect(mine.status).toBe('completed');
    expect(mine.version_id).toBe(renderA.version_id);
  });

  it("A's download link answers 404 with B's bearer token, and 200 with A's or with no token at all", async () => {
    const url = renderA.output.url as string;
    const onDisk = statSync(s.server.ctx.store.jobs.find(tokenId(a), 'render_a')!.output_file!).size;
    const asB = await download(url, b);
    expect(asB.status).toBe(404);
    expect(JSON.parse(asB.bytes.toString('utf8'))).toMatchObject({ code: 404, data: null });
    const asA = await download(url, a);
    const bare = await download(url);
    expect([asA.status, bare.status]).toEqual([200, 200]);
    expect([asA.bytes.length, bare.bytes.length]).toEqual([onDisk, onDisk]);
    const saved = join(dir, 'a-download.mp4');
    writeFileSync(saved, bare.bytes);
    const v = probe(saved).streams.find((x) => x.codec_type === 'video')!;
    expect(v.width).toBe(v.height); // A's square edit
  });

  it("B's credits are B's own: A's paid turn does not show on B's ledger", async () => {
    expect(await balance(a)).toEqual({ available: 99, frozen: 0, total: 99 });
    expect(await balance(b)).toEqual({ available: 100, frozen: 0, total: 100 });
  });

  it("a draft naming A's media, sent to render B's own session, answers 400: not in the bin", async () => {
    // A's whole draft, and B's own draft with its clip pointed at A's media.
    const stolen = structuredClone(stateA.draft);
    const pointed = structuredClone((await state(b, sidB)).body.data.state.draft);
    pointed.t[0].sg[0].m.media_id = mediaA;
    pointed.m.media = stateA.draft.m.media;
    for (const draft of [stolen, pointed]) {
      const r = await render(b, { id: 'render_stolen', sessionId: sidB, draft });
      expect([r.status, r.body.code]).toEqual([400, 400]);
      expect(r.body.message).toContain(mediaA);
      expect(r.body.message).toMatch(/not in this session's media bin/);
    }
    expect(s.server.ctx.store.jobs.find(tokenId(b), 'render_stolen')).toBeNull();
  });
});

describe('render ids and drafts', () => {
  it('the same render id used by A and B names two different renders', async () => {
    const r = await render(b, { id: 'render_a', sessionId: sidB });
    expectOk(r);
    // Not A's finished render handed back: a new one of B's.
    expect(['queued', 'rendering']).toContain(r.body.data.status);
    const theirs = (await waitForRender(s.url, b, 'render_a')).body.data;
    expect(theirs.status).toBe('completed');
    const jobA = s.server.ctx.store.jobs.find(tokenId(a), 'render_a')!;
    const jobB = s.server.ctx.store.jobs.find(tokenId(b), 'render_a')!;
    expect(jobB.id).not.toBe(jobA.id);
    expect([jobA.session_id, jobB.session_id]).toEqual([sidA, sidB]);
    expect(new URL(theirs.output.url).pathname).not.toBe(new URL(renderA.output.url).pathname);
    const mine = (await poll(a, 'render_a')).body.data;
    expect({ status: mine.status, version_id: mine.version_id, created_at: mine.created_at }).toEqual({
      status: 'completed',
      version_id: renderA.version_id,
      created_at: renderA.created_at,
    });
    // Each token's session lists only its own render.
    expect((await state(b, sidB)).body.data.state.generated_media.map((g: { id: string }) => g.id)).toEqual(['render_a']);
    expect((await state(a, sidA)).body.data.state.generated_media).toHaveLength(1);
  });

  it("a path written into a draft's media is never read: B's own upload is rendered", async () => {
    const draft = structuredClone((await state(b, sidB)).body.data.state.draft);
    expect(draft.m.media).toHaveLength(1);
    expect(draft.m.media[0].id).toBe(mediaB);
    expect(draft.m.media[0].path).toBeUndefined(); // the server never sends one
    draft.m.media[0].path = outside;
    draft.m.media[0].duration_ms = 6000;
    const r = await render(b, { id: 'render_path', sessionId: sidB, draft });
    expectOk(r);
    const done = (await waitForRender(s.url, b, 'render_path')).body.data;
    expect(done.status).toBe('completed');
    const got = await download(done.output.url as string);
    expect(got.status).toBe(200);
    const out = join(dir, 'b-path.mp4');
    writeFileSync(out, got.bytes);

    // B's upload is 3 s of blue; the file the draft named is 6 s of red.
    expect(Number(probe(out).format.duration)).toBeLessThan(4);
    const v = probe(out).streams.find((x) => x.codec_type === 'video')!;
    const [red, , blue] = pixelAt(out, 1.5, Math.floor(v.width! / 2), Math.floor(v.height! / 2));
    expect(blue).toBeGreaterThan(180);
    expect(red).toBeLessThan(60);
    // The stored job's timeline lists B's bin, with no path in it.
    const job = s.server.ctx.store.jobs.find(tokenId(b), 'render_path')!;
    expect(JSON.stringify(job.timeline)).not.toContain(outside);
  });
});
