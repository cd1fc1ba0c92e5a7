// Uploads over real HTTP: several files in one multipart request, kinds decided by content, files
// stored by media id only, the 500 MB limit enforced while streaming (nothing left on disk, nothing
// buffered whole), and URL uploads from a local HTTP server in the test (allowed only with
// --allow-private-urls, http(s) only, sizes, statuses and non-media refused).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffmpeg, tempDir } from '../helpers/media.js';
import { call, newSession, newToken, phoneClip, startServer, upload, type ApiAnswer, type TestServer } from './harness.js';
import { suiteServer } from './suite.js';

const MB = 1024 * 1024;

let dir: string;
let clip: string; // 3 s 360x640 H.264 + AAC
let png: string; // a PNG still
let m4a: string; // AAC audio in an MP4 (m4a) container

beforeAll(() => {
  dir = tempDir('reelcut-uploads-');
  clip = phoneClip(dir, 3, 'clip.mp4');
  png = join(dir, 'still.png');
  ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=320x240', '-frames:v', '1', png]);
  m4a = join(dir, 'tone.m4a');
  ffmpeg(['-f', 'lavfi', '-i', 'sine=frequency=330:sample_rate=48000:duration=2', '-c:a', 'aac', m4a]);
});

/** Multipart upload with the file names the test chooses (parts named `files`, in order). */
async function uploadAs(url: string, token: string, sid: string, files: Array<{ path: string; name: string }>): Promise<ApiAnswer> {
  const form = new FormData();
  for (const f of files) form.append('files', new Blob([readFileSync(f.path)]), f.name);
  return call(url, 'POST', `/api/upload-video/nemo_agent/me/${sid}`, { token, body: form });
}

function sha(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Every file (not folder) under `root`, as paths relative to it. */
function walk(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
    const p = rel ? join(rel, e.name) : e.name;
    if (e.isDirectory()) out.push(...walk(root, p));
    else out.push(p);
  }
  return out;
}

function filesIn(folder: string): string[] {
  return existsSync(folder) ? readdirSync(folder) : [];
}

async function state(url: string, token: string, sid: string): Promise<any> {
  const r = await call(url, 'GET', `/api/state/nemo_agent/me/${sid}/latest`, { token });
  expect(r.body.code).toBe(0);
  return r.body.data.state;
}

function firstClipMedia(draft: any): string | undefined {
  const video = (draft.t as any[]).find((t) => t.tt === 0);
  return video?.sg[0]?.m.media_id;
}

