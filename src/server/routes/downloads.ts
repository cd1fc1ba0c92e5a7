// GET /api/download/<job>?exp=&sig=: a finished render's file. The signed link is the
// capability (a browser or curl can follow it without the bearer token); a request that does
// carry a token must carry the owner's, so a link passed to another account does not open.
import { basename } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { notFound } from '../api-error.js';
import { bearer } from '../auth.js';
import type { ServerContext } from '../context.js';

export function downloadRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Params: { job: string }; Querystring: { exp?: string; sig?: string } }>(
    '/api/download/:job',
    { config: { public: true } },
    async (req, reply) => {
      const gone = notFound('This download link is unknown or has expired; poll the render again for a fresh link. The file');
      if (!ctx.signer.verify(req.params.job, req.query.exp, req.query.sig)) throw gone;
      const job = ctx.store.jobs.byId(req.params.job);
      if (!job || job.status !== 'completed' || !job.output_file) throw gone;
      const token = bearer(req);
      if (token) {
        const row = ctx.store.tokens.verify(token);
        if (!row || row.id !== job.token_id) throw gone;
      }
      const filename = `${safeFileStem(ctx.store.sessions.nameOf(job.session_id) ?? 'reelcut')}-${job.name}.mp4`;
      reply.header('content-disposition', `attachment; filename="${filename.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`);
      reply.header('cache-control', 'private, max-age=0');
      return reply.sendFile(basename(job.output_file), { contentType: true, cacheControl: false });
    },
  );
}

function safeFileStem(name: string): string {
  const stem = name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').trim().slice(0, 60);
  return stem || 'reelcut';
}
