// GET /api/state/nemo_agent/me/<sid>/latest: the draft, the media bin and the renders.
import type { FastifyInstance } from 'fastify';
import { toDraft, trackSummary } from '../../timeline/index.js';
import { envelope } from '../api-error.js';
import type { ServerContext } from '../context.js';
import { currentTimeline, requireSession } from '../session-access.js';
import { mediaView, renderView } from '../views.js';

export function stateRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Params: { sid: string } }>('/api/state/:app/:user/:sid/latest', async (req) => {
    const session = requireSession(ctx, req, req.params.sid);
    const { versionId, timeline, history, media } = currentTimeline(ctx, session.id);
    return envelope({
      state: {
        draft: toDraft(timeline),
        video_infos: media.map(mediaView),
        generated_media: ctx.store.jobs.listForSession(req.auth!.id, session.id).map((j) => renderView(ctx, req, j)),
        summary: trackSummary(timeline).text,
        version_id: versionId,
        can_undo: history.cursor > 0,
        can_redo: history.cursor < history.ids.length - 1,
      },
    });
  });
}
