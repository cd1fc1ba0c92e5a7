// GET /api/download/<job>?exp=&sig=: a finished render's file. The signed link is the
// capability (a browser or curl can follow it without the bearer token); a request that does
// carry a token must carry the owner's, so a link passed to another account does not open.
import { basename } from 'node:path';
import { existsSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { subtitlePaths } from '../../render/index.js';
import type { RenderJob } from '../../store/index.js';
import { notFound } from '../api-error.js';
import { bearer } from '../auth.js';
import type { ServerContext } from '../context.js';

export function downloadRoutes(app: FastifyInstance, ctx: ServerContext): void {
  /** The completed job a signed request names, or "not found" for anything else (a foreign token included). */
  const signedJob = (req: FastifyRequest<{ Params: { job: string }; Querystring: { exp?: string; sig?: string } }>): RenderJob & { output_file: string } => {
    const gone = notFound('This download link is unknown or has expired; poll the render again for a fresh link. The file');
    if (!ctx.signer.verify(req.params.job, req.query.exp, req.query.sig)) throw gone;
    const job = ctx.store.jobs.byId(req.params.job);
    if (!job || job.status !== 'completed' || !job.output_file) throw gone;
    const token = bearer(req);
    if (token) {
      const row = ctx.store.tokens.verify(token);
      if (!row || row.id !== job.token_id) throw gone;
    }
    return job as RenderJob & { output_file: string };
  };
  const attachment = (reply: FastifyReply, filename: string) => {
    reply.header('content-disposition', `attachment; filename="${filename.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`);
    reply.header('cache-control', 'private, max-age=0');
  };

  app.get<{ Params: { job: string }; Querystring: { exp?: string; sig?: string } }>(
    '/api/download/:job',
    { config: { public: true } },
    async (req, reply) => {
      const job = signedJob(req);
      attachment(reply, `${safeFileStem(ctx.store.sessions.nameOf(job.session_id) ?? 'reelcut')}-${job.name}.mp4`);
      return reply.sendFile(basename(job.output_file), { contentType: true, cacheControl: false });
    },
  );

  // The captions of a render as subtitle files: the same signed link opens them, with the file's kind as the last path part.
  app.get<{ Params: { job: string; kind: string }; Querystring: { exp?: string; sig?: string } }>(
    '/api/download/:job/subtitles.:kind',
    { config: { public: true } },
    async (req, reply) => {
      const kind = req.params.kind;
      if (kind !== 'srt' && kind !== 'vtt') throw notFound(`subtitles.${kind} is not a subtitle file this server writes (subtitles.srt and subtitles.vtt are). The file`);
      const job = signedJob(req);
      const file = subtitlePaths(job.output_file)[kind];
      if (!existsSync(file)) throw notFound('This render has no captions, so it has no subtitle files. The file');
      attachment(reply, `${safeFileStem(ctx.store.sessions.nameOf(job.session_id) ?? 'reelcut')}-${job.name}.${kind}`);
      reply.type(kind === 'srt' ? 'application/x-subrip; charset=utf-8' : 'text/vtt; charset=utf-8');
      return reply.sendFile(basename(file), { contentType: false, cacheControl: false });
    },
  );
}

function safeFileStem(name: string): string {
  const stem = name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').trim().slice(0, 60);
  return stem || 'reelcut';
}