describe('multipart uploads', () => {
  const srv = suiteServer();

  it('takes several files in one request, in order, each kind decided by its content (a PNG named photo.mp4 is an image)', async () => {
    const token = await newToken(srv.url);
    const sid = await newSession(srv.url, token);
    const r = await uploadAs(srv.url, token, sid, [
      { path: m4a, name: 'tone.m4a' },
      { path: png, name: 'photo.mp4' },
      { path: clip, name: 'clip.mp4' },
    ]);
    expect(r.status).toBe(200);
    expect(r.body.code).toBe(0);
    const files = r.body.data.files as any[];
    expect(files.map((f) => [f.name, f.kind, f.index])).toEqual([
      ['tone.m4a', 'audio', 1],
      ['photo.mp4', 'image', 2],
      ['clip.mp4', 'video', 3],
    ]);
    expect(files[1]).toMatchObject({ width: 320, height: 240, size_bytes: statSync(png).size });
    expect(files[2]).toMatchObject({ width: 360, height: 640, has_audio: true, size_bytes: statSync(clip).size });
    expect(Math.abs(files[2].duration_ms - 3000)).toBeLessThan(150);
    expect(Math.abs(files[0].duration_ms - 2000)).toBeLessThan(150);
    expect(new Set(files.map((f) => f.media_id)).size).toBe(3);

    // The timeline was empty: its first clip is the first video or image (the PNG, not the audio).
    const s = await state(srv.url, token, sid);
    expect(s.video_infos.map((v: any) => [v.media_id, v.index])).toEqual(files.map((f) => [f.media_id, f.index]));
    const video = (s.draft.t as any[]).find((t) => t.tt === 0);
    expect(video.sg).toHaveLength(1);
    expect(firstClipMedia(s.draft)).toBe(files[1].media_id);

    // A later upload waits in the bin, numbered after the others; the timeline keeps its one clip.
    const later = await upload(srv.url, token, sid, [clip]);
    expect(later.body.code).toBe(0);
    expect(later.body.data.files.map((f: any) => [f.kind, f.index])).toEqual([['video', 4]]);
    const s2 = await state(srv.url, token, sid);
    expect(s2.video_infos.map((v: any) => v.index)).toEqual([1, 2, 3, 4]);
    expect((s2.draft.t as any[]).find((t) => t.tt === 0).sg).toHaveLength(1);
    expect(firstClipMedia(s2.draft)).toBe(files[1].media_id);
    expect(s2.version_id).toBe(s.version_id);
  });

  it('stores each file under <dataDir>/media named by its media id, byte for byte, never by the uploaded name', async () => {
    const token = await newToken(srv.url);
    const sid = await newSession(srv.url, token);
    const r = await uploadAs(srv.url, token, sid, [
      { path: clip, name: '../../evil.mp4' },
      { path: png, name: '旅行 vlog.mp4' },
    ]);
    expect(r.body.code).toBe(0);
    const files = r.body.data.files as any[];
    // Display names are kept, reduced to a safe base name.
    expect(files.map((f) => f.name)).toEqual(['evil.mp4', '旅行 vlog.mp4']);
    for (const f of files) expect(f.media_id).toMatch(/^[A-Za-z0-9_-]+$/);

    const media = join(srv.dataDir, 'media');
    expect(sha(join(media, files[0].media_id))).toBe(sha(clip));
    expect(sha(join(media, files[1].media_id))).toBe(sha(png));
    // No file anywhere under the data dir carries a client's name, and the path the name points
    // at (relative to where uploads land) was not written either.
    const all = walk(srv.dataDir);
    for (const p of all) {
      const base = p.split(/[\\/]/).pop()!;
      expect(['evil.mp4', '旅行 vlog.mp4', 'photo.mp4', 'clip.mp4']).not.toContain(base);
    }
    for (const from of [media, join(srv.dataDir, 'incoming')]) expect(existsSync(resolve(from, '../../evil.mp4'))).toBe(false);
    expect(filesIn(join(srv.dataDir, 'incoming'))).toEqual([]);
  });

  it('refuses a streamed 501 MB upload with 413 / 4002 under the default 500 MB limit, leaves nothing on disk and never holds the file in memory', async () => {
    expect(srv.server.ctx.opts.maxUploadBytes).toBe(500 * MB);
    const token = await newToken(srv.url);
    const sid = await newSession(srv.url, token);
    const mediaBefore = filesIn(join(srv.dataDir, 'media'));

    const fileBytes = 501 * MB;
    const boundary = `----reelcut${Date.now()}`;
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="huge.mp4"\r\nContent-Type: video/mp4\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const zeros = Buffer.alloc(MB); // one chunk, sent again and again: never 501 MB in this process
    let sent = 0;
    let head_sent = false;
    const body = new Readable({
      read() {
        if (!head_sent) {
          head_sent = true;
          this.push(head);
          return;
        }
        if (sent >= fileBytes) {
          this.push(tail);
          this.push(null);
          return;
        }
        const n = Math.min(zeros.length, fileBytes - sent);
        sent += n;
        this.push(n === zeros.length ? zeros : zeros.subarray(0, n));
      },
    });

    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    }, 20);

    const target = new URL(`${srv.url}/api/upload-video/nemo_agent/me/${sid}`);
    let sentAtAnswer = 0;
    const answer = await new Promise<{ status: number; body: any }>((res, rej) => {
      const req = http.request(target, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(head.length + fileBytes + tail.length),
        },
      });
      let answered = false;
      req.on('response', (r: IncomingMessage) => {
        answered = true;
        sentAtAnswer = sent;
        let text = '';
        r.setEncoding('utf8');
        r.on('data', (c: string) => (text += c));
        r.on('end', () => {
          body.unpipe(req);
          body.destroy();
          req.destroy();
          try {
            res({ status: r.statusCode ?? 0, body: JSON.parse(text) });
          } catch (e) {
            rej(e);
          }
        });
      });
      req.on('error', (e) => {
        if (!answered) rej(e);
      });
      body.pipe(req);
    });
    clearInterval(sampler);
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);

    expect(answer.status).toBe(413);
    expect(answer.body.code).toBe(4002);
    expect(answer.body.message).toContain('500 MB');
    expect(sentAtAnswer).toBeGreaterThan(500 * MB); // the refusal came from the bytes, not a header
    expect(filesIn(join(srv.dataDir, 'incoming'))).toEqual([]);
    expect(filesIn(join(srv.dataDir, 'media'))).toEqual(mediaBefore);
    const s = await state(srv.url, token, sid);
    expect(s.video_infos).toEqual([]);
    // Server and client share this process: growth anywhere near 500 MB would mean buffering.
    const grewMb = (rssPeak - rssBefore) / MB;
    console.log(`501 MB upload: rss grew by at most ${grewMb.toFixed(0)} MB; ${(sentAtAnswer / MB).toFixed(1)} MB sent when the answer came`);
    expect(grewMb).toBeLessThan(200);

    // The session is still usable afterwards.
    const ok = await upload(srv.url, token, sid, [clip]);
    expect(ok.body.code).toBe(0);
  });
});

