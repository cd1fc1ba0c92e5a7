// The contract between reelcut and an OpenAI-compatible chat endpoint (Ollama, llama.cpp), pinned
// against a real HTTP server on 127.0.0.1: what is sent (and what is not), how tool calls become
// operations, and how each way a server can fail reaches the person.
import { describe, expect, it } from 'vitest';
import { ReelcutError } from '../../src/errors.js';
import { OPERATION_NAMES } from '../../src/operations/index.js';
import { llmConfigFromEnv } from '../../src/planner/llm-config.js';
import { planWithModel } from '../../src/planner/llm-planner.js';
import { completion, fakeServers, json, llmConfigFor, silent, startFakeServer, text } from './fake-openai-server.js';

const serve = fakeServers();

const cfg = llmConfigFor;

async function failureOf(p: Promise<unknown>): Promise<ReelcutError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ReelcutError);
  return e as ReelcutError;
}

const SUMMARY = 'video: clip 1 0–12 s, clip 2 12–20 s; music: none; text: none; 9:16 1080p 30 fps';

describe('the request sent to the model', () => {
  it('is a POST to /v1/chat/completions with the model, one function tool per operation and the Bearer key', async () => {
    const server = await serve(json(completion({ content: 'ok' })));
    const env = { REELCUT_LLM_URL: server.root, REELCUT_LLM_MODEL: 'llama3.2', REELCUT_LLM_API_KEY: 'sk-test-123' };
    await planWithModel('make it square', SUMMARY, llmConfigFromEnv(env)!);

    expect(server.requests).toHaveLength(1);
    const req = server.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/v1/chat/completions');
    expect(req.headers['content-type']).toMatch(/^application\/json/);
    expect(req.headers.authorization).toBe('Bearer sk-test-123');

    const body = req.body as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['messages', 'model', 'temperature', 'tool_choice', 'tools']);
    expect(body.model).toBe('llama3.2');
    expect(body.tool_choice).toBe('auto');
    expect(body.temperature).toBe(0);
    const tools = body.tools as Array<{ type: string; function: { name: string; description: string; parameters: Record<string, unknown> } }>;
    expect(tools.map((t) => t.function.name)).toEqual(OPERATION_NAMES);
    for (const t of tools) {
      expect(t.type).toBe('function');
      expect(Object.keys(t.function).sort()).toEqual(['description', 'name', 'parameters']);
      expect(t.function.description.length).toBeGreaterThan(10);
      expect(t.function.parameters.type).toBe('object');
      expect(t.function.parameters).not.toHaveProperty('$schema');
      expect(t.function.parameters.properties ?? {}).not.toHaveProperty('op');
    }
    const setAspect = tools.find((t) => t.function.name === 'set_aspect')!.function.parameters as {
      properties: Record<string, { enum?: string[] }>;
      required: string[];
    };
    expect(setAspect.properties.aspect!.enum).toContain('1:1');
    expect(setAspect.required).toEqual(['aspect']);
  });

  it('sends a system prompt on times and clip numbers, and a user turn of only the message and the summary', async () => {
    const server = await serve(json(completion({ content: 'ok' })));
    const message = "crop to 4:5 and add the title 'Sunset' for 3 seconds";
    await planWithModel(message, SUMMARY, cfg(server));

    const body = server.requests[0]!.body as { messages: Array<Record<string, unknown>> };
    expect(body.messages.map((m) => m.role)).toEqual(['system', 'user']);
    for (const m of body.messages) expect(Object.keys(m).sort()).toEqual(['content', 'role']);
    const system = body.messages[0]!.content as string;
    expect(system).toMatch(/reelcut/);
    expect(system).toMatch(/milliseconds/);
    expect(system).toMatch(/count from 1/);
    expect(system).toMatch(/one tool call per edit/);
    expect(system).toMatch(/no edit/);

    const user = body.messages[1]!.content as string;
    expect(user).toContain(message);
    expect(user).toContain(SUMMARY);
    // What is left once the message and the summary are taken out is a label, not media facts.
    const rest = user.replace(message, '').replace(SUMMARY, '');
    expect(rest.trim().length).toBeLessThan(30);
    expect(rest).not.toMatch(/[\\/.]|\d/);
  });

  it('sends no Authorization header without a key, and the bare message without a summary', async () => {
    const server = await serve(json(completion({ content: 'ok' })));
    await planWithModel('add lofi music', null, cfg(server));
    const req = server.requests[0]!;
    expect(req.headers.authorization).toBeUndefined();
    const body = req.body as { messages: Array<{ content: string }> };
    expect(body.messages[1]!.content).toBe('add lofi music');
  });
});

