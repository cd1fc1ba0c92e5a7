// Bearer-token check for every route not marked public, and the attribution headers skill
// clients send. The token itself is never logged or stored; only its row id travels on.
import type { FastifyRequest } from 'fastify';
import type { TokenRepo, TokenRow } from '../store/index.js';
import { badToken } from './api-error.js';
import type { Attribution } from './context.js';

export function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m ? m[1]! : null;
}

export function authenticate(req: FastifyRequest, tokens: TokenRepo): TokenRow {
  const token = bearer(req);
  if (!token) throw badToken('Send Authorization: Bearer <token>; get a token from POST /api/auth/anonymous-token.');
  const row = tokens.verify(token);
  if (!row) throw badToken();
  return row;
}

function header(req: FastifyRequest, name: string): string | null {
  const v = req.headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s ? s.slice(0, 200) : null;
}

export function attribution(req: FastifyRequest): Attribution {
  return { source: header(req, 'x-skill-source'), version: header(req, 'x-skill-version'), platform: header(req, 'x-skill-platform') };
}

export function hasAttribution(a: Attribution): boolean {
  return Boolean(a.source && a.version && a.platform);
}

export function clientId(req: FastifyRequest): string | null {
  return header(req, 'x-client-id');
}
