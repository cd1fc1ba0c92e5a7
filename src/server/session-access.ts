// Reading a session the way every route must: only the token's own, and the timeline always with
// the session's whole media bin.
import type { FastifyRequest } from 'fastify';
import { withBin } from '../agent/index.js';
import type { MediaInfo } from '../media/index.js';
import type { MediaRow, SessionRow, StoredHistory, Store } from '../store/index.js';
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

/** The current version with the whole bin, and what it was read from (the history and the media rows). */
export function currentTimeline(ctx: ServerContext, sessionId: string): { versionId: number; timeline: Timeline; history: StoredHistory; media: MediaRow[] } {
  const history = ctx.store.sessions.history(sessionId);
  const versionId = history.ids[history.cursor];
  if (versionId === undefined) throw new Error(`session ${sessionId} has no current version`);
  const media = ctx.store.media.list(sessionId);
  return { versionId, timeline: withBin(ctx.store.sessions.version(versionId), binItems(media)), history, media };
}

/** What a render of this session reads: its own bin's files, found by id, never by a path a client gave. */
export function jobMedia(store: Store, paths: DataPaths, sessionId: string): Map<string, MediaInfo> {
  return store.media.infos(sessionId, paths.media);
}
