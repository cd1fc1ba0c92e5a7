// URL intake: download one http(s) URL to a temporary file, as a server that must not be turned
// into a proxy onto its own network. The address check runs inside the socket's own DNS lookup,
// so the address checked is the address connected to (a second, rebinding answer cannot slip in),
// and it runs again on every redirect hop, which are followed by hand for that reason.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { mkdir, rm } from 'node:fs/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { join, resolve } from 'node:path';
import { invalidInput, ReelcutError } from '../../errors.js';
import { isPrivateAddress } from './address.js';
import { fileTooLarge } from './limits.js';
import { newUploadFileName, safeDisplayName } from './names.js';
import type { ReceivedFile } from './types.js';
import { writeLimited } from './write-limited.js';

export interface FetchUrlOptions {
  /** Folder for the temporary file (created if missing). */
  dir: string;
  maxBytes: number;
  /** Limit for the whole download, redirects included. */
  timeoutMs: number;
  /** Let URLs reach loopback and private networks (`serve --allow-private-urls`). */
  allowPrivate: boolean;
  /** Redirects followed before giving up (default 5). */
  maxRedirects?: number;
}

const DEFAULT_MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Downloads `url` into `opts.dir` under a random name. Throws INVALID_INPUT (scheme, refused
 * address, HTTP status, timeout, too many redirects, unreachable host) or FileTooLarge; on any
 * throw no file is left behind.
 */
export async function fetchUrlToFile(url: string, opts: FetchUrlOptions): Promise<ReceivedFile> {
  return fetchUrlWithPolicy(url, opts, opts.allowPrivate ? () => true : (ip) => !isPrivateAddress(ip));
}

/** Which resolved addresses a download may connect to. */
export type AddressPolicy = (ip: string) => boolean;

/**
 * fetchUrlToFile with the address rule given explicitly (`opts.allowPrivate` is ignored). The
 * server uses fetchUrlToFile; tests use this to let one loopback address through and refuse
 * another, which is how a redirect to a forbidden address is exercised without a public host.
 */
export async function fetchUrlWithPolicy(url: string, opts: FetchUrlOptions, allowAddress: AddressPolicy): Promise<ReceivedFile> {
  const maxRedirects = opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  let current = parseHttpUrl(url);
  const name = nameOfUrl(current);
  await mkdir(opts.dir, { recursive: true });
  const tmpPath = resolve(join(opts.dir, newUploadFileName()));

  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), opts.timeoutMs);
  try {
    for (let hop = 0; ; hop++) {
      const res = await request(current, allowAddress, deadline.signal);
      const location = res.headers.location;
      if (REDIRECTS.has(res.statusCode ?? 0) && location) {
        res.destroy();
        if (hop >= maxRedirects) throw invalidInput(`${url} redirects more than ${maxRedirects} times; give the final address instead.`);
        current = parseHttpUrl(new URL(location, current).href, 'redirects to');
        continue;
      }
      const status = res.statusCode ?? 0;
      if (status < 200 || status > 299) {
        res.destroy();
        throw invalidInput(`${current.host} answered HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''} for ${displayUrl(current)}; check that the URL downloads the file directly.`, {
          status,
        });
      }
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > opts.maxBytes) {
        res.destroy();
        throw fileTooLarge(name, opts.maxBytes, declared);
      }
      const bytes = await writeLimited(res, tmpPath, opts.maxBytes, () => fileTooLarge(name, opts.maxBytes));
      return { tmpPath, name, bytes };
    }
  } catch (e) {
    await rm(tmpPath, { force: true });
    if (deadline.signal.aborted && !(e instanceof ReelcutError)) {
      throw invalidInput(`${displayUrl(current)} took longer than ${seconds(opts.timeoutMs)} s to download; URL uploads must finish within ${seconds(opts.timeoutMs)} s.`);
    }
    throw asFetchError(e, current);
  } finally {
    clearTimeout(timer);
  }
}

/** An http(s) URL, or INVALID_INPUT naming the schemes accepted. */
function parseHttpUrl(text: string, verb = 'is'): URL {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw invalidInput(`"${text.slice(0, 200)}" is not a URL; give a full http:// or https:// address.`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw invalidInput(`The URL ${verb} a ${u.protocol} address; URL uploads accept http: and https: only.`);
  }
  return u;
}

/** A URL as shown in messages: no user name or password, no query (which often holds tokens). */
function displayUrl(u: URL): string {
  return `${u.protocol}//${u.host}${u.pathname}`;
}

function nameOfUrl(u: URL): string {
  const last = u.pathname.split('/').pop() ?? '';
  let decoded = last;
  try {
    decoded = decodeURIComponent(last);
  } catch {
    // a malformed escape: show it as written
  }
  return safeDisplayName(decoded, 'download');
}

function seconds(ms: number): string {
  return String(Number((ms / 1000).toFixed(1)));
}

function refused(host: string, address: string): ReelcutError {
  return invalidInput(
    `${host} resolves to a private address (${address}); URL uploads reach public http(s) addresses only (start the server with --allow-private-urls to allow this).`,
    { host, address },
  );
}

/**
 * node:dns lookup with every answer checked before the socket may use any of them. It serves
 * both callers net has: one address (`all` false) and the list Happy Eyeballs tries (`all` true).
 */
function guardedLookup(allowAddress: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '');
      const bad = addresses.find((a) => !allowAddress(a.address));
      if (bad) return callback(refused(hostname, bad.address) as unknown as NodeJS.ErrnoException, '');
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
      if (options.all) callback(null, addresses);
      else callback(null, first.address, first.family);
    });
  };
}

/** One GET on a fresh connection (no pooled socket skips the lookup); resolves with the response head. */
function request(u: URL, allowAddress: AddressPolicy, signal: AbortSignal): Promise<IncomingMessage> {
  // net connects to a literal IP without calling lookup, so a literal is checked here.
  const literal = u.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(literal) && !allowAddress(literal)) return Promise.reject(refused(u.hostname, literal));
  const client = u.protocol === 'https:' ? https : http;
  return new Promise((resolvePromise, reject) => {
    const req = client.request(u, {
      method: 'GET',
      agent: false,
      lookup: guardedLookup(allowAddress),
      signal,
      // Identity encoding: the bytes stored must be the file's bytes.
      headers: { 'user-agent': 'reelcut', accept: '*/*', 'accept-encoding': 'identity' },
    });
    req.once('response', resolvePromise);
    req.once('error', reject);
    req.end();
  });
}

function asFetchError(e: unknown, u: URL): unknown {
  if (e instanceof ReelcutError || !(e instanceof Error)) return e;
  const code = String((e as { code?: unknown }).code ?? '');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return invalidInput(`${u.hostname} cannot be found (DNS); check the URL.`);
  if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ETIMEDOUT') {
    return invalidInput(`${u.host} cannot be reached (${code}); check the URL.`);
  }
  // Errors from the file system carry a syscall of their own (open, write): the server's trouble.
  if ('syscall' in e && ['open', 'write', 'close'].includes(String((e as { syscall?: unknown }).syscall))) return e;
  return invalidInput(`The download from ${u.host} failed (${e.message}); check the URL and try again.`);
}
