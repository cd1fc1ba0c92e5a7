// Reading a session the way every route must: only the token's own, and the timeline always with
// the session's whole media bin.
import type { FastifyRequest } from 'fastify';
import { withBin } from '../agent/index.js';
import type { MediaInfo } from '../media/index.js';
import type { SessionRow, Store } from '../store/index.js';
import type { Timeline } from '../timeline/index.js';
import { sessionNotFound } from './api-error.js';
import type { ServerContext } from './context.js';
import type { DataPaths } from './data-dir.js';
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

/** What a render of this session reads: its own bin's files, found by id, never by a path a client gave. */
export function jobMedia(store: Store, paths: DataPaths, sessionId: string): Map<string, MediaInfo> {
  return store.media.infos(sessionId, paths.media);
}
