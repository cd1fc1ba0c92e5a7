// The local render queue on a real database, real ffmpeg and generated clips: jobs run one at a
// time to a checked MP4, cancels leave nothing behind, failures say why and never stop the pool,
// and a job in flight when the process died runs again after a restart.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FfmpegInfo, MediaInfo } from '../../src/media/index.js';
import { checkFile } from '../../src/render/index.js';
import { createRenderQueue, type RenderJob, type RenderQueue, type RenderQueueOptions } from '../../src/jobs/index.js';
import { openDatabase } from '../../src/store/db.js';
import { createJobRepo, type JobRepo } from '../../src/store/jobs.js';
import { audioStream, tempDir, videoStream } from '../helpers/media.js';
import { freshDb, getFfmpeg, squareClip, type RenderableClip, type TestDb } from './fixtures.js';

let ff: FfmpegInfo;
let short: RenderableClip; // 4 s: a quick export that passes the square check
let long: RenderableClip; // 30 s: long enough to cancel mid-encode
let tooShort: RenderableClip; // 2 s: fails the check (square wants at least 3 s)

beforeAll(async () => {
  ff = await getFfmpeg();
  const dir = tempDir('reelcut-queue-media-');
  [short, long, tooShort] = await Promise.all([squareClip(ff, 4, dir), squareClip(ff, 30, dir), squareClip(ff, 2, dir)]);
});

interface Harness extends TestDb {
  repo: JobRepo;
  queue: RenderQueue;
  out: string;
  events: RenderJob[];
  /** Media by job name; a job not listed gets `short`'s media. */
  mediaFor: Map<string, Map<string, MediaInfo>>;
}

const live: Harness[] = [];
afterEach(async () => {
  for (const h of live.splice(0)) {
    await h.queue.stop();
    h.db.close();
  }
});

function harness(over: Partial<RenderQueueOptions> = {}, t: TestDb = freshDb()): Harness {
  let clock = 1_000;
  const repo = createJobRepo(t.db, () => clock++);
  const out = join(t.dir, 'renders');
  const events: RenderJob[] = [];
  const mediaFor = new Map<string, Map<string, MediaInfo>>();
  const queue = createRenderQueue({
    repo,
    outputDir: out,
    ff,
    loadMedia: (job) => mediaFor.get(job.name) ?? short.media,
    onChange: (job) => events.push(job),
    ...over,
  });
  const h = { ...t, repo, queue, out, events, mediaFor };
  live.push(h);
  return h;
}

function add(h: Harness, name: string, clip: RenderableClip = short): RenderJob {
  h.mediaFor.set(name, clip.media);
  return h.repo.insert({ name, token_id: 't1', session_id: 's1', version_id: null, timeline: clip.timeline }).job;
}

const eventsOf = (h: Harness, id: string) => h.events.filter((e) => e.id === id);