describe('tool calls become operations', () => {
  it('turns valid calls into operations in the order the model made them', async () => {
    const server = await serve(
      json(
        completion({
          model: 'qwen2.5:7b-instruct',
          toolCalls: [
            { name: 'set_aspect', arguments: '{"aspect":"1:1","fit":"fill"}' },
            { name: 'add_music', arguments: '{"query":"lofi","volume":0.3}' },
            { name: 'add_text', arguments: '{"text":"Urban Dreams","start_ms":0,"end_ms":3000}' },
          ],
        }),
      ),
    );
    const plan = await planWithModel('square, lofi at 30%, title Urban Dreams for 3 s', SUMMARY, cfg(server));
    expect(plan).toEqual({
      operations: [
        { op: 'set_aspect', aspect: '1:1', fit: 'fill' },
        { op: 'add_music', query: 'lofi', volume: 0.3 },
        { op: 'add_text', text: 'Urban Dreams', start_ms: 0, end_ms: 3000 },
      ],
      dropped: [],
      text: null,
      model: 'qwen2.5:7b-instruct',
    });
  });

  it('accepts arguments sent as an object, empty arguments for a tool without any, and the legacy function_call', async () => {
    const server = await serve(
      json(
        completion({
          toolCalls: [
            { name: 'set_speed', arguments: { factor: 2, clip: 2 } },
            { name: 'undo', arguments: '' },
            { name: 'normalize_audio', arguments: '{}' },
          ],
        }),
      ),
    );
    const plan = await planWithModel('clip 2 twice as fast, undo, even out the sound', null, cfg(server));
    expect(plan.operations).toEqual([{ op: 'set_speed', factor: 2, clip: 2 }, { op: 'undo' }, { op: 'normalize_audio' }]);
    expect(plan.dropped).toEqual([]);

    const legacy = await serve(json(completion({ functionCall: { name: 'rotate', arguments: '{"degrees":90}' } })));
    const plan2 = await planWithModel('rotate right', null, cfg(legacy));
    expect(plan2.operations).toEqual([{ op: 'rotate', degrees: 90 }]);
  });

  it('drops malformed JSON, unknown tools and schema-invalid arguments with reasons, keeping valid siblings', async () => {
    const server = await serve(
      json(
        completion({
          toolCalls: [
            { name: 'set_aspect', arguments: '{"aspect":"1:1"' },
            { name: 'add_music', arguments: '{"query":"lofi","volume":0.3}' },
            { name: 'make_viral', arguments: '{}' },
            { name: 'set_speed', arguments: '{"factor":10}' },
            { name: 'fade', arguments: '["out"]' },
            { name: 'set_aspect', arguments: '{"aspect":"1:1","fit":"fill"}' },
          ],
        }),
      ),
    );
    const plan = await planWithModel('whatever', null, cfg(server));
    expect(plan.operations).toEqual([
      { op: 'add_music', query: 'lofi', volume: 0.3 },
      { op: 'set_aspect', aspect: '1:1', fit: 'fill' },
    ]);
    expect(plan.dropped.map((d) => d.name)).toEqual(['set_aspect', 'make_viral', 'set_speed', 'fade']);
    const [badJson, unknown, invalid, notObject] = plan.dropped.map((d) => d.reason);
    expect(badJson).toMatch(/not valid JSON/);
    expect(unknown).toMatch(/not a reelcut operation/);
    expect(invalid).toMatch(/^set_speed: .*factor/);
    expect(notObject).toMatch(/not a JSON object/);
  });

  it('lets the tool name decide the operation even when the arguments carry an "op"', async () => {
    const server = await serve(json(completion({ toolCalls: [{ name: 'split', arguments: '{"op":"reset","at_ms":4000}' }] })));
    const plan = await planWithModel('split at 4', null, cfg(server));
    expect(plan.operations).toEqual([{ op: 'split', at_ms: 4000 }]);
  });

  it('returns no operations and the text when the model calls no tool', async () => {
    const server = await serve(json(completion({ content: '  Hi! Tell me an edit, like "make it square".  ' })));
    const plan = await planWithModel('hello there', SUMMARY, cfg(server));
    expect(plan).toEqual({
      operations: [],
      dropped: [],
      text: 'Hi! Tell me an edit, like "make it square".',
      model: 'qwen2.5:3b',
    });
  });
});

