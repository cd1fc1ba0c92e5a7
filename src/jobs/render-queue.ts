// The local render queue: a small pool of workers in this process that claim jobs from the
// database, render them, check them against Instagram's rules, and record the outcome. The
// database is the queue; this module only decides when to claim and holds the AbortControllers
// of the renders it runs. A job's fate is always written to its row, so a crash loses nothing
// but the render in flight, which start() puts back in the queue.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ReelcutError } from '../errors.js';
import type { FfmpegInfo, MediaInfo } from '../media/index.js';
import { checkFile, checkTargetFor, renderTimeline, subtitlePaths, type RenderProgress } from '../render/index.js';
import type { JobRepo, RenderJob } from '../store/jobs.js';
import { summariseFailedCheck } from './failed-check.js';
import { killOrphanEncodes } from './orphan-encodes.js';

export interface QueueLog {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface RenderQueueOptions {
  repo: JobRepo;
  /** Finished renders land here as `<job id>.mp4` (and `<job id>.cover.jpg` when a cover was set). */
  outputDir: string;
  /** Renders at once; default 1 (one ffmpeg already uses every core). */
  concurrency?: number;
  ff: FfmpegInfo;
  /** The probed media a job's timeline refers to, by media id. */
  loadMedia: (job: RenderJob) => Map<string, MediaInfo>;
  /** After every status or progress change (progress at most about 4 times a second per job). */
  onChange?: (job: RenderJob) => void;
  log?: QueueLog;
  /** Least time between two progress writes of one job. */
  progressIntervalMs?: number;
}

export interface RenderQueue {
  /** Puts jobs interrupted by a previous process back in the queue, then starts working. */
  start(): void;
  /** A job was inserted: claim it if a worker is free. */
  kick(): void;
  /** Cancels a queued or rendering job (aborting its render); false when it had already finished or does not exist. */
  cancel(jobId: string): boolean;
  /** Stops claiming, aborts running renders (their jobs go back to queued), waits for them. */
  stop(): Promise<void>;
  /** Resolves when nothing is queued or running (or the queue is not started). */
  idle(): Promise<void>;
}

/** Why a render was aborted: a person cancelled it, or the server is shutting down. */
type AbortWhy = 'cancel' | 'stop';

/** The final encode is this share of the progress bar; the check after it is the rest. */
const RENDER_SHARE = 0.95;
const DEFAULT_PROGRESS_INTERVAL_MS = 250;
const CLAIM_RETRY_MS = 1000;
/** What render/run.ts writeAtomically names its temporary files: left behind only by a crash. */
const PARTIAL_FILE = /^\..+\.partial\.mp4$/;

const silentLog: QueueLog = { info: () => {}, error: () => {} };

export function createRenderQueue(opts: RenderQueueOptions): RenderQueue {
  const repo = opts.repo;
  const outputDir = resolve(opts.outputDir);
  const concurrency = Math.max(1, Math.floor(opts.concurrency ?? 1));
  const log = opts.log ?? silentLog;
  const progressInterval = opts.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS;

  const running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  let started = false;
  /** The last claim found nothing queued, and nothing was kicked since. */
  let drained = false;
  let pumping = false;
  let pumpAgain = false;
  let retryTimer: NodeJS.Timeout | null = null;
  let idleWaiters: Array<() => void> = [];

  function emit(id: string): void {
    if (!opts.onChange) return;
    try {
      const job = repo.byId(id);
      if (job) opts.onChange(job);
    } catch (e) {
      log.error({ err: e, job_id: id }, 'render queue: onChange failed');
    }
  }

  function settleIdle(): void {
    if (running.size > 0 || (started && !drained)) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
  }

  /** Claims jobs until the pool is full or the queue is empty. Re-entrant calls just ask for another round. */
  function pump(): void {
    if (pumping) {
      pumpAgain = true;
      return;
    }
    pumping = true;
    try {
      do {
        pumpAgain = false;
        while (started && running.size < concurrency) {
          let job: RenderJob | null;
          try {
            job = repo.claimNext();
          } catch (e) {
            // The database is busy or broken: try again shortly rather than stall for good.
            log.error({ err: e }, 'render queue: could not claim a job');
            drained = false;
            scheduleRetry();
            break;
          }
          if (!job) {
            drained = true;
            break;
          }
          launch(job);
        }
      } while (pumpAgain);
    } finally {
      pumping = false;
    }
    settleIdle();
  }

  function scheduleRetry(): void {
    if (retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      pump();
    }, CLAIM_RETRY_MS);
    retryTimer.unref();
  }

  function launch(job: RenderJob): void {
    // Registered before the worker runs a line, so an onChange handler that cancels it finds it.
    const entry = { controller: new AbortController(), done: Promise.resolve() };
    running.set(job.id, entry);
    entry.done = runJob(job, entry.controller.signal)
      .catch((e: unknown) => log.error({ err: e, job_id: job.id }, 'render queue: a job ended with an unexpected error'))
      .finally(() => {
        running.delete(job.id);
        pump();
      });
  }

