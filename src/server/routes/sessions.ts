// POST /api/tasks/me/with-session/nemo_agent: a new editing session with an empty timeline.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createTimeline } from '../../timeline/index.js';
import { envelope } from '../api-error.js';
import type { ServerContext } from '../context.js';
import { parseBody } from '../validate.js';

const NewSession = z.object({
  task_name: z.string().max(200).default('project'),
  language: z.string().regex(/^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$/, 'a language tag like "en" or "zh-CN"').optional(),
});

export function sessionRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post('/api/tasks/:user/with-session/:app', async (req) => {
    const body = parseBody(NewSession, req.body, 'session');
    const s = ctx.store.sessions.create(req.auth!.id, { name: body.task_name, language: body.language ?? null, first: createTimeline([]) });
    return envelope({ task_id: s.task_id, session_id: s.id });
  });
}
