// GET /api/state/nemo_agent/me/<sid>/latest: the draft, the media bin and the renders.
import type { FastifyInstance } from 'fastify';
import { withBin } from '../../agent/index.js';
import { toDraft, trackSummary } from '../../timeline/index.js';
import { envelope } from '../api-error.js';
import type { ServerContext } from '../context.js';
import { requireSession } from '../session-access.js';
import { binItems, mediaView, renderView } from '../views.js';

export function stateRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Params: { sid: string } }>('/api/state/:app/:user/:sid/latest', async (req) => {
    const session = requireSession(ctx, req, req.params.sid);
    const history = ctx.store.sessions.history(session.id);
    const versionId = history.ids[history.cursor]!;
    const media = ctx.store.media.list(session.id);
    const timeline = withBin(ctx.store.sessions.version(versionId), binItems(media));
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
