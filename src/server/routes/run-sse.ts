// POST /run_sse: one chat turn as a Server-Sent Events stream. Credits are reserved before the
// stream opens (so "not enough credits" is a plain 402 answer), the turn runs under the session's
// lock, a heartbeat comment keeps proxies and clients from timing out, and the stream ends after
// 15 minutes at most. A client that goes away aborts the turn before anything is saved.
import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { eventFactory, runTurn, type AgentEvent, type TurnOutcome } from '../../agent/index.js';
import { MAX_MESSAGE_CHARS } from '../../planner/index.js';
import { ApiError, envelope } from '../api-error.js';
import { attribution, hasAttribution } from '../auth.js';
import type { ServerContext } from '../context.js';
import { followRender, queueRender } from '../render-jobs.js';
import { jobMedia, requireSession } from '../session-access.js';
import { prepareOperation } from '../../analysis/index.js';
import { chooseFolderMusic } from '../folder-music.js';
import type { Operation } from '../../operations/index.js';
import { parseBody } from '../validate.js';
import { binItems, origin } from '../views.js';

const RunSse = z.object({
  app_name: z.string().max(100).optional(),
  user_id: z.string().max(200).optional(),
  session_id: z.string().min(1, 'name the session (from POST /api/tasks/me/with-session/nemo_agent)').max(200),
  new_message: z.object({
    role: z.string().optional(),
    parts: z
      .array(z.object({ text: z.string().optional() }).passthrough())
      .min(1, 'send at least one part like {"text": "make it square"}'),
  }),
});

/** Where an anonymous user goes when credits run out (PROTOCOL.md 2001). */
export const BIND_PATH = '/account/bind';

export function runSseRoutes(app: FastifyInstance, ctx: ServerContext): void {
  // Where 2001's bind_url leads. A local server has no accounts to register: its owner decides
  // what an edit costs, so the page says how to change that.
  app.get(BIND_PATH, { config: { public: true } }, async () =>
    envelope(
      { cost_per_turn: ctx.opts.editCost, anonymous_credits: ctx.opts.anonymousCredits },
      `This reelcut server runs on its owner's machine and has no accounts to register. Each edit turn costs ${ctx.opts.editCost} credit${ctx.opts.editCost === 1 ? '' : 's'}; new anonymous tokens get ${ctx.opts.anonymousCredits}. The owner can make edits free by starting it with --edit-cost 0 (the default on loopback).`,
    ),
  );

  app.post('/run_sse', async (req, reply) => {
    const body = parseBody(RunSse, req.body, 'run_sse');
    const message = body.new_message.parts.map((p) => p.text ?? '').join('\n').trim();
    if (!message) throw new ApiError(400, 400, 'run_sse: new_message.parts: no text to act on; send {"parts":[{"text":"..."}]}.');
    if (message.length > MAX_MESSAGE_CHARS) throw new ApiError(400, 400, `run_sse: new_message.parts: the message is ${message.length} characters; at most ${MAX_MESSAGE_CHARS}.`);
    const session = requireSession(ctx, req, body.session_id);
    const tokenId = req.auth!.id;
    const cost = ctx.opts.editCost;
    const ref = `turn_${randomUUID()}`;
    if (!ctx.store.credits.freeze(tokenId, cost, ref)) {
      const b = ctx.store.credits.balance(tokenId);
      throw new ApiError(2001, 402, `Not enough credits: an edit turn costs ${cost} and ${b.available} are available. Register to get more.`, {
        bind_url: `${origin(req)}${BIND_PATH}`,
        available: b.available,
        cost,
      });
    }

    const controller = new AbortController();
    const raw = reply.raw;
    reply.hijack();
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.flushHeaders();
    let open = true;
    const write = (chunk: string) => {
      if (open && !raw.destroyed && !raw.writableEnded) raw.write(chunk);
    };
    const send = (ev: AgentEvent) => write(`data: ${JSON.stringify(ev)}\n\n`);
    // The response's close is the client's: the request stream closes as soon as its body is read.
    raw.on('close', () => {
      open = false;
      controller.abort('client');
    });
    const heartbeat = setInterval(() => write(': ping\n\n'), ctx.opts.heartbeatMs);
    const cap = setTimeout(() => controller.abort('cap'), ctx.opts.maxStreamMs);

    let outcome: TurnOutcome | null = null;
    try {
      outcome = await ctx.locks.run(session.id, async () => {
        const a = attribution(req);
        const turn = runTurn(
          { tokenId, sessionId: session.id, message, signal: controller.signal },
          {
            sessions: ctx.store.sessions,
            // This turn's own reservation is released unless it edits, so a balance it reports
            // (a credits question) leaves that hold out: asking costs nothing.
            credits: {
              ...ctx.store.credits,
              balance: (id: string) => {
                const b = ctx.store.credits.balance(id);
                return { total: b.total, frozen: b.frozen - cost, available: b.available + cost };
              },
            },
            bin: () => binItems(ctx.store.media.list(session.id)),
            ...(ctx.opts.musicDir ? { chooseMusic: (ops: Operation[], words: string, signal: AbortSignal) => chooseFolderMusic(ctx, session.id, ops, words, signal) } : {}),
            prepare: (op, timeline, signal) => prepareOperation(op, timeline, { ff: ctx.ff, media: jobMedia(ctx.store, ctx.paths, session.id), signal }),
            llm: ctx.opts.llm,
            uploadHint: `Upload files to POST /api/upload-video/nemo_agent/me/${session.id} (multipart, parts named "files", or JSON {"urls": [...]}).`,
            exportBlocked: ctx.opts.strictCompat && !hasAttribution(a) ? 'Export is blocked in strict compatibility mode: send the X-Skill-Source, X-Skill-Version and X-Skill-Platform headers. The timeline is unchanged.' : null,
            exportRender: ({ timeline, versionId, signal }) => {
              const { job } = queueRender(ctx, { tokenId, sessionId: session.id, name: `render_${Date.now()}_${randomUUID().slice(0, 8)}`, timeline, versionId, attribution: a });
              return followRender(ctx, req, job.id, signal);
            },
          },
        );
        for (;;) {
          const next = await turn.next();
          if (next.done) return next.value;
          send(next.value);
        }
      }, controller.signal);
    } catch (e) {
      const ev = eventFactory();
      if (controller.signal.reason === 'cap') {
        send(ev.text(`This turn stopped after ${spoken(ctx.opts.maxStreamMs)}, the longest a stream may last; nothing of it was saved. Ask for the state to see the timeline.`));
      } else if (open) {
        req.log.error({ err: e }, 'run_sse: the turn failed');
        send(ev.text(`Something went wrong on the server and this turn was not applied; the timeline is unchanged. (${e instanceof Error ? e.message : String(e)})`));
      }
      send(ev.complete());
    } finally {
      clearInterval(heartbeat);
      clearTimeout(cap);
      try {
        if (outcome?.changed) ctx.store.credits.charge(tokenId, cost, ref);
        else ctx.store.credits.release(tokenId, cost, ref);
      } catch (e) {
        req.log.error({ err: e }, 'run_sse: could not settle credits');
      }
      if (!raw.writableEnded) raw.end();
    }
  });
}

// A cap under a minute (a test's, or one set for a strict proxy) would otherwise read "0 minutes".
function spoken(ms: number): string {
  const [n, unit] = ms < 60_000 ? [Math.round(ms / 1000), 'second'] : [Math.round(ms / 60_000), 'minute'];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
