// Addresses of OpenAI-compatible servers named by environment variables (the language model's
// chat endpoint, the speech recogniser's transcriptions endpoint). Each server's documentation
// gives a different form (the root, its `/v1`, or the endpoint itself), so any of the three is
// taken and made the full endpoint; idempotent, so a hand-built config can go through it too.
import { invalidInput } from './errors.js';

// An empty variable (`REELCUT_LLM_URL=`) is how people switch a setting off, so it counts as unset.
export function envSetting(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const v = env[name]?.trim();
  return v === undefined || v === '' ? undefined : v;
}

export interface EndpointSpec {
  /** The variable the address came from, named in every message. */
  variable: string;
  /** The endpoint's path after `/v1`, e.g. `/chat/completions`. */
  endpoint: string;
  /** What to give instead of something that is no URL (a sentence). */
  notUrlHint: string;
  /** Shown after "must start with http:// or https://", e.g. ", e.g. http://127.0.0.1:11434" (or ""). */
  schemeExample: string;
  /** Where a key goes instead of user:password in the URL (the end of a sentence). */
  keyHint: string;
}

export function openAiEndpointUrl(raw: string, spec: EndpointSpec): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalidInput(`${spec.variable} is not a URL: ${JSON.stringify(raw)}. ${spec.notUrlHint}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalidInput(`${spec.variable} must start with http:// or https://${spec.schemeExample}; got ${JSON.stringify(raw)}.`);
  }
  // fetch refuses such URLs, and an error message would show the password to whoever reads it.
  if (url.username !== '' || url.password !== '') {
    throw invalidInput(`${spec.variable} must not carry a user name or password; put the key in ${spec.keyHint}`);
  }
  url.hash = '';
  const path = url.pathname.replace(/\/+$/, '');
  if (path.endsWith(spec.endpoint)) url.pathname = path;
  else if (/\/v1$/.test(path)) url.pathname = `${path}${spec.endpoint}`;
  else url.pathname = `${path}/v1${spec.endpoint}`;
  return url.toString();
}
