// The server as one object: the store opened (migrations run), the render queue started with
// the jobs a dead process left behind, and the Fastify app with every route of PROTOCOL.md.
// Every answer leaves through one envelope and one error mapping.
import { EventEmitter } from 'node:events';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { SessionLocks } from '../agent/index.js';
import { createRenderQueue } from '../jobs/index.js';
import { getFfmpeg, type FfmpegInfo } from '../media/index.js';
import { openStore } from '../store/index.js';
import { toApiError } from './api-error.js';
import { attribution, authenticate, clientId } from './auth.js';
import type { ServerContext, ServerOptions } from './context.js';
import { dataPaths } from './data-dir.js';
import { jobMedia } from './session-access.js';
import { createSigner, loadOrCreateKey } from './signed-url.js';
import { creditRoutes } from './routes/credits.js';
import { downloadRoutes } from './routes/downloads.js';
import { renderRoutes } from './routes/renders.js';
import { runSseRoutes } from './routes/run-sse.js';
import { sessionRoutes } from './routes/sessions.js';
import { stateRoutes } from './routes/state.js';
import { tokenRoutes } from './routes/tokens.js';
import { uploadRoutes } from './routes/uploads.js';

export interface ReelcutServer {
  app: FastifyInstance;
  ctx: ServerContext;
  /** Listens on opts.host:opts.port (0 picks a free port); resolves with the base URL. */
  listen(): Promise<string>;
  /** Stops taking requests, puts renders in flight back in the queue, closes the database. */
  close(): Promise<void>;
}

export async function createServer(opts: ServerOptions, ff?: FfmpegInfo): Promise<ReelcutServer> {
  const paths = dataPaths(resolve(opts.dataDir));
  for (const dir of [paths.root, paths.media, paths.renders, paths.incoming]) mkdirSync(dir, { recursive: true });
  // Whatever is in incoming/ belongs to an upload of a process that died mid-request: nobody
  // will ever admit it.
  for (const name of readdirSync(paths.incoming)) rmSync(join(paths.incoming, name), { force: true, recursive: true });
  const store = openStore(paths.database);
  const ffmpeg = ff ?? (await getFfmpeg());
  const jobEvents = new EventEmitter();
  jobEvents.setMaxListeners(0);

  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : {
            level: 'info',
            // No headers (the bearer token) and no query strings (a download link's signature is
            // as good as a token for 24 hours) ever reach the log.
            serializers: {
              req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, url: req.url.split('?')[0], ip: req.ip }),
            },
            ...(opts.logger === true ? {} : opts.logger),
          },
    // A render request carries a whole draft; 10 MB is far above any real one.
    bodyLimit: 10 * 1024 * 1024,
    // Behind nothing but loopback by default; the download links name the host the client used.
    trustProxy: false,
  });

  const ctx: ServerContext = {
    opts,
    store,
    paths,
    ff: ffmpeg,
    jobEvents,
    signer: createSigner(loadOrCreateKey(paths.secret)),
    locks: new SessionLocks(),
    queue: createRenderQueue({
      repo: store.jobs,
      outputDir: paths.renders,
      concurrency: opts.renderConcurrency,
      ff: ffmpeg,
      loadMedia: (job) => jobMedia(store, paths, job.session_id),
      onChange: (job) => jobEvents.emit(`job:${job.id}`, job),
      log: {
        info: (o, m) => app.log.info(o, m),
        error: (o, m) => app.log.error(o, m),
      },
    }),
  };

  app.decorateRequest('auth', null);
  // Skill clients send `Content-Type: application/json` on body-less POSTs (the token call):
  // an empty JSON body reads as no body; anything else goes through Fastify's own safe parser.
  const json = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    return json(req, text, done);
  });
  await app.register(multipart);
  // Served by @fastify/static for Range requests (a video element seeks) and conditional GETs.
  await app.register(fastifyStatic, { root: paths.renders, serve: false });

  app.addHook('onRequest', async (req) => {
    // An unknown route answers 404 whoever asks; only real endpoints need a token.
    if (req.routeOptions.config.public || req.routeOptions.url === undefined) return;
    req.auth = authenticate(req, store.tokens);
  });
  app.addHook('onResponse', async (req, reply) => {
    const a = attribution(req);
    try {
      store.requests.record({
        at: Date.now(),
        method: req.method,
        route: req.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: reply.elapsedTime,
        token_id: req.auth?.id ?? null,
        client_id: clientId(req),
        skill_source: a.source,
        skill_version: a.version,
        skill_platform: a.platform,
      });
    } catch (e) {
      req.log.error({ err: e }, 'request log: could not record');
    }
  });

  app.setErrorHandler((err, req, reply) => {
    const api = toApiError(err);
    if (api.http >= 500) req.log.error({ err }, 'request failed');
    reply.code(api.http).headers(api.headers).send({ code: api.code, message: api.message, data: api.data });
  });
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({ code: 404, message: `${req.method} ${req.url.split('?')[0]} is not an endpoint of this server; see PROTOCOL.md.`, data: null });
  });

  tokenRoutes(app, ctx);
  sessionRoutes(app, ctx);
  creditRoutes(app, ctx);
  stateRoutes(app, ctx);
  uploadRoutes(app, ctx);
  runSseRoutes(app, ctx);
  renderRoutes(app, ctx);
  downloadRoutes(app, ctx);

  ctx.queue.start();

  return {
    app,
    ctx,
    async listen() {
      await app.listen({ host: opts.host, port: opts.port });
      const addr = app.server.address();
      const port = typeof addr === 'object' && addr ? addr.port : opts.port;
      const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
      return `http://${host}:${port}`;
    },
    async close() {
      await ctx.queue.stop();
      await app.close();
      store.close();
    },
  };
}