describe('URL uploads', () => {
  let origin: http.Server;
  let base: string;
  let hits = 0;
  let clipBytes: Buffer;
  let allowed: TestServer; // --allow-private-urls
  let guarded: TestServer; // the default: private addresses refused
  let small: TestServer; // --allow-private-urls with a 64 KB limit
  const SMALL = 64 * 1024;

  beforeAll(async () => {
    clipBytes = readFileSync(clip);
    const notes = Buffer.from('these are notes, not a video\n'.repeat(200));
    origin = http.createServer((req: IncomingMessage, res: ServerResponse) => {
      hits++;
      switch (req.url) {
        case '/clip.mp4':
          res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': clipBytes.length });
          res.end(clipBytes);
          return;
        case '/moved':
          res.writeHead(302, { location: '/clip.mp4' });
          res.end();
          return;
        case '/notes.mp4':
          res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': notes.length });
          res.end(notes);
          return;
        case '/stream.mp4': {
          // No Content-Length: only counting the bytes as they come can stop this one.
          res.writeHead(200, { 'content-type': 'video/mp4' });
          let left = 40;
          const chunk = Buffer.alloc(16 * 1024);
          const pump = () => {
            while (left > 0) {
              left--;
              if (!res.write(chunk)) return void res.once('drain', pump);
            }
            res.end();
          };
          res.on('error', () => {});
          pump();
          return;
        }
        default:
          res.writeHead(404, { 'content-type': 'text/plain' });
          res.end('not here');
      }
    });
    await new Promise<void>((r) => origin.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
    [allowed, guarded, small] = await Promise.all([
      startServer({ allowPrivateUrls: true }),
      startServer(),
      startServer({ allowPrivateUrls: true, maxUploadBytes: SMALL }),
    ]);
    expect(clipBytes.length).toBeGreaterThan(SMALL);
  });
  afterAll(async () => {
    await Promise.all([allowed?.close(), guarded?.close(), small?.close()]);
    await new Promise<void>((r) => origin.close(() => r()));
  });

  async function urlUpload(srv: TestServer, urls: string[]): Promise<{ r: ApiAnswer; token: string; sid: string }> {
    const token = await newToken(srv.url);
    const sid = await newSession(srv.url, token);
    const r = await call(srv.url, 'POST', `/api/upload-video/nemo_agent/me/${sid}`, { token, json: { urls, source_type: 'url' } });
    return { r, token, sid };
  }

  function expectNothingLeft(srv: TestServer): void {
    expect(filesIn(join(srv.dataDir, 'incoming'))).toEqual([]);
    expect(filesIn(join(srv.dataDir, 'media'))).toEqual([]);
  }

  it('with --allow-private-urls a loopback URL is downloaded, probed and recorded with its URL as source', async () => {
    const { r, token, sid } = await urlUpload(allowed, [`${base}/clip.mp4`]);
    expect(r.status).toBe(200);
    expect(r.body.code).toBe(0);
    const [f] = r.body.data.files as any[];
    expect(f).toMatchObject({ name: 'clip.mp4', kind: 'video', width: 360, height: 640, has_audio: true, source: 'url', index: 1, size_bytes: clipBytes.length });
    expect(Math.abs(f.duration_ms - 3000)).toBeLessThan(150);
    expect(sha(join(allowed.dataDir, 'media', f.media_id))).toBe(sha(clip));
    const row = allowed.server.ctx.store.media.list(allowed.server.ctx.store.sessions.find(allowed.server.ctx.store.tokens.verify(token)!.id, sid)!.id)[0]!;
    expect(row.source).toBe(`${base}/clip.mp4`);
    const s = await state(allowed.url, token, sid);
    expect(s.video_infos.map((v: any) => v.media_id)).toEqual([f.media_id]);
    expect(firstClipMedia(s.draft)).toBe(f.media_id);
  });

  it('follows a redirect to the file', async () => {
    const { r } = await urlUpload(allowed, [`${base}/moved`]);
    expect(r.body.code).toBe(0);
    expect(r.body.data.files[0]).toMatchObject({ kind: 'video', size_bytes: clipBytes.length, source: 'url' });
  });

  it('without the flag refuses a loopback URL with 400, naming private addresses and --allow-private-urls, before connecting', async () => {
    const before = hits;
    for (const u of [`${base}/clip.mp4`, base.replace('127.0.0.1', 'localhost') + '/clip.mp4']) {
      const { r, token, sid } = await urlUpload(guarded, [u]);
      expect(r.status).toBe(400);
      expect(r.body.code).toBe(400);
      expect(r.body.message).toMatch(/private address/);
      expect(r.body.message).toContain('--allow-private-urls');
      expect((await state(guarded.url, token, sid)).video_infos).toEqual([]);
    }
    expect(hits).toBe(before);
    expectNothingLeft(guarded);
  });

  it('refuses ftp:// and file:// URLs, naming http and https', async () => {
    for (const u of ['ftp://127.0.0.1/clip.mp4', `file://${clip}`]) {
      const { r } = await urlUpload(allowed, [u]);
      expect(r.status).toBe(400);
      expect(r.body.code).toBe(400);
      expect(r.body.message).toMatch(/\bhttp\b/);
      expect(r.body.message).toMatch(/\bhttps\b/);
    }
  });

  it('answers 4001 / 415 for a URL whose content is not media, and keeps nothing', async () => {
    const srv = await startServer({ allowPrivateUrls: true });
    try {
      const { r, token, sid } = await urlUpload(srv, [`${base}/notes.mp4`]);
      expect(r.status).toBe(415);
      expect(r.body.code).toBe(4001);
      expect(r.body.message).toContain('notes.mp4');
      expect(r.body.message).toMatch(/mp4.*png.*mp3/s);
      expect((await state(srv.url, token, sid)).video_infos).toEqual([]);
      expectNothingLeft(srv);
    } finally {
      await srv.close();
    }
  });

  it('answers 4002 / 413 naming the limit when a URL declares or streams more than maxUploadBytes, and keeps nothing', async () => {
    for (const path of ['/clip.mp4', '/stream.mp4']) {
      const { r, token, sid } = await urlUpload(small, [`${base}${path}`]);
      expect(r.status).toBe(413);
      expect(r.body.code).toBe(4002);
      expect(r.body.message).toContain('64 KB');
      expect((await state(small.url, token, sid)).video_infos).toEqual([]);
    }
    expectNothingLeft(small);
  });

  it('answers 400 saying so when the URL answers 404', async () => {
    const { r } = await urlUpload(allowed, [`${base}/missing.mp4`]);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe(400);
    expect(r.body.message).toContain('404');
    expect(r.body.message).toContain('/missing.mp4');
  });

  it('is all or nothing: one bad URL among good ones records none of them', async () => {
    const srv = await startServer({ allowPrivateUrls: true });
    try {
      const { r, token, sid } = await urlUpload(srv, [`${base}/clip.mp4`, `${base}/notes.mp4`]);
      expect(r.body.code).toBe(4001);
      expect((await state(srv.url, token, sid)).video_infos).toEqual([]);
      expectNothingLeft(srv);
    } finally {
      await srv.close();
    }
  });
});