  async function runJob(job: RenderJob, signal: AbortSignal): Promise<void> {
    const outPath = join(outputDir, `${job.id}.mp4`);
    log.info({ job_id: job.id, name: job.name, attempt: job.attempts }, 'render started');
    emit(job.id);
    try {
      await mkdir(outputDir, { recursive: true });
      const media = opts.loadMedia(job);
      await renderTimeline({
        timeline: job.timeline,
        media,
        outPath,
        ff: opts.ff,
        signal,
        onProgress: progressWriter(job.id),
      });
      if (signal.aborted) throw cancelled();
      const report = await checkFile(outPath, { target: checkTargetFor(job.timeline), ffmpeg: opts.ff.ffmpeg, ffprobe: opts.ff.ffprobe });
      if (signal.aborted) throw cancelled();
      if (!report.ok) {
        // An export promises an Instagram-ready file: one that fails the check is not delivered.
        await removeOutputs(outPath);
        const reason = summariseFailedCheck(report);
        repo.fail(job.id, reason);
        log.error({ job_id: job.id, reason }, 'render failed the Instagram check');
      } else if (repo.complete(job.id, outPath)) {
        log.info({ job_id: job.id, output: outPath }, 'render completed');
      } else {
        // Cancelled (by another process, say) while it was finishing: the row's word stands.
        await removeOutputs(outPath);
      }
    } catch (e) {
      await removeOutputs(outPath);
      if (signal.aborted) {
        if ((signal.reason as AbortWhy) === 'stop') repo.requeue(job.id);
        else repo.cancel(job.token_id, job.name);
        log.info({ job_id: job.id, why: signal.reason as AbortWhy }, 'render aborted');
      } else {
        const reason = reasonOf(e);
        repo.fail(job.id, reason);
        log.error({ job_id: job.id, reason, err: e }, 'render failed');
      }
    }
    emit(job.id);
  }

  /**
   * Progress goes to the row at most every `progressInterval` ms. The write doubles as a
   * watch on the row: when it no longer says 'rendering' (cancelled through the repository,
   * perhaps by another process), the render is aborted.
   */
  function progressWriter(id: string): (p: RenderProgress) => void {
    let last = 0;
    return (p) => {
      const t = Date.now();
      if (t - last < progressInterval && p.percent < 100) return;
      last = t;
      const entry = running.get(id);
      if (!entry || entry.controller.signal.aborted) return;
      try {
        if (repo.setProgress(id, (p.percent / 100) * RENDER_SHARE)) emit(id);
        else entry.controller.abort('cancel' satisfies AbortWhy);
      } catch (e) {
        log.error({ err: e, job_id: id }, 'render queue: could not record progress');
      }
    };
  }

  async function removeOutputs(outPath: string): Promise<void> {
    await rm(outPath, { force: true });
    await rm(outPath.replace(/\.mp4$/, '.cover.jpg'), { force: true });
    const subtitles = subtitlePaths(outPath);
    await rm(subtitles.srt, { force: true });
    await rm(subtitles.vtt, { force: true });
  }

  function removeStalePartials(): void {
    try {
      for (const name of readdirSync(outputDir)) {
        if (PARTIAL_FILE.test(name)) rmSync(join(outputDir, name), { force: true });
      }
    } catch (e) {
      log.error({ err: e, dir: outputDir }, 'render queue: could not clear partial files');
    }
  }

  return {
    start() {
      if (started) return;
      mkdirSync(outputDir, { recursive: true });
      const orphans = killOrphanEncodes(outputDir);
      if (orphans.length > 0) log.info({ pids: orphans }, 'render queue: stopped encodes a previous process left running');
      removeStalePartials();
      const requeued = repo.requeueInterrupted();
      if (requeued > 0) log.info({ requeued }, 'render queue: interrupted renders queued again');
      started = true;
      drained = false;
      pump();
    },
    kick() {
      drained = false;
      pump();
    },
    cancel(jobId) {
      const job = repo.byId(jobId);
      if (!job || (job.status !== 'queued' && job.status !== 'rendering')) return false;
      repo.cancel(job.token_id, job.name);
      running.get(jobId)?.controller.abort('cancel' satisfies AbortWhy);
      emit(jobId);
      return true;
    },
    async stop() {
      started = false;
      if (retryTimer) {
        clearTimeout(retryTimer);
        retryTimer = null;
      }
      const entries = [...running.values()];
      for (const { controller } of entries) controller.abort('stop' satisfies AbortWhy);
      await Promise.all(entries.map((e) => e.done));
      settleIdle();
    },
    idle() {
      return new Promise<void>((res) => {
        idleWaiters.push(res);
        settleIdle();
      });
    },
  };
}

function cancelled(): ReelcutError {
  return new ReelcutError('RENDER_CANCELLED', 'The render was cancelled.');
}

/** A message a person can act on; never a stack. */
function reasonOf(e: unknown): string {
  if (e instanceof ReelcutError) return e.message;
  const msg = e instanceof Error ? e.message : String(e);
  return `The render failed unexpectedly: ${msg}`;
}
