// A real reelcut server for tests: started in this process on a random port over a temp data
// dir (or as a child process, for tests that kill it), and a small client that speaks
// PROTOCOL.md over real HTTP, SSE included.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { createServer, resolveServerOptions, type ReelcutServer, type ServerOptionsInput } from '../../src/server/index.js';
import { getFfmpeg } from '../../src/media/index.js';
import { ffmpeg, tempDir } from '../helpers/media.js';

export interface TestServer {
  url: string;
  dataDir: string;
  server: ReelcutServer;
  close(): Promise<void>;
}

/** An in-process server on 127.0.0.1 and a free port, quiet, over a fresh data dir. */
export async function startServer(over: Partial<ServerOptionsInput> = {}): Promise<TestServer> {
  const dataDir = over.dataDir ?? tempDir('reelcut-server-');
  const opts = resolveServerOptions({ port: 0, logger: false, ...over, dataDir });
  const server = await createServer(opts, await getFfmpeg());
  const url = await server.listen();
  return { url, dataDir, server, close: () => server.close() };
}

export interface ChildServer {
  url: string;
  child: ChildProcess;
  /** SIGKILL: the process dies at once, as a crash would. */
  kill(): Promise<void>;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
}

/** `bin/reelcut serve` as its own process (the built dist/), resolved once it says where it listens. */
export async function startChildServer(dataDir: string, extraArgs: string[] = []): Promise<ChildServer> {
  const child = spawn(process.execPath, [resolve('bin/reelcut'), 'serve', '--port', '0', '--data-dir', dataDir, '--quiet', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((res) => child.once('exit', () => res()));
  const url = await new Promise<string>((res, rej) => {
    let err = '';
    const timer = setTimeout(() => rej(new Error(`reelcut serve did not start in 30 s: ${err}`)), 30_000);
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      err += chunk;
      const m = /listening on (http:\/\/\S+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        res(m[1]!);
      }
    });
    child.once('exit', (code) => rej(new Error(`reelcut serve exited with ${code}: ${err}`)));
  });
  child.stdout!.resume();
  return {
    url,
    child,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface ApiAnswer<T = any> {
  status: number;
  headers: Headers;
  body: { code: number; message: string; data: T };
}

export interface CallOptions {
  token?: string;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
}

/** One JSON call; the envelope comes back parsed whatever the status. */
export async function call<T = any>(url: string, method: string, path: string, o: CallOptions = {}): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = { ...(o.headers ?? {}) };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  let body = o.body;
  if (o.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(o.json);
  }
  const res = await fetch(`${url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  let parsed: ApiAnswer<T>['body'];
  try {
    parsed = JSON.parse(text) as ApiAnswer<T>['body'];
  } catch {
    throw new Error(`${method} ${path} answered ${res.status} with a body that is not JSON: ${text.slice(0, 300)}`);
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

/** A fresh anonymous token (new client id each time). */
export async function newToken(url: string, clientId: string = randomUUID()): Promise<string> {
  const r = await call<{ token: string }>(url, 'POST', '/api/auth/anonymous-token', { headers: { 'x-client-id': clientId } });
  if (r.body.code !== 0) throw new Error(`anonymous token refused: ${JSON.stringify(r.body)}`);
  return r.body.data.token;
}

export async function newSession(url: string, token: string): Promise<string> {
  const r = await call<{ session_id: string }>(url, 'POST', '/api/tasks/me/with-session/nemo_agent', { token, json: { task_name: 'project', language: 'en' } });
  if (r.body.code !== 0) throw new Error(`session refused: ${JSON.stringify(r.body)}`);
  return r.body.data.session_id;
}

/** Multipart upload of files from disk (parts named `files`). */
export async function upload(url: string, token: string, sid: string, files: string[], headers: Record<string, string> = {}): Promise<ApiAnswer> {
  const form = new FormData();
  for (const f of files) form.append('files', new Blob([readFileSync(f)]), basename(f));
  return call(url, 'POST', `/api/upload-video/nemo_agent/me/${sid}`, { token, body: form, headers });
}

export interface SseEvent {
  id: string;
  invocation_id: string;
  author: string;
  timestamp: number;
  content: { role: string; parts: Array<{ text?: string; function_call?: { id: string; name: string; args: Record<string, unknown> }; function_response?: { id: string; name: string; response: Record<string, unknown> } }> };
  partial: boolean;
  turn_complete: boolean;
}

export interface SseResult {
  status: number;
  contentType: string | null;
  events: SseEvent[];
  /** SSE comment lines (heartbeats), in order, with when they arrived. */
  comments: Array<{ text: string; at: number }>;
  /** The JSON envelope when the server answered with an error instead of a stream. */
  error?: { code: number; message: string; data: any };
  /** Concatenated text parts. */
  text: string;
}

/** One /run_sse turn, read event by event exactly as a client does: `data:` lines, blank-line separated. */
export async function runSse(url: string, token: string, sid: string, text: string, o: { headers?: Record<string, string>; signal?: AbortSignal; onEvent?: (e: SseEvent) => void } = {}): Promise<SseResult> {
  const res = await fetch(`${url}/run_sse`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'text/event-stream', ...(o.headers ?? {}) },
    body: JSON.stringify({ app_name: 'nemo_agent', user_id: 'me', session_id: sid, new_message: { parts: [{ text }] } }),
    ...(o.signal ? { signal: o.signal } : {}),
  });
  const contentType = res.headers.get('content-type');
  if (!contentType?.startsWith('text/event-stream')) {
    return { status: res.status, contentType, events: [], comments: [], error: JSON.parse(await res.text()), text: '' };
  }
  const events: SseEvent[] = [];
  const comments: SseResult['comments'] = [];
  const decoder = new TextDecoder();
  let buf = '';
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buf += decoder.decode(chunk, { stream: true });
    let sep: number;
    while ((sep = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, sep);
      buf = buf.slice(sep + 2);
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) comments.push({ text: line.slice(1).trim(), at: Date.now() });
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
        else if (line.trim() !== '') throw new Error(`unexpected SSE line: ${line}`);
      }
      if (data.length > 0 && data.join('\n') !== '') {
        const ev = JSON.parse(data.join('\n')) as SseEvent;
        events.push(ev);
        o.onEvent?.(ev);
      }
    }
  }
  if (buf.trim() !== '') throw new Error(`the stream ended inside an event: ${buf}`);
  const textParts = events.flatMap((e) => e.content.parts.filter((p) => typeof p.text === 'string' && !e.partial).map((p) => p.text!));
  return { status: res.status, contentType, events, comments, text: textParts.join('\n') };
}

/** Polls a render until it finishes (or `timeoutMs` passes). */
export async function waitForRender(url: string, token: string, id: string, timeoutMs = 120_000): Promise<ApiAnswer> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await call(url, 'GET', `/api/render/proxy/lambda/${id}`, { token });
    if (r.body.code !== 0 || ['completed', 'failed', 'cancelled'].includes(r.body.data.status)) return r;
    if (Date.now() > until) throw new Error(`render ${id} still ${r.body.data.status} after ${timeoutMs} ms`);
    await new Promise((res) => setTimeout(res, 200));
  }
}

/** A small phone-like clip (portrait testsrc2 + a tone) with a name of the caller's choosing. */
export function phoneClip(dir: string, seconds = 4, name = `clip-${seconds}s.mp4`, size = '360x640'): string {
  const path = join(dir, name);
  ffmpeg([
    '-f', 'lavfi', '-i', `testsrc2=s=${size}:r=30:d=${seconds}`,
    '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', '-y', path,
  ]);
  return path;
}

export interface RenderPoll {
  /** Every poll answer's `data`, in order. */
  seen: any[];
  /** The answer that ended the poll. */
  last: ApiAnswer;
}

/**
 * Polls a render every `intervalMs` until `until(data)` holds, the render finishes, or the call
 * fails; keeps every answer so a test can read the statuses and progress it went through.
 */
export async function pollRender(url: string, token: string, id: string, o: { until?: (d: any) => boolean; intervalMs?: number; timeoutMs?: number } = {}): Promise<RenderPoll> {
  const until = Date.now() + (o.timeoutMs ?? 180_000);
  const seen: any[] = [];
  for (;;) {
    const r = await call(url, 'GET', `/api/render/proxy/lambda/${id}`, { token });
    if (r.body.code !== 0) return { seen, last: r };
    seen.push(r.body.data);
    if (o.until?.(r.body.data) || ['completed', 'failed', 'cancelled'].includes(r.body.data.status)) return { seen, last: r };
    if (Date.now() > until) throw new Error(`render ${id} still ${r.body.data.status} after ${o.timeoutMs ?? 180_000} ms`);
    await new Promise((res) => setTimeout(res, o.intervalMs ?? 100));
  }
}

/** The session's state (`data.state`), failing loudly when the server refuses. */
export async function getState(url: string, token: string, sid: string): Promise<any> {
  const r = await call(url, 'GET', `/api/state/nemo_agent/me/${sid}/latest`, { token });
  if (r.body.code !== 0) throw new Error(`state refused: ${JSON.stringify(r.body)}`);
  return r.body.data.state;
}

/** Downloads a URL (a render's signed link) to `path`; resolves with the response's status and type. */
export async function downloadTo(link: string, path: string, token?: string): Promise<{ status: number; contentType: string | null; bytes: number }> {
  const res = await fetch(link, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  const buf = Buffer.from(await res.arrayBuffer());
  if (res.ok) writeFileSync(path, buf);
  return { status: res.status, contentType: res.headers.get('content-type'), bytes: buf.length };
}

