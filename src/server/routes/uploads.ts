// POST /api/upload-video/nemo_agent/me/<sid>: files into the session's media bin, as multipart
// parts named `files` or as JSON `{"urls": [...]}`. A request is all or nothing: every file is
// probed and admitted before any is recorded, and one refused file removes them all. When the
// timeline has no clips yet, the first video or image becomes its first clip.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { apply } from '../../timeline/index.js';
import { newMediaId, type MediaRow } from '../../store/index.js';
import { admitFile, fetchUrlToFile, receiveMultipart, type ReceivedFile } from '../uploads/index.js';
import { badRequest, envelope } from '../api-error.js';
import type { ServerContext } from '../context.js';
import { currentTimeline, requireSession } from '../session-access.js';
import { parseBody } from '../validate.js';
import { binItems, mediaView } from '../views.js';

const UrlUpload = z.object({
  // One URL given as a plain string is taken as a list of one.
  urls: z.preprocess(
    (v) => (typeof v === 'string' ? [v] : v),
    z.array(z.string().min(1).max(4096)).min(1, 'give at least one URL').max(20, 'at most 20 URLs a request'),
  ),
  source_type: z.literal('url').optional(),
});

export function uploadRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post<{ Params: { sid: string } }>('/api/upload-video/:app/:user/:sid', async (req) => {
    const session = requireSession(ctx, req, req.params.sid);
    const received: Array<ReceivedFile & { source?: string }> = req.isMultipart() ? await receiveMultipart(req, { dir: ctx.paths.incoming, maxBytes: ctx.opts.maxUploadBytes }) : await receiveUrls(ctx, req);

    const admitted: Array<{ id: string; name: string; bytes: number; source: string; info: Awaited<ReturnType<typeof admitFile>>['info'] }> = [];
    try {
      for (const f of received) {
        const id = newMediaId();
        const { info } = await admitFile(f, { mediaDir: ctx.paths.media, id, ff: ctx.ff });
        admitted.push({ id, name: f.name, bytes: f.bytes, source: f.source ?? 'upload', info });
      }
    } catch (e) {
      await removeAll([...received.map((f) => f.tmpPath), ...admitted.map((a) => join(ctx.paths.media, a.id))]);
      throw e;
    }

    try {
      const rows = await ctx.locks.run(session.id, async () => record(ctx, session.id, admitted));
      return envelope({ files: rows.map(mediaView) });
    } catch (e) {
      await removeAll(admitted.map((a) => join(ctx.paths.media, a.id)));
      throw e;
    }
  });
}

async function receiveUrls(ctx: ServerContext, req: FastifyRequest): Promise<Array<ReceivedFile & { source: string }>> {
  if (req.body === undefined || req.body === null || typeof req.body !== 'object') {
    throw badRequest('upload: send multipart/form-data with one or more file parts named "files", or JSON {"urls": ["https://..."], "source_type": "url"}.');
  }
  const body = parseBody(UrlUpload, req.body, 'upload');
  const got: Array<ReceivedFile & { source: string }> = [];
  try {
    for (const url of body.urls) {
      const f = await fetchUrlToFile(url, {
        dir: ctx.paths.incoming,
        maxBytes: ctx.opts.maxUploadBytes,
        timeoutMs: ctx.opts.urlTimeoutMs,
        allowPrivate: ctx.opts.allowPrivateUrls,
      });
      got.push({ ...f, source: url });
    }
  } catch (e) {
    await removeAll(got.map((f) => f.tmpPath));
    throw e;
  }
  return got;
}

/** Media rows and, for an empty timeline, its first clip: one transaction. */
function record(ctx: ServerContext, sessionId: string, files: Array<{ id: string; name: string; bytes: number; source: string; info: MediaRow['info'] }>): MediaRow[] {
  const { store } = ctx;
  return store.db.transaction(() => {
    const rows = files.map((f) =>
      store.media.add({ id: f.id, session_id: sessionId, name: f.name, kind: f.info.kind, file: f.id, bytes: f.bytes, info: f.info, source: f.source }),
    );
    const { timeline } = currentTimeline(ctx, sessionId);
    const first = rows.find((r) => r.kind === 'video' || r.kind === 'image');
    if (timeline.clips.length === 0 && first) {
      const base = store.sessions.history(sessionId);
      const next = apply({ ...timeline, media: binItems(store.media.list(sessionId)) }, { op: 'select_media', media: first.id });
      const saved = store.sessions.commit(sessionId, base, { entries: [...base.ids.slice(0, base.cursor + 1), next], cursor: base.cursor + 1 }, 'upload');
      if (!saved) throw new Error('the session history changed under its lock');
    }
    return rows;
  })();
}

async function removeAll(paths: string[]): Promise<void> {
  await Promise.all(paths.map((p) => rm(p, { force: true })));
}