describe('render queue', () => {
  it('takes a job queued → rendering → completed, progress rising to 1, into an MP4 that passes the check', async () => {
    const h = harness();
    const job = add(h, 'render_1');
    expect(h.repo.byId(job.id)?.status).toBe('queued');
    h.queue.start();
    await h.queue.idle();

    const done = h.repo.byId(job.id)!;
    expect(done).toMatchObject({ status: 'completed', progress: 1, reason: null, attempts: 1, output_file: join(h.out, `${job.id}.mp4`) });
    const seen = eventsOf(h, job.id);
    expect(seen[0]).toMatchObject({ status: 'rendering', progress: 0 });
    expect(seen.at(-1)).toMatchObject({ status: 'completed', progress: 1 });
    const progress = seen.map((e) => e.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.some((p) => p > 0 && p < 1)).toBe(true);

    const v = videoStream(done.output_file!);
    expect([v.codec_name, v.profile, v.pix_fmt, v.width, v.height]).toEqual(['h264', 'High', 'yuv420p', 240, 240]);
    expect(audioStream(done.output_file!)?.codec_name).toBe('aac');
    const report = await checkFile(done.output_file!, { target: 'square', ffmpeg: ff.ffmpeg, ffprobe: ff.ffprobe });
    expect(report.ok).toBe(true);
    expect(readdirSync(h.out)).toEqual([`${job.id}.mp4`]);
  });

  it('with concurrency 1, two jobs run one after the other, oldest first, never two rendering at once', async () => {
    let mostRendering = 0;
    const h = harness({
      onChange: (job) => {
        h.events.push(job);
        const rendering = h.repo.listForSession('t1', 's1').filter((j) => j.status === 'rendering').length;
        mostRendering = Math.max(mostRendering, rendering);
      },
    });
    const a = add(h, 'render_a');
    const b = add(h, 'render_b');
    h.queue.start();
    await h.queue.idle();
    expect(h.repo.byId(a.id)?.status).toBe('completed');
    expect(h.repo.byId(b.id)?.status).toBe('completed');
    expect(mostRendering).toBe(1);
    const order = h.events.map((e) => `${e.name}:${e.status}`);
    expect(order.indexOf('render_a:completed')).toBeLessThan(order.indexOf('render_b:rendering'));
  });

  it('a job inserted after start runs when kicked', async () => {
    const h = harness();
    h.queue.start();
    await h.queue.idle();
    const job = add(h, 'render_late');
    h.queue.kick();
    await h.queue.idle();
    expect(h.repo.byId(job.id)?.status).toBe('completed');
  });

  it('cancel while rendering: the encode is aborted, the job is cancelled, no file is left, and the next job runs', async () => {
    const h = harness({
      onChange: (job) => {
        h.events.push(job);
        if (job.name === 'render_long' && job.status === 'rendering' && job.progress > 0 && job.progress < 0.5) h.queue.cancel(job.id);
      },
    });
    const longJob = add(h, 'render_long', long);
    const next = add(h, 'render_next');
    const started = Date.now();
    h.queue.start();
    await h.queue.idle();
    const cancelled = h.repo.byId(longJob.id)!;
    expect(cancelled).toMatchObject({ status: 'cancelled', output_file: null });
    // It was cancelled part way through, not after finishing.
    expect(cancelled.progress).toBeLessThan(0.5);
    expect(eventsOf(h, longJob.id).some((e) => e.status === 'completed')).toBe(false);
    expect(h.repo.byId(next.id)?.status).toBe('completed');
    expect(readdirSync(h.out)).toEqual([`${next.id}.mp4`]);
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  it('a job cancelled while queued is never started', async () => {
    const h = harness();
    const a = add(h, 'render_a');
    const b = add(h, 'render_b');
    expect(h.queue.cancel(a.id)).toBe(true);
    h.queue.start();
    await h.queue.idle();
    expect(h.repo.byId(a.id)).toMatchObject({ status: 'cancelled', attempts: 0 });
    expect(eventsOf(h, a.id).map((e) => e.status)).toEqual(['cancelled']);
    expect(h.repo.byId(b.id)?.status).toBe('completed');
    expect(h.queue.cancel(b.id)).toBe(false); // finished: nothing to cancel
    expect(h.repo.byId(b.id)?.status).toBe('completed');
  });

  it('a cancel written to the row by someone else (another process) stops the render too', async () => {
    const h = harness({
      onChange: (job) => {
        h.events.push(job);
        if (job.status === 'rendering' && job.progress > 0 && job.progress < 0.5) h.repo.cancel(job.token_id, job.name);
      },
    });
    const job = add(h, 'render_long', long);
    h.queue.start();
    await h.queue.idle();
    expect(h.repo.byId(job.id)).toMatchObject({ status: 'cancelled' });
    expect(h.repo.byId(job.id)!.progress).toBeLessThan(0.5);
    expect(readdirSync(h.out)).toEqual([]);
  });

  it('a timeline whose media is missing fails with a readable reason, and the next job still runs', async () => {
    const h = harness();
    const broken = add(h, 'render_broken');
    h.mediaFor.set('render_broken', new Map());
    const next = add(h, 'render_next');
    h.queue.start();
    await h.queue.idle();
    const failed = h.repo.byId(broken.id)!;
    expect(failed.status).toBe('failed');
    expect(failed.reason).toMatch(/Clip 1 uses media "m1", which was not found/);
    expect(failed.reason).not.toMatch(/\n\s+at /); // no stack
    expect(h.repo.byId(next.id)?.status).toBe('completed');
    expect(readdirSync(h.out)).toEqual([`${next.id}.mp4`]);
  });

  it('an error thrown by the media loader itself fails that job only', async () => {
    const h = harness({
      loadMedia: (job) => {
        if (job.name === 'render_boom') throw new TypeError('media table unreadable');
        return short.media;
      },
    });
    const boom = add(h, 'render_boom');
    const next = add(h, 'render_next');
    h.queue.start();
    await h.queue.idle();
    expect(h.repo.byId(boom.id)).toMatchObject({ status: 'failed', reason: 'The render failed unexpectedly: media table unreadable' });
    expect(h.repo.byId(next.id)?.status).toBe('completed');
  });

  it('a render that fails the Instagram check is failed, says which checks failed, and leaves no file', async () => {
    const h = harness();
    const job = add(h, 'render_short', tooShort);
    h.queue.start();
    await h.queue.idle();
    const failed = h.repo.byId(job.id)!;
    expect(failed.status).toBe('failed');
    expect(failed.reason).toMatch(/square requirements: .*Duration: 2(\.\d+)? s .*expected 3 s/);
    expect(readdirSync(h.out)).toEqual([]);
  });

  it('restart: a job left rendering by a process that died runs again from scratch and completes; stale partial files go', async () => {
    const first = freshDb();
    const repo = createJobRepo(first.db);
    const job = repo.insert({ name: 'render_1', token_id: 't1', session_id: 's1', version_id: null, timeline: short.timeline }).job;
    expect(repo.claimNext()?.id).toBe(job.id); // the old process claimed it...
    repo.setProgress(job.id, 0.4); // ...got part way...
    first.db.close(); // ...and died.
    const out = join(first.dir, 'renders');
    const partial = join(out, `.${job.id}.mp4.deadbeef.partial.mp4`);
    (await import('node:fs')).mkdirSync(out, { recursive: true });
    writeFileSync(partial, 'half an mp4');

    const reopened = { ...first, db: openDatabase(first.file) };
    const h = harness({}, reopened);
    expect(h.repo.byId(job.id)).toMatchObject({ status: 'rendering', attempts: 1 });
    h.queue.start();
    await h.queue.idle();
    expect(h.repo.byId(job.id)).toMatchObject({ status: 'completed', progress: 1, attempts: 2 });
    expect(existsSync(partial)).toBe(false);
    expect(readdirSync(h.out)).toEqual([`${job.id}.mp4`]);
  });

  it('stop aborts a running render and puts its job back in the queue; start again finishes it', async () => {
    let stopping: Promise<void> | null = null;
    const h = harness({
      onChange: (job) => {
        h.events.push(job);
        if (!stopping && job.status === 'rendering' && job.progress > 0 && job.progress < 0.5) stopping = h.queue.stop();
      },
    });
    const job = add(h, 'render_long', long);
    h.queue.start();
    await h.queue.idle();
    await stopping;
    expect(h.repo.byId(job.id)).toMatchObject({ status: 'queued', progress: 0, attempts: 1 });
    expect(readdirSync(h.out)).toEqual([]);
  });
});
