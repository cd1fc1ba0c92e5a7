// The optional language-model planner: one message (and the track summary, nothing else) goes to
// an OpenAI-compatible chat endpoint with the operations as tools; each tool call comes back as
// an operation only if the operation schemas accept it. Models make things up, so a call that
// does not validate is dropped with its reason rather than repaired or guessed at.
import { ReelcutError, type ErrorCode } from '../errors.js';
import { isOperationName, operationTools, safeParseOperation, type Operation } from '../operations/index.js';
import { chatCompletionsUrl, type LlmConfig } from './llm-config.js';

export interface ModelPlan {
  /** Valid operations, in the order the model called them. */
  operations: Operation[];
  /** Tool calls that were not valid operations, and why. */
  dropped: Array<{ name: string; reason: string }>;
  /** What the model said besides its tool calls, if anything. */
  text: string | null;
  /** The model that answered, as the server names it. */
  model: string;
}

/** Why a call to the model failed, in `ReelcutError.details.reason`, for callers that fall back. */
export type ModelFailure = 'timeout' | 'cancelled' | 'unreachable' | 'http' | 'bad_reply';

// errors.ts has no code for a misbehaving outside service; the model's reply is input to reelcut,
// and every caller falls back to the rules on any of these, branching on details.reason if at all.
const FAILURE_CODE: ErrorCode = 'MODEL_FAILED';
const CANCELLED_CODE: ErrorCode = 'RENDER_CANCELLED';

export const SYSTEM_PROMPT = [
  'You plan edits for reelcut, a video editor for Instagram creators.',
  'Turn the message into edits by calling the tools: one tool call per edit, in the order the message asks for them.',
  'Times are integer milliseconds on the output timeline (5 seconds is 5000). Clip numbers count from 1.',
  'Give only the arguments the message implies; leave the rest out.',
  'If the message asks for no edit, call no tool and answer in one short sentence.',
].join('\n');

/** The user turn: the message and, when there is one, the track summary. Never media or paths. */
export function userContent(message: string, summary: string | null): string {
  return summary === null || summary.trim() === '' ? message : `${message}\n\nCurrent tracks:\n${summary}`;
}

export function chatTools(): Array<{ type: 'function'; function: { name: string; description: string; parameters: Record<string, unknown> } }> {
  return operationTools().map((t) => ({
    type: 'function',
    function: { name: t.name, description: t.description, parameters: t.parameters },
  }));
}

export async function planWithModel(
  message: string,
  summary: string | null,
  cfg: LlmConfig,
  signal?: AbortSignal,
): Promise<ModelPlan> {
  let where = cfg.url;
  try {
    // A config not made by llmConfigFromEnv gets the same checks and the same endpoint.
    where = chatCompletionsUrl(cfg.url);
    const body = await post(message, summary, { ...cfg, url: where }, where, signal);
    return readPlan(body, cfg.model, where);
  } catch (e) {
    if (e instanceof ReelcutError) throw e;
    throw failure('bad_reply', `the language model at ${where} failed: ${errorText(e)}`, where);
  }
}

async function post(message: string, summary: string | null, cfg: LlmConfig, where: string, signal?: AbortSignal): Promise<unknown> {
  const timeout = AbortSignal.timeout(cfg.timeoutMs);
  const combined = signal ? AbortSignal.any([timeout, signal]) : timeout;
  const request = {
    model: cfg.model,
    messages: [
      { role: 'system', content: SYSTEM_PROMPT },
      { role: 'user', content: userContent(message, summary) },
    ],
    tools: chatTools(),
    tool_choice: 'auto',
    temperature: 0,
  };
  let status: number;
  let text: string;
  try {
    const res = await fetch(cfg.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(cfg.apiKey === undefined ? {} : { authorization: `Bearer ${cfg.apiKey}` }),
      },
      body: JSON.stringify(request),
      signal: combined,
    });
    status = res.status;
    // The body is read under the same signal, so a server that stalls mid-reply also times out.
    text = await res.text();
  } catch (e) {
    // Which signal fired decides the story, whatever reason object the abort carried.
    if (signal?.aborted) {
      throw new ReelcutError(CANCELLED_CODE, `the request to the language model at ${where} was cancelled`, {
        reason: 'cancelled' satisfies ModelFailure,
        url: where,
      });
    }
    if (timeout.aborted) {
      throw failure(
        'timeout',
        `the language model at ${where} did not answer within ${seconds(cfg.timeoutMs)} s; raise REELCUT_LLM_TIMEOUT_MS if it is just slow, or check that the server is up`,
        where,
      );
    }
    throw failure(
      'unreachable',
      `could not reach the language model at ${where} (${errorText(e)}); check that the server is running and REELCUT_LLM_URL is right`,
      where,
    );
  }
  if (status >= 400) throw failure('http', `the language model at ${where} answered HTTP ${status}: ${httpErrorText(text)}${httpHint(status)}`, where, { status });
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw failure('bad_reply', `the language model at ${where} answered with something that is not JSON: ${excerpt(text)}; is REELCUT_LLM_URL an OpenAI-compatible /v1/chat/completions endpoint?`, where);
  }
}

