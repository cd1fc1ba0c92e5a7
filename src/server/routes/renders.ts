// POST /api/render/proxy/lambda queues an export of the session's draft (or of a draft sent
// with the request); GET .../<id> polls it; DELETE .../<id> cancels it. Renders are the token's
// own: another token's id answers as if it did not exist.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { fromDraft, type Timeline } from '../../timeline/index.js';
import { ApiError, badRequest, envelope } from '../api-error.js';
import { attribution, hasAttribution } from '../auth.js';
import type { ServerContext } from '../context.js';
import { queueRender } from '../render-jobs.js';
import { currentTimeline, requireSession } from '../session-access.js';
import { parseBody } from '../validate.js';
import { binItems, renderView } from '../views.js';

const RenderRequest = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'letters, digits and _ . : - only, at most 100 (e.g. "render_1733430000000")')
    .optional(),
  sessionId: z.string().min(1, 'name the session to render').max(200),
  draft: z.unknown().optional(),
  // Every export is Instagram's 1080p H.264 MP4 whatever quality is asked; the field is taken
  // (clients send "high", "1080p" and more) but only the container can be refused.
  output: z
    .object({
      format: z.string().regex(/^mp4$/i, 'only "mp4" is produced').optional(),
      quality: z.string().max(50).optional(),
    })
    .passthrough()
    .optional(),
});

/** `session_id` is how every other call of the protocol spells it; a client may carry that habit here. */
function withSessionId(body: unknown): unknown {
  if (body && typeof body === 'object' && !('sessionId' in body) && 'session_id' in body) {
    return { ...body, sessionId: (body as { session_id: unknown }).session_id };
  }
  return body;
}

const renderNotFound = (id: string) => new ApiError(404, 404, `Render ${id} was not found for this token.`);

export function renderRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post('/api/render/proxy/lambda', async (req) => {
    const a = attribution(req);
    if (ctx.opts.strictCompat && !hasAttribution(a)) {
      throw new ApiError(402, 402, 'Export is blocked by the plan: send the X-Skill-Source, X-Skill-Version and X-Skill-Platform headers with the export.');
    }
    const body = parseBody(RenderRequest, withSessionId(req.body), 'render');
    const session = requireSession(ctx, req, body.sessionId);
    const current = currentTimeline(ctx, session.id);
    let timeline: Timeline = current.timeline;
    let versionId: number | null = current.versionId;
    if (body.draft !== undefined && body.draft !== null) {
      timeline = sessionDraft(ctx, session.id, draftValue(body.draft));
      // A draft equal to the stored one is that version; any other is the client's own.
      if (JSON.stringify(timeline) !== JSON.stringify(current.timeline)) versionId = null;
    }
    if (timeline.clips.length === 0) throw badRequest('render: the timeline has no clips: upload a video or image to the session first.');
    const { job } = queueRender(ctx, {
      tokenId: req.auth!.id,
      sessionId: session.id,
      name: body.id ?? `render_${Date.now()}`,
      timeline,
      versionId,
      attribution: a,
    });
    // Read again: a free worker may have claimed it in the same tick.
    const now = ctx.store.jobs.byId(job.id) ?? job;
    return envelope({ id: now.name, status: now.status });
  });

  app.get<{ Params: { id: string } }>('/api/render/proxy/lambda/:id', async (req) => {
    const job = ctx.store.jobs.find(req.auth!.id, req.params.id);
    if (!job) throw renderNotFound(req.params.id);
    return envelope(renderView(ctx, req, job));
  });

  app.delete<{ Params: { id: string } }>('/api/render/proxy/lambda/:id', async (req) => {
    const job = ctx.store.jobs.find(req.auth!.id, req.params.id);
    if (!job) throw renderNotFound(req.params.id);
    ctx.queue.cancel(job.id);
    return envelope(renderView(ctx, req, ctx.store.jobs.byId(job.id) ?? job));
  });
}

/**
 * A client's draft, decoded and bound to this session: its media list is replaced by the
 * session's bin (so no path a client wrote is ever read), and every clip and music file must
 * come from that bin.
 */
function sessionDraft(ctx: ServerContext, sessionId: string, draft: unknown): Timeline {
  const decoded = fromDraft(draft);
  const bin = binItems(ctx.store.media.list(sessionId));
  const known = new Set(bin.map((m) => m.id));
  const missing = [
    ...decoded.clips.map((c) => c.media_id),
    ...decoded.music.map((m) => m.media_id).filter((id) => !id.startsWith('lib:')),
  ].filter((id) => !known.has(id));
  if (missing.length > 0) {
    throw badRequest(`render: draft: media ${[...new Set(missing)].join(', ')} is not in this session's media bin; upload it to the session first.`);
  }
  return { ...decoded, media: bin };
}

/** Some clients send the draft as a JSON string rather than an object: both are taken. */
function draftValue(draft: unknown): unknown {
  if (typeof draft !== 'string') return draft;
  try {
    return JSON.parse(draft) as unknown;
  } catch {
    throw badRequest('render: draft: a string draft must hold JSON (the draft object, as the state answer gives it).');
  }
}
