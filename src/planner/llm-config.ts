// Where the optional language-model planner finds its model: an OpenAI-compatible chat endpoint
// (Ollama's or llama.cpp's local server, or a hosted one), named by environment variables.
// Without REELCUT_LLM_URL and REELCUT_LLM_MODEL there is no model and the rules plan alone.
import { invalidInput } from '../errors.js';
import { envSetting, openAiEndpointUrl } from '../openai-endpoint.js';

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
  const rawUrl = envSetting(env, 'REELCUT_LLM_URL');
  const model = envSetting(env, 'REELCUT_LLM_MODEL');
  if (rawUrl === undefined || model === undefined) return null;
  const rawTimeout = envSetting(env, 'REELCUT_LLM_TIMEOUT_MS');
  const apiKey = envSetting(env, 'REELCUT_LLM_API_KEY');
  return {
    url: chatCompletionsUrl(rawUrl),
    model,
    timeoutMs: rawTimeout === undefined ? DEFAULT_LLM_TIMEOUT_MS : timeoutMs(rawTimeout),
    ...(apiKey === undefined ? {} : { apiKey }),
  };
}

/** The chat-completions endpoint from whichever form the server's documentation gave. */
export function chatCompletionsUrl(raw: string): string {
  return openAiEndpointUrl(raw, {
    variable: 'REELCUT_LLM_URL',
    endpoint: '/chat/completions',
    notUrlHint: "Give the model server's address, e.g. http://127.0.0.1:11434 (Ollama) or http://127.0.0.1:8080/v1 (llama.cpp).",
    schemeExample: ', e.g. http://127.0.0.1:11434',
    keyHint: 'REELCUT_LLM_API_KEY (sent as a Bearer token).',
  });
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

