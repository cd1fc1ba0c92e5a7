// A real HTTP server on 127.0.0.1 that speaks (just enough of) the OpenAI chat-completions wire
// format, so the language-model planner is tested over a socket exactly as it talks to Ollama.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import type { LlmConfig } from '../../src/planner/llm-config.js';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The body parsed as JSON, or the raw text when it is not JSON. */
  body: unknown;
}

export type Respond = (req: RecordedRequest, res: ServerResponse) => void;

export interface FakeServer {
  /** The server root, e.g. http://127.0.0.1:41234 */
  root: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startFakeServer(respond: Respond): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // keep the raw text
      }
      const recorded = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
      requests.push(recorded);
      respond(recorded, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    root: `http://127.0.0.1:${port}`,
    requests,
    // Drop open sockets too: a server that never answers keeps its connections otherwise.
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers every request with this status and JSON body. */
export function json(body: unknown, status = 200): Respond {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
}

/** Answers every request with this status and raw text. */
export function text(body: string, status = 200, contentType = 'text/plain'): Respond {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': contentType });
    res.end(body);
  };
}

/** Never answers: the request hangs until the client gives up. */
export const silent: Respond = () => {};

/** A chat-completions reply in OpenAI's format with these tool calls and content. */
export function completion(opts: {
  toolCalls?: Array<{ name: string; arguments: unknown }>;
  content?: string | null;
  model?: string;
  functionCall?: { name: string; arguments: unknown };
}): Record<string, unknown> {
  const message: Record<string, unknown> = { role: 'assistant', content: opts.content ?? null };
  if (opts.toolCalls) {
    message.tool_calls = opts.toolCalls.map((c, i) => ({
      id: `call_${i}`,
      type: 'function',
      function: { name: c.name, arguments: c.arguments },
    }));
  }
  if (opts.functionCall) message.function_call = opts.functionCall;
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: opts.model ?? 'qwen2.5:3b',
    choices: [{ index: 0, message, finish_reason: opts.toolCalls ? 'tool_calls' : 'stop' }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

/** A test file's fake servers: `serve(respond)` starts one, and every one is closed after each test. */
export function fakeServers(): (respond: Respond) => Promise<FakeServer> {
  const servers: FakeServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  return async (respond) => {
    const s = await startFakeServer(respond);
    servers.push(s);
    return s;
  };
}

/** The planner's model settings pointing at a fake server. */
export function llmConfigFor(server: FakeServer, extra: Partial<LlmConfig> = {}): LlmConfig {
  return { url: `${server.root}/v1/chat/completions`, model: 'qwen2.5:3b', timeoutMs: 5000, ...extra };
}
