// The contract with an OpenAI-compatible transcription server, pinned against a real HTTP server
// on 127.0.0.1: what is uploaded, how verbose_json becomes words, and how each failure reads.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { asrServerConfigFromEnv, OpenAiAsrEngine } from '../../src/captions/index.js';
import { parseVerboseJson } from '../../src/captions/openai-asr.js';
import { ReelcutError } from '../../src/errors.js';
import { fakeAsrServers, reply, silent, verboseJson } from './fake-asr-server.js';

const serve = fakeAsrServers();
const dir = mkdtempSync(join(tmpdir(), 'reelcut-asr-'));
const wav = join(dir, 'speech.wav');
const audio = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4000, 7)]);
writeFileSync(wav, audio);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function engineFor(env: NodeJS.ProcessEnv): OpenAiAsrEngine {
  return new OpenAiAsrEngine(asrServerConfigFromEnv(env)!);
}

async function failureOf(p: Promise<unknown>): Promise<ReelcutError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ReelcutError);
  return e as ReelcutError;
}

describe('the upload', () => {
  it('POSTs the audio as multipart with the model, verbose_json, word granularity, language and key', async () => {
    const server = await serve(reply(200, verboseJson([['Hello', 0.5, 0.9], ['world', 1.0, 1.42]])));
    const engine = engineFor({ REELCUT_ASR_URL: server.root, REELCUT_ASR_API_KEY: 'sk-test', REELCUT_ASR_MODEL: 'large-v3' });
    const transcript = await engine.transcribe(wav, { language: 'en' });

    expect(server.uploads).toHaveLength(1);
    const up = server.uploads[0]!;
    expect(up.method).toBe('POST');
    expect(up.path).toBe('/v1/audio/transcriptions');
    expect(up.headers.authorization).toBe('Bearer sk-test');
    expect(up.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const form = up.form!;
    expect(form.get('model')).toBe('large-v3');
    expect(form.get('response_format')).toBe('verbose_json');
    expect(form.getAll('timestamp_granularities[]')).toEqual(['word']);
    expect(form.get('language')).toBe('en');
    const file = form.get('file') as File;
    expect(file.name).toBe('speech.wav');
    expect(Buffer.from(await file.arrayBuffer()).equals(audio)).toBe(true);

    expect(transcript).toEqual({
      language: 'en',
      words: [
        { text: 'Hello', start_ms: 500, end_ms: 900 },
        { text: 'world', start_ms: 1000, end_ms: 1420 },
      ],
    });
  });

  it('uses whisper-1, sends no key and no language unless given, and keeps the language the server names', async () => {
    const server = await serve(reply(200, verboseJson([['hi', 0, 0.3]], 'english')));
    const transcript = await engineFor({ REELCUT_ASR_URL: `${server.root}/v1/` }).transcribe(wav);
    const up = server.uploads[0]!;
    expect(up.headers.authorization).toBeUndefined();
    expect(up.form!.get('model')).toBe('whisper-1');
    expect(up.form!.has('language')).toBe(false);
    expect(transcript.language).toBe('english');
  });

  it('takes the server root, its /v1 or the endpoint itself', () => {
    for (const url of ['http://h:1', 'http://h:1/', 'http://h:1/v1', 'http://h:1/v1/audio/transcriptions']) {
      expect(asrServerConfigFromEnv({ REELCUT_ASR_URL: url })!.url).toBe('http://h:1/v1/audio/transcriptions');
    }
    expect(asrServerConfigFromEnv({ REELCUT_ASR_URL: '' })).toBeNull();
    expect(() => asrServerConfigFromEnv({ REELCUT_ASR_URL: 'ftp://h' })).toThrow(/http:\/\//);
  });
});

describe('reading verbose_json', () => {
  it('keeps a word probability as confidence and falls back to segments spread over their time', () => {
    expect(parseVerboseJson({ words: [{ word: ' hey', start: 0.1, end: 0.4, probability: 0.9 }] }, 'h')).toEqual({
      words: [{ text: 'hey', start_ms: 100, end_ms: 400, confidence: 0.9 }],
    });
    expect(parseVerboseJson({ language: 'zh', segments: [{ start: 1, end: 1.4, text: '你好吗' }] }, 'h').words).toEqual([
      { text: '你', start_ms: 1000, end_ms: 1133 },
      { text: '好', start_ms: 1133, end_ms: 1267 },
      { text: '吗', start_ms: 1267, end_ms: 1400 },
    ]);
  });

  it('gives an empty transcript for silence and refuses text without any times', () => {
    expect(parseVerboseJson({ text: '', words: [] }, 'h').words).toEqual([]);
    expect(() => parseVerboseJson({ text: 'hello' }, 'h')).toThrow(/timestamp_granularities/);
  });
});

describe('when the server fails', () => {
  it('HTTP 500: says so with the server\'s own message', async () => {
    const server = await serve(reply(500, JSON.stringify({ error: { message: 'model not loaded' } })));
    const e = await failureOf(engineFor({ REELCUT_ASR_URL: server.root }).transcribe(wav));
    expect(e.code).toBe('MODEL_FAILED');
    expect(e.message).toMatch(/answered HTTP 500: model not loaded/);
  });

  it('HTTP 401: points at REELCUT_ASR_API_KEY', async () => {
    const server = await serve(reply(401, 'unauthorized', 'text/plain'));
    const e = await failureOf(engineFor({ REELCUT_ASR_URL: server.root }).transcribe(wav));
    expect(e.message).toMatch(/HTTP 401: unauthorized \(check REELCUT_ASR_API_KEY\)/);
  });

  it('no answer within REELCUT_ASR_TIMEOUT_MS: a timeout that names the setting', async () => {
    const server = await serve(silent);
    const e = await failureOf(engineFor({ REELCUT_ASR_URL: server.root, REELCUT_ASR_TIMEOUT_MS: '300' }).transcribe(wav));
    expect(e.code).toBe('MODEL_FAILED');
    expect(e.message).toMatch(/did not answer within 0.3 s; raise REELCUT_ASR_TIMEOUT_MS/);
  });

  it('malformed JSON: says the answer is not JSON', async () => {
    const server = await serve(reply(200, '{"words": [oops'));
    const e = await failureOf(engineFor({ REELCUT_ASR_URL: server.root }).transcribe(wav));
    expect(e.message).toMatch(/not JSON: "\{\\"words\\": \[oops"/);
  });

  it('a word without times: names it', async () => {
    const server = await serve(reply(200, JSON.stringify({ words: [{ word: 'x' }] })));
    const e = await failureOf(engineFor({ REELCUT_ASR_URL: server.root }).transcribe(wav));
    expect(e.message).toMatch(/sent a word without text or times: \{"word":"x"\}/);
  });

  it('nothing listening: says it could not be reached', async () => {
    const server = await serve(silent);
    const root = server.root;
    await server.close();
    const e = await failureOf(engineFor({ REELCUT_ASR_URL: root }).transcribe(wav));
    expect(e.message).toMatch(/could not be reached \(ECONNREFUSED\)/);
  });

  it('cancelled by the caller: RENDER_CANCELLED, not a server failure', async () => {
    const server = await serve(silent);
    const ac = new AbortController();
    const p = engineFor({ REELCUT_ASR_URL: server.root }).transcribe(wav, { signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    expect((await failureOf(p)).code).toBe('RENDER_CANCELLED');
  });
});