describe('failures reach the person as ReelcutErrors', () => {
  it('names the timeout when the server never answers, and gives up within about that time', async () => {
    const server = await serve(silent);
    const started = Date.now();
    const e = await failureOf(planWithModel('make it square', null, cfg(server, { timeoutMs: 300 })));
    const elapsed = Date.now() - started;
    expect(e.message).toBe(
      `the language model at ${server.root}/v1/chat/completions did not answer within 0.3 s; raise REELCUT_LLM_TIMEOUT_MS if it is just slow, or check that the server is up`,
    );
    expect(e.details).toMatchObject({ reason: 'timeout' });
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(5000);
    expect(server.requests).toHaveLength(1);
  });

  it("stops when the caller's signal aborts, before the timeout", async () => {
    const server = await serve(silent);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const e = await failureOf(planWithModel('make it square', null, cfg(server, { timeoutMs: 4000 }), controller.signal));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(e.message).toMatch(/cancelled/);
    expect(e.details).toMatchObject({ reason: 'cancelled' });
  });

  it('reports HTTP 500 with the status and an excerpt of the body', async () => {
    const server = await serve(text('llama runner crashed: out of memory while loading model', 500));
    const e = await failureOf(planWithModel('make it square', null, cfg(server)));
    expect(e.message).toMatch(/answered HTTP 500: llama runner crashed: out of memory/);
    expect(e.details).toMatchObject({ reason: 'http', status: 500 });
  });

  it("reports the server's own error message and a hint for an unknown model (Ollama's 404)", async () => {
    const server = await serve(json({ error: "model 'qwen9' not found, try pulling it first" }, 404));
    const e = await failureOf(planWithModel('make it square', null, cfg(server)));
    expect(e.message).toMatch(/HTTP 404: model 'qwen9' not found, try pulling it first; check REELCUT_LLM_URL and that REELCUT_LLM_MODEL/);
  });

  it('says so when the body is not JSON', async () => {
    const server = await serve(text('<html><body>Welcome to nginx</body></html>', 200, 'text/html'));
    const e = await failureOf(planWithModel('make it square', null, cfg(server)));
    expect(e.message).toMatch(/answered with something that is not JSON: <html><body>Welcome to nginx/);
    expect(e.details).toMatchObject({ reason: 'bad_reply' });
  });

  it('says so when the JSON has no choices', async () => {
    const server = await serve(json({ object: 'list', data: [] }));
    const e = await failureOf(planWithModel('make it square', null, cfg(server)));
    expect(e.message).toMatch(/replied without choices/);
  });

  it('says the server cannot be reached when nothing listens there', async () => {
    const server = await startFakeServer(silent);
    await server.close();
    const e = await failureOf(planWithModel('make it square', null, cfg(server)));
    expect(e.message).toMatch(/could not reach the language model at http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions \(ECONNREFUSED\)/);
    expect(e.details).toMatchObject({ reason: 'unreachable' });
  });

  it('reaches the endpoint from a hand-built config given as the server root', async () => {
    const server = await serve(json(completion({ toolCalls: [{ name: 'rotate', arguments: '{"degrees":180}' }] })));
    const plan = await planWithModel('upside down', null, { ...cfg(server), url: server.root });
    expect(server.requests[0]!.path).toBe('/v1/chat/completions');
    expect(plan.operations).toEqual([{ op: 'rotate', degrees: 180 }]);
  });

  it('refuses a URL with a password before sending anything, without showing the password', async () => {
    const server = await serve(json(completion({ content: 'ok' })));
    const url = `${server.root.replace('http://', 'http://user:hunter2@')}/v1/chat/completions`;
    const e = await failureOf(planWithModel('make it square', null, { ...cfg(server), url }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toMatch(/must not carry a user name or password; put the key in REELCUT_LLM_API_KEY/);
    expect(e.message).not.toContain('hunter2');
    expect(server.requests).toHaveLength(0);
  });
});

describe('llmConfigFromEnv', () => {
  const base = { REELCUT_LLM_MODEL: 'qwen2.5:3b' };

  it('is null unless both the URL and the model are set', () => {
    expect(llmConfigFromEnv({})).toBeNull();
    expect(llmConfigFromEnv({ REELCUT_LLM_URL: 'http://127.0.0.1:11434' })).toBeNull();
    expect(llmConfigFromEnv(base)).toBeNull();
    expect(llmConfigFromEnv({ ...base, REELCUT_LLM_URL: '  ' })).toBeNull();
  });

  it.each([
    ['http://127.0.0.1:11434', 'http://127.0.0.1:11434/v1/chat/completions'],
    ['http://127.0.0.1:11434/', 'http://127.0.0.1:11434/v1/chat/completions'],
    ['http://localhost:8080/v1', 'http://localhost:8080/v1/chat/completions'],
    ['http://localhost:8080/v1/', 'http://localhost:8080/v1/chat/completions'],
    ['http://localhost:8080/v1/chat/completions', 'http://localhost:8080/v1/chat/completions'],
    ['https://llm.example.com/proxy', 'https://llm.example.com/proxy/v1/chat/completions'],
    ['https://llm.example.com/openai/v1/chat/completions/', 'https://llm.example.com/openai/v1/chat/completions'],
  ])('normalises %s to the full endpoint', (given, endpoint) => {
    expect(llmConfigFromEnv({ ...base, REELCUT_LLM_URL: given })?.url).toBe(endpoint);
  });

  it('defaults the timeout to 8000 ms, reads a given one and passes the key on', () => {
    expect(llmConfigFromEnv({ ...base, REELCUT_LLM_URL: 'http://127.0.0.1:11434' })).toEqual({
      url: 'http://127.0.0.1:11434/v1/chat/completions',
      model: 'qwen2.5:3b',
      timeoutMs: 8000,
    });
    expect(
      llmConfigFromEnv({ ...base, REELCUT_LLM_URL: 'http://h:1', REELCUT_LLM_TIMEOUT_MS: '20000', REELCUT_LLM_API_KEY: 'sk-1' }),
    ).toEqual({ url: 'http://h:1/v1/chat/completions', model: 'qwen2.5:3b', timeoutMs: 20000, apiKey: 'sk-1' });
  });

  it.each(['abc', '0', '-5', '12s', 'Infinity', '1e3'])('refuses the timeout %j, saying what is accepted', (value) => {
    let e: unknown;
    try {
      llmConfigFromEnv({ ...base, REELCUT_LLM_URL: 'http://127.0.0.1:11434', REELCUT_LLM_TIMEOUT_MS: value });
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(ReelcutError);
    expect((e as ReelcutError).code).toBe('INVALID_INPUT');
    expect((e as ReelcutError).message).toMatch(/REELCUT_LLM_TIMEOUT_MS must be a number of milliseconds from 1 to \d+, e\.g\. 8000/);
  });

  it.each([
    ['ftp://127.0.0.1/models', /must start with http:\/\/ or https:\/\//],
    ['localhost:11434', /must start with http:\/\/ or https:\/\//],
    ['not a url', /is not a URL/],
    ['http://me:secret@127.0.0.1:11434', /must not carry a user name or password/],
  ])('refuses the URL %j', (url, message) => {
    let e: unknown;
    try {
      llmConfigFromEnv({ ...base, REELCUT_LLM_URL: url });
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(ReelcutError);
    expect((e as ReelcutError).code).toBe('INVALID_INPUT');
    expect((e as ReelcutError).message).toMatch(message);
  });
});
