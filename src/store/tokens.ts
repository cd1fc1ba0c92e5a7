// Bearer tokens: 256 random bits, shown once, stored only as a sha256 hash, so a copy of the
// database does not hand out working tokens.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db } from './db.js';

export const ANONYMOUS_TOKEN_MS = 7 * 24 * 3600 * 1000;
const KNOWN_TOKENS = 10_000;

export interface TokenRow {
  id: string;
  client_id: string | null;
  kind: string;
  created_at: number;
  expires_at: number;
}

export interface IssuedToken extends TokenRow {
  /** The bearer token itself; never stored. */
  token: string;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface TokenRepo {
  issue(clientId: string | null, opts?: { kind?: string; lifetimeMs?: number }): IssuedToken;
  /** The live token for this bearer string, or null when unknown or expired. */
  verify(token: string): TokenRow | null;
  /** The newest token this client id got since `sinceMs`, for the one-per-7-days rule. */
  latestForClient(clientId: string, sinceMs: number): TokenRow | null;
}

export function createTokenRepo(db: Db, now: () => number = Date.now): TokenRepo {
  const insert = db.prepare('INSERT INTO tokens (id, hash, client_id, kind, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)');
  const byHash = db.prepare('SELECT id, client_id, kind, created_at, expires_at FROM tokens WHERE hash = ?');
  const latest = db.prepare(
    'SELECT id, client_id, kind, created_at, expires_at FROM tokens WHERE client_id = ? AND created_at > ? ORDER BY created_at DESC LIMIT 1',
  );
  // Token rows never change once issued (nothing revokes them; expiry is checked on every
  // read), so the live ones a server sees are kept in memory: auth costs no query per request.
  const known = new Map<string, TokenRow>();
  const remember = (hash: string, row: TokenRow) => {
    if (known.has(hash)) return;
    if (known.size >= KNOWN_TOKENS) known.delete(known.keys().next().value as string);
    known.set(hash, row);
  };
  return {
    issue(clientId, opts = {}) {
      const token = `rc_${randomBytes(32).toString('base64url')}`;
      const created = now();
      const row: TokenRow = {
        id: randomUUID(),
        client_id: clientId,
        kind: opts.kind ?? 'anonymous',
        created_at: created,
        expires_at: created + (opts.lifetimeMs ?? ANONYMOUS_TOKEN_MS),
      };
      insert.run(row.id, hashToken(token), row.client_id, row.kind, row.created_at, row.expires_at);
      return { ...row, token };
    },
    verify(token) {
      const hash = hashToken(token);
      const row = known.get(hash) ?? (byHash.get(hash) as TokenRow | undefined);
      if (!row || row.expires_at <= now()) return null;
      remember(hash, row);
      return row;
    },
    latestForClient(clientId, sinceMs) {
      return (latest.get(clientId, sinceMs) as TokenRow | undefined) ?? null;
    },
  };
}
