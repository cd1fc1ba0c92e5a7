// POST /api/auth/anonymous-token: a fresh token with its starting credits, one per client id per
// seven days (a client that asks again is told when it may).
import type { FastifyInstance } from 'fastify';
import { ApiError, badRequest, envelope } from '../api-error.js';
import { clientId } from '../auth.js';
import type { ServerContext } from '../context.js';

export function tokenRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { store, opts } = ctx;
  const issue = store.db.transaction((client: string) => {
    const now = Date.now();
    const previous = store.tokens.latestForClient(client, now - opts.tokenPerClientMs);
    if (previous) return { previous };
    const token = store.tokens.issue(client);
    const balance = store.credits.grant(token.id, opts.anonymousCredits, 'anonymous grant');
    return { token, balance };
  });

  app.post('/api/auth/anonymous-token', { config: { public: true } }, async (req) => {
    const client = clientId(req);
    if (!client) throw badRequest('Missing X-Client-Id header: send a client id (a UUID your client keeps) to get an anonymous token.');
    if (client.length > 128 || !/^[\x21-\x7e]+$/.test(client)) throw badRequest('X-Client-Id must be 1 to 128 visible ASCII characters (a UUID is usual).');
    const r = issue(client);
    if ('previous' in r && r.previous) {
      const retryAfter = Math.max(1, Math.ceil((r.previous.created_at + opts.tokenPerClientMs - Date.now()) / 1000));
      throw new ApiError(429, 429, `This client id already got an anonymous token in the last 7 days; keep using it, or retry after ${retryAfter} s.`, null, {
        'retry-after': String(retryAfter),
      });
    }
    const { token, balance } = r as { token: { token: string; expires_at: number }; balance: { available: number } };
    return envelope({ token: token.token, expires_at: new Date(token.expires_at).toISOString(), credits: balance.available });
  });
}
