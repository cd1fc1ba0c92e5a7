// Queueing a render and following it: shared by POST /api/render/proxy/lambda and an export
// asked for in chat. The database row is the truth; the queue's change events only say when to
// look at it again.
import { on } from 'node:events';
import type { FastifyRequest } from 'fastify';
import type { ExportUpdate } from '../agent/index.js';
import type { RenderJob } from '../store/index.js';
import type { Timeline } from '../timeline/index.js';
import type { Attribution, ServerContext } from './context.js';
import { downloadUrl } from './views.js';

export interface QueueRequest {
  tokenId: string;
  sessionId: string;
  /** The client's id for it ("render_<ts>"); the same id again is the same render. */
  name: string;
  timeline: Timeline;
  versionId: number | null;
  attribution: Attribution;
}

export function queueRender(ctx: ServerContext, r: QueueRequest): { job: RenderJob; created: boolean } {
  const out = ctx.store.jobs.insert({
    name: r.name,
    token_id: r.tokenId,
    session_id: r.sessionId,
    version_id: r.versionId,
    timeline: r.timeline,
    attribution: {
      ...(r.attribution.source ? { source: r.attribution.source } : {}),
      ...(r.attribution.version ? { version: r.attribution.version } : {}),
      ...(r.attribution.platform ? { platform: r.attribution.platform } : {}),
    },
  });
  if (out.created) ctx.queue.kick();
  return out;
}

const FINISHED = new Set(['completed', 'failed', 'cancelled']);

export function isFinished(job: RenderJob): boolean {
  return FINISHED.has(job.status);
}

/** The job's updates until it finishes; the signal (the client went away) stops following, not the render. */
export async function* followRender(ctx: ServerContext, req: FastifyRequest, jobId: string, signal: AbortSignal): AsyncGenerator<ExportUpdate> {
  const view = (j: RenderJob): ExportUpdate => ({
    id: j.name,
    status: j.status,
    progress: j.progress,
    ...(j.status === 'completed' && j.output_file ? { url: downloadUrl(ctx, req, j) } : {}),
    ...(j.reason ? { reason: j.reason } : {}),
  });
  const first = ctx.store.jobs.byId(jobId);
  if (!first) return;
  yield view(first);
  if (isFinished(first)) return;
  const ac = new AbortController();
  const stop = () => ac.abort();
  signal.addEventListener('abort', stop, { once: true });
  try {
    // Subscribed before the second read, so a change between the two is not missed.
    const changes = on(ctx.jobEvents, `job:${jobId}`, { signal: ac.signal });
    const again = ctx.store.jobs.byId(jobId);
    if (again && again.updated_at !== first.updated_at) yield view(again);
    if (again && isFinished(again)) return;
    for await (const [job] of changes as AsyncIterable<[RenderJob]>) {
      yield view(job);
      if (isFinished(job)) return;
    }
  } catch (e) {
    if ((e as { name?: string }).name !== 'AbortError') throw e;
  } finally {
    signal.removeEventListener('abort', stop);
  }
}
