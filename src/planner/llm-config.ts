// Where the optional language-model planner finds its model: an OpenAI-compatible chat endpoint
// (Ollama's or llama.cpp's local server, or a hosted one), named by environment variables.
// Without REELCUT_LLM_URL and REELCUT_LLM_MODEL there is no model and the rules plan alone.
import { invalidInput } from '../errors.js';

export interface LlmConfig {
  /** The full `/v1/chat/completions` endpoint, whatever form it was given in. */
  url: string;
  model: string;
  timeoutMs: number;
  /** Sent as `Authorization: Bearer`; local servers need none. */
  apiKey?: string;
}

export const DEFAULT_LLM_TIMEOUT_MS = 8000;
// A day: beyond this the number is a typo, and Node's timers overflow past 2^31-1 ms anyway.
const MAX_LLM_TIMEOUT_MS = 86_400_000;

export function llmConfigFromEnv(env: NodeJS.ProcessEnv = process.env): LlmConfig | null {
  const rawUrl = setting(env, 'REELCUT_LLM_URL');
  const model = setting(env, 'REELCUT_LLM_MODEL');
  if (rawUrl === undefined || model === undefined) return null;
  const rawTimeout = setting(env, 'REELCUT_LLM_TIMEOUT_MS');
  const apiKey = setting(env, 'REELCUT_LLM_API_KEY');
  return {
    url: chatCompletionsUrl(rawUrl),
    model,
    timeoutMs: rawTimeout === undefined ? DEFAULT_LLM_TIMEOUT_MS : timeoutMs(rawTimeout),
    ...(apiKey === undefined ? {} : { apiKey }),
  };
}

/**
 * The chat-completions endpoint from a server root (`http://127.0.0.1:11434`), its `/v1`, or the
 * endpoint itself, since each server's documentation gives a different one of the three. Idempotent,
 * so the planner can run a hand-built config through it too.
 */
export function chatCompletionsUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalidInput(
      `REELCUT_LLM_URL is not a URL: ${JSON.stringify(raw)}. Give the model server's address, e.g. http://127.0.0.1:11434 (Ollama) or http://127.0.0.1:8080/v1 (llama.cpp).`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalidInput(
      `REELCUT_LLM_URL must start with http:// or https://, e.g. http://127.0.0.1:11434; got ${JSON.stringify(raw)}.`,
    );
  }
  // fetch refuses such URLs, and an error message would show the password to whoever reads it.
  if (url.username !== '' || url.password !== '') {
    throw invalidInput(
      'REELCUT_LLM_URL must not carry a user name or password; put the key in REELCUT_LLM_API_KEY (sent as a Bearer token).',
    );
  }
  url.hash = '';
  const path = url.pathname.replace(/\/+$/, '');
  if (/\/chat\/completions$/.test(path)) url.pathname = path;
  else if (/\/v1$/.test(path)) url.pathname = `${path}/chat/completions`;
  else url.pathname = `${path}/v1/chat/completions`;
  return url.toString();
}

function timeoutMs(raw: string): number {
  const n = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(n) || n <= 0 || n > MAX_LLM_TIMEOUT_MS) {
    throw invalidInput(
      `REELCUT_LLM_TIMEOUT_MS must be a number of milliseconds from 1 to ${MAX_LLM_TIMEOUT_MS}, e.g. 8000 (the default); got ${JSON.stringify(raw)}.`,
    );
  }
  return Math.ceil(n);
}

// An empty variable (`REELCUT_LLM_URL=`) is how people switch a setting off, so it counts as unset.
function setting(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const v = env[name]?.trim();
  return v === undefined || v === '' ? undefined : v;
}
