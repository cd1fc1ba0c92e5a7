// A real HTTP server on 127.0.0.1 that takes OpenAI's `/v1/audio/transcriptions` multipart
// upload, so the speech engine is tested over a socket exactly as it talks to a real server.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

export interface ReceivedUpload {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The multipart fields, parsed by the platform's own FormData reader. */
  form: FormData | null;
}

export type Respond = (req: ReceivedUpload, res: ServerResponse) => void;

export interface FakeAsrServer {
  root: string;
  uploads: ReceivedUpload[];
  close(): Promise<void>;
}

async function startServer(respond: Respond): Promise<FakeAsrServer> {
  const uploads: ReceivedUpload[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        let form: FormData | null = null;
        try {
          const body = Buffer.concat(chunks);
          form = await new Response(body, { headers: { 'content-type': req.headers['content-type'] ?? '' } }).formData();
        } catch {
          // not multipart: the test sees null
        }
        const upload = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, form };
        uploads.push(upload);
        respond(upload, res);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    root: `http://127.0.0.1:${port}`,
    uploads,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A test file's servers: each one is closed after each test. */
export function fakeAsrServers(): (respond: Respond) => Promise<FakeAsrServer> {
  const servers: FakeAsrServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  return async (respond) => {
    const s = await startServer(respond);
    servers.push(s);
    return s;
  };
}

export function reply(status: number, body: string, contentType = 'application/json'): Respond {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': contentType });
    res.end(body);
  };
}

export const silent: Respond = () => {};

/** OpenAI's verbose_json answer with word timestamps. */
export function verboseJson(words: Array<[string, number, number]>, language = 'english'): string {
  return JSON.stringify({
    task: 'transcribe',
    language,
    duration: 3.2,
    text: words.map((w) => w[0]).join(' '),
    words: words.map(([word, start, end]) => ({ word, start, end })),
  });
}
