// Reading a session the way every route must: only the token's own, and the timeline always with
// the session's whole media bin.
import type { FastifyRequest } from 'fastify';
import { withBin } from '../agent/index.js';
import type { SessionRow } from '../store/index.js';
import type { Timeline } from '../timeline/index.js';
import { sessionNotFound } from './api-error.js';
import type { ServerContext } from './context.js';
import { binItems } from './views.js';

export function requireSession(ctx: ServerContext, req: FastifyRequest, sessionId: string): SessionRow {
  const s = ctx.store.sessions.find(req.auth!.id, sessionId);
  if (!s) throw sessionNotFound(sessionId);
  return s;
}

export function currentTimeline(ctx: ServerContext, sessionId: string): { versionId: number; timeline: Timeline } {
  const { versionId, timeline } = ctx.store.sessions.current(sessionId);
  return { versionId, timeline: withBin(timeline, binItems(ctx.store.media.list(sessionId))) };
}