function readPlan(body: unknown, requestedModel: string, where: string): ModelPlan {
  const choices = record(body)?.choices;
  const first = Array.isArray(choices) ? record(choices[0]) : undefined;
  const message = record(first?.message);
  if (message === undefined) {
    throw failure('bad_reply', `the language model at ${where} replied without choices: ${excerpt(JSON.stringify(body))}`, where);
  }
  const calls = toolCalls(message);
  const operations: Operation[] = [];
  const dropped: ModelPlan['dropped'] = [];
  for (const call of calls) {
    const result = toOperation(call);
    if ('operation' in result) operations.push(result.operation);
    else dropped.push(result);
  }
  const model = record(body)?.model;
  return {
    operations,
    dropped,
    text: contentText(message.content),
    model: typeof model === 'string' && model !== '' ? model : requestedModel,
  };
}

interface RawCall {
  name: unknown;
  arguments: unknown;
}

// `tool_calls` is today's field; `function_call` (one call) is what older servers still send.
function toolCalls(message: Record<string, unknown>): RawCall[] {
  const calls = message.tool_calls;
  if (Array.isArray(calls) && calls.length > 0) {
    return calls.map((c) => {
      const fn = record(record(c)?.function);
      return { name: fn?.name, arguments: fn?.arguments };
    });
  }
  const legacy = record(message.function_call);
  return legacy === undefined ? [] : [{ name: legacy.name, arguments: legacy.arguments }];
}

function toOperation(call: RawCall): { operation: Operation } | { name: string; reason: string } {
  const name = typeof call.name === 'string' && call.name !== '' ? call.name : '(no name)';
  if (!isOperationName(call.name)) return { name, reason: 'not a reelcut operation' };
  const args = callArguments(call.arguments);
  if ('reason' in args) return { name, reason: args.reason };
  // The tool's name is the operation; an `op` among the arguments cannot override it.
  const parsed = safeParseOperation({ ...args.value, op: call.name });
  return parsed.ok ? { operation: parsed.operation } : { name, reason: parsed.message };
}

// The wire format says a JSON string; some local servers send the object itself, and a call to
// a tool without arguments may come with an empty string or nothing.
function callArguments(raw: unknown): { value: Record<string, unknown> } | { reason: string } {
  let value: unknown = raw;
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return { value: {} };
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw) as unknown;
    } catch {
      return { reason: `the arguments are not valid JSON: ${excerpt(raw)}` };
    }
  }
  const obj = record(value);
  return obj === undefined ? { reason: `the arguments are not a JSON object: ${excerpt(JSON.stringify(value))}` } : { value: obj };
}

function contentText(content: unknown): string | null {
  let text: string | undefined;
  if (typeof content === 'string') text = content;
  // Some servers send content as parts, like the request format allows.
  else if (Array.isArray(content)) {
    text = content
      .map((p) => record(p))
      .filter((p) => p?.type === 'text' && typeof p.text === 'string')
      .map((p) => p!.text as string)
      .join('');
  }
  text = text?.trim();
  return text ? text : null;
}

function record(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function failure(reason: ModelFailure, message: string, where: string, extra: Record<string, unknown> = {}): ReelcutError {
  return new ReelcutError(FAILURE_CODE, message, { reason, url: where, ...extra });
}

// OpenAI puts the reason in {error: {message}}, Ollama in {error: "..."}; otherwise show the body.
function httpErrorText(body: string): string {
  try {
    const error = record(JSON.parse(body))?.error;
    if (typeof error === 'string' && error !== '') return excerpt(error);
    const msg = record(error)?.message;
    if (typeof msg === 'string' && msg !== '') return excerpt(msg);
  } catch {
    // not JSON: the raw body is the best excerpt there is
  }
  return body.trim() === '' ? '(empty body)' : excerpt(body);
}

function httpHint(status: number): string {
  if (status === 401 || status === 403) return '; check REELCUT_LLM_API_KEY';
  if (status === 404) return '; check REELCUT_LLM_URL and that REELCUT_LLM_MODEL is a model the server has';
  return '';
}

function excerpt(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

function errorText(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  // fetch hides the socket error (ECONNREFUSED, ENOTFOUND) in `cause`.
  const cause = (e as Error & { cause?: unknown }).cause;
  const code = record(cause)?.code;
  if (typeof code === 'string') return code;
  return cause instanceof Error ? cause.message : e.message;
}

function seconds(ms: number): string {
  const s = (ms / 1000).toFixed(3);
  return s.replace(/\.?0+$/, '');
}
