// An OpenAI-compatible speech server (OpenAI, faster-whisper-server/speaches, LocalAI, a
// whisper.cpp server in OpenAI mode) at REELCUT_ASR_URL: one multipart POST of the audio to
// `/v1/audio/transcriptions` asking for `verbose_json` with word timestamps. Only the audio is
// sent. Servers that ignore the word granularity still give segments; their words are spread
// over each segment's time.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { invalidInput, ReelcutError } from '../errors.js';
import { envSetting, openAiEndpointUrl } from '../openai-endpoint.js';
import { captionTokens, spreadWords } from '../timeline/index.js';
import type { SpeechEngine, TranscribeOptions } from './engine.js';
import { secondsToMs, type Transcript, type TranscriptWord } from './transcript.js';

export interface AsrServerConfig {
  /** The full `/v1/audio/transcriptions` endpoint. */
  url: string;
  model: string;
  timeoutMs: number;
  apiKey?: string;
}

export const DEFAULT_ASR_MODEL = 'whisper-1';
// Transcribing a long video on a CPU-only server takes minutes, not seconds.
export const DEFAULT_ASR_TIMEOUT_MS = 600_000;


/** The server's settings, or null when REELCUT_ASR_URL is unset (or empty). */
export function asrServerConfigFromEnv(env: NodeJS.ProcessEnv): AsrServerConfig | null {
  const raw = envSetting(env, 'REELCUT_ASR_URL');
  if (raw === undefined) return null;
  const apiKey = envSetting(env, 'REELCUT_ASR_API_KEY');
  const rawTimeout = envSetting(env, 'REELCUT_ASR_TIMEOUT_MS');
  let timeoutMs = DEFAULT_ASR_TIMEOUT_MS;
  if (rawTimeout !== undefined) {
    timeoutMs = /^\d+$/.test(rawTimeout) ? Number(rawTimeout) : NaN;
    if (!(timeoutMs >= 1 && timeoutMs <= 86_400_000)) {
      throw invalidInput(`REELCUT_ASR_TIMEOUT_MS must be a whole number of milliseconds from 1 to 86400000; got ${JSON.stringify(rawTimeout)}.`);
    }
  }
  return {
    url: transcriptionsUrl(raw),
    model: envSetting(env, 'REELCUT_ASR_MODEL') ?? DEFAULT_ASR_MODEL,
    timeoutMs,
    ...(apiKey === undefined ? {} : { apiKey }),
  };
}

/** The transcriptions endpoint from a server root, its `/v1`, or the endpoint itself. */
export function transcriptionsUrl(raw: string): string {
  return openAiEndpointUrl(raw, {
    variable: 'REELCUT_ASR_URL',
    endpoint: '/audio/transcriptions',
    notUrlHint: "Give the speech server's address, e.g. http://127.0.0.1:8000.",
    schemeExample: '',
    keyHint: 'REELCUT_ASR_API_KEY.',
  });
}

function badReply(where: string, why: string): ReelcutError {
  return new ReelcutError('MODEL_FAILED', `The speech server at ${where} ${why}`, { engine: 'openai-compatible' });
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null;
}

/** The transcript in a `verbose_json` body; `where` names the server in errors. */
export function parseVerboseJson(body: unknown, where: string): Transcript {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badReply(where, 'answered with JSON that is not a transcription object.');
  }
  const { words, segments, language, text } = body as Record<string, unknown>;
  const out: TranscriptWord[] = [];
  if (Array.isArray(words) && words.length > 0) {
    for (const w of words) {
      const r = (typeof w === 'object' && w !== null ? w : {}) as Record<string, unknown>;
      const start = num(r.start);
      const end = num(r.end);
      if (typeof r.word !== 'string' || start === null || end === null) {
        throw badReply(where, `sent a word without text or times: ${JSON.stringify(w).slice(0, 120)}.`);
      }
      const word: TranscriptWord = { text: r.word.trim(), start_ms: secondsToMs(start), end_ms: Math.max(secondsToMs(start), secondsToMs(end)) };
      const p = num(r.probability);
      if (p !== null) word.confidence = Math.min(1, p);
      if (word.text !== '') out.push(word);
    }
  } else if (Array.isArray(segments) && segments.length > 0) {
    for (const s of segments) {
      const r = (typeof s === 'object' && s !== null ? s : {}) as Record<string, unknown>;
      const start = num(r.start);
      const end = num(r.end);
      if (typeof r.text !== 'string' || start === null || end === null) continue;
      out.push(...spreadWords(captionTokens(r.text), secondsToMs(start), Math.max(secondsToMs(start), secondsToMs(end))));
    }
  } else if (typeof text === 'string' && text.trim() !== '') {
    throw badReply(
      where,
      'sent text without word or segment times. Check that it supports response_format=verbose_json with timestamp_granularities[]=word.',
    );
  }
  return { ...(typeof language === 'string' && language !== '' ? { language } : {}), words: out };
}

export class OpenAiAsrEngine implements SpeechEngine {
  readonly name = 'openai-compatible';
  constructor(readonly config: AsrServerConfig) {}

  async transcribe(wavPath: string, opts: TranscribeOptions = {}): Promise<Transcript> {
    const cfg = this.config;
    const where = new URL(cfg.url).host;
    const form = new FormData();
    form.set('file', new Blob([await readFile(wavPath)], { type: 'audio/wav' }), basename(wavPath));
    form.set('model', cfg.model);
    form.set('response_format', 'verbose_json');
    form.append('timestamp_granularities[]', 'word');
    if (opts.language) form.set('language', opts.language);

    const timeout = AbortSignal.timeout(cfg.timeoutMs);
    const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (cfg.apiKey) headers.authorization = `Bearer ${cfg.apiKey}`;

    let status: number;
    let bodyText: string;
    try {
      const res = await fetch(cfg.url, { method: 'POST', body: form, headers, signal });
      status = res.status;
      bodyText = await res.text();
    } catch (e) {
      if (opts.signal?.aborted) throw new ReelcutError('RENDER_CANCELLED', 'Transcription was cancelled.');
      if (timeout.aborted) {
        throw badReply(where, `did not answer within ${+(cfg.timeoutMs / 1000).toFixed(1)} s; raise REELCUT_ASR_TIMEOUT_MS if it is just slow, or check that it is up.`);
      }
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw badReply(where, `could not be reached (${cause?.code ?? cause?.message ?? (e as Error).message}); check REELCUT_ASR_URL and that the server is running.`);
    }
    if (status < 200 || status > 299) {
      throw badReply(where, `answered HTTP ${status}: ${errorText(bodyText)}${status === 401 || status === 403 ? ' (check REELCUT_ASR_API_KEY)' : ''}`);
    }
    let body: unknown;
    try {
      body = JSON.parse(bodyText);
    } catch {
      throw badReply(where, `answered with something that is not JSON: ${JSON.stringify(bodyText.slice(0, 80))}.`);
    }
    const transcript = parseVerboseJson(body, where);
    return opts.language ? { ...transcript, language: opts.language } : transcript;
  }
}

/** The server's own words for an error: OpenAI's `{"error":{"message"}}`, else the start of the body. */
function errorText(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; detail?: unknown };
    const m = typeof parsed.error === 'string' ? parsed.error : parsed.error?.message ?? parsed.detail;
    if (typeof m === 'string' && m !== '') return m.slice(0, 300);
  } catch {
    // not JSON: show the text
  }
  return body.trim().slice(0, 300) || '(empty body)';
}
