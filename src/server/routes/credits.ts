// GET /api/credits/balance/simple
import type { FastifyInstance } from 'fastify';
import { envelope } from '../api-error.js';
import type { ServerContext } from '../context.js';

export function creditRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/credits/balance/simple', async (req) => {
    const b = ctx.store.credits.balance(req.auth!.id);
    return envelope({ available: b.available, frozen: b.frozen, total: b.total });
  });
}
