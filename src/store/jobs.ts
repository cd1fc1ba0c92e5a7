// The render job repository: one row per export a client asked for, keyed for clients by
// (token, name) and for the worker pool by a random id. Every state change is one SQL statement
// guarded by the state it leaves, so two workers, a cancel and a restart cannot trample each
// other: a transition that no longer applies simply changes nothing.
import { randomUUID } from 'node:crypto';
import { ReelcutError } from '../errors.js';
import { Timeline } from '../timeline/schema.js';
import type { Db } from './db.js';

export type JobStatus = 'queued' | 'rendering' | 'completed' | 'failed' | 'cancelled';

export interface RenderJob {
  id: string;
  name: string;
  token_id: string;
  session_id: string;
  version_id: number | null;
  timeline: Timeline;
  status: JobStatus;
  /** 0..1 */
  progress: number;
  reason: string | null;
  output_file: string | null;
  attempts: number;
  skill_source: string | null;
  skill_version: string | null;
  skill_platform: string | null;
  created_at: number;
  updated_at: number;
}

export interface NewJob {
  name: string;
  token_id: string;
  session_id: string;
  version_id: number | null;
  timeline: Timeline;
  attribution?: { source?: string; version?: string; platform?: string };
}

export interface JobRepo {
  /** The same (token_id, name) again returns the existing job untouched, with created: false. */
  insert(job: NewJob): { job: RenderJob; created: boolean };
  /** Scoped to the token: another token's job is null. */
  find(tokenId: string, name: string): RenderJob | null;
  byId(id: string): RenderJob | null;
  /** Oldest queued → rendering, attempts + 1, in one statement: two claimers never get the same job. */
  claimNext(): RenderJob | null;
  /** Only while rendering; false when the job is no longer rendering (cancelled, say). */
  setProgress(id: string, progress: number): boolean;
  /** rendering → completed (progress 1); false when the job is no longer rendering. */
  complete(id: string, outputFile: string): boolean;
  /** queued or rendering → failed; false when the job had already finished. */
  fail(id: string, reason: string): boolean;
  /** queued or rendering → cancelled; a finished job comes back unchanged; null if not the token's. */
  cancel(tokenId: string, name: string): RenderJob | null;
  /** rendering → queued, progress 0: a worker let go of it without finishing (shutdown). */
  requeue(id: string): boolean;
  /** At start: every 'rendering' job (in flight when the process died) → queued; returns how many. */
  requeueInterrupted(): number;
  /** Oldest first. */
  listForSession(tokenId: string, sessionId: string): RenderJob[];
}

interface JobRow {
  id: string;
  name: string;
  token_id: string;
  session_id: string;
  version_id: number | null;
  timeline_json: string;
  status: string;
  progress: number;
  reason: string | null;
  output_file: string | null;
  attempts: number;
  skill_source: string | null;
  skill_version: string | null;
  skill_platform: string | null;
  created_at: number;
  updated_at: number;
}

const STATUSES: readonly JobStatus[] = ['queued', 'rendering', 'completed', 'failed', 'cancelled'];

export function createJobRepo(db: Db, now: () => number = Date.now): JobRepo {
  const insertStmt = db.prepare(`
    INSERT INTO render_jobs (id, name, token_id, session_id, version_id, timeline_json, status, progress,
                             attempts, skill_source, skill_version, skill_platform, created_at, updated_at)
    VALUES (@id, @name, @token_id, @session_id, @version_id, @timeline_json, 'queued', 0,
            0, @skill_source, @skill_version, @skill_platform, @now, @now)
    ON CONFLICT (token_id, name) DO NOTHING`);
  const findStmt = db.prepare<[string, string], JobRow>('SELECT * FROM render_jobs WHERE token_id = ? AND name = ?');
  const byIdStmt = db.prepare<[string], JobRow>('SELECT * FROM render_jobs WHERE id = ?');
  // One statement is one atomic step in SQLite: the sub-select and the update see the same
  // snapshot under the write lock, so no second claimer can pick the row in between.
  const claimStmt = db.prepare<[number], JobRow>(`
    UPDATE render_jobs SET status = 'rendering', attempts = attempts + 1, progress = 0, updated_at = ?
    WHERE id = (SELECT id FROM render_jobs WHERE status = 'queued' ORDER BY created_at, rowid LIMIT 1)
    RETURNING *`);
  const progressStmt = db.prepare<[number, number, string]>(
    "UPDATE render_jobs SET progress = ?, updated_at = ? WHERE id = ? AND status = 'rendering'",
  );
  const completeStmt = db.prepare<[string, number, string]>(
    "UPDATE render_jobs SET status = 'completed', progress = 1, output_file = ?, reason = NULL, updated_at = ? WHERE id = ? AND status = 'rendering'",
  );
  const failStmt = db.prepare<[string, number, string]>(
    "UPDATE render_jobs SET status = 'failed', reason = ?, updated_at = ? WHERE id = ? AND status IN ('queued', 'rendering')",
  );
  const cancelStmt = db.prepare<[number, string, string]>(
    "UPDATE render_jobs SET status = 'cancelled', updated_at = ? WHERE token_id = ? AND name = ? AND status IN ('queued', 'rendering')",
  );
  const requeueStmt = db.prepare<[number, string]>(
    "UPDATE render_jobs SET status = 'queued', progress = 0, updated_at = ? WHERE id = ? AND status = 'rendering'",
  );
  const requeueAllStmt = db.prepare<[number]>(
    "UPDATE render_jobs SET status = 'queued', progress = 0, updated_at = ? WHERE status = 'rendering'",
  );
  const listStmt = db.prepare<[string, string], JobRow>(
    'SELECT * FROM render_jobs WHERE token_id = ? AND session_id = ? ORDER BY created_at, rowid',
  );

  const insertTx = db.transaction((job: NewJob): { job: RenderJob; created: boolean } => {
    const info = insertStmt.run({
      id: randomUUID(),
      name: job.name,
      token_id: job.token_id,
      session_id: job.session_id,
      version_id: job.version_id,
      // Parsed on the way in as well as out: a row that cannot be rendered never enters the queue.
      timeline_json: JSON.stringify(Timeline.parse(job.timeline)),
      skill_source: job.attribution?.source ?? null,
      skill_version: job.attribution?.version ?? null,
      skill_platform: job.attribution?.platform ?? null,
      now: now(),
    });
    const row = findStmt.get(job.token_id, job.name);
    if (!row) throw new Error(`render job ${job.name} vanished right after its insert`);
    return { job: toJob(row), created: info.changes === 1 };
  });

  const claimTx = db.transaction((): RenderJob | null => {
    // A row whose timeline no longer parses (written by another version, say) is failed with a
    // reason rather than handed to a worker or left to block the queue.
    for (;;) {
      const row = claimStmt.get(now());
      if (!row) return null;
      const job = tryToJob(row);
      if (job) return job;
      failStmt.run('The stored timeline of this render is not valid; start the export again.', now(), row.id);
    }
  });

  return {
    insert: (job) => insertTx.immediate(job),
    find: (tokenId, name) => mapRow(findStmt.get(tokenId, name)),
    byId: (id) => mapRow(byIdStmt.get(id)),
    claimNext: () => claimTx.immediate(),
    setProgress: (id, progress) => {
      const p = Number.isFinite(progress) ? Math.min(1, Math.max(0, progress)) : 0;
      return progressStmt.run(p, now(), id).changes === 1;
    },
    complete: (id, outputFile) => completeStmt.run(outputFile, now(), id).changes === 1,
    fail: (id, reason) => failStmt.run(reason, now(), id).changes === 1,
    cancel: (tokenId, name) => {
      cancelStmt.run(now(), tokenId, name);
      return mapRow(findStmt.get(tokenId, name));
    },
    requeue: (id) => requeueStmt.run(now(), id).changes === 1,
    requeueInterrupted: () => requeueAllStmt.run(now()).changes,
    listForSession: (tokenId, sessionId) => listStmt.all(tokenId, sessionId).map(toJob),
  };
}

function mapRow(row: JobRow | undefined): RenderJob | null {
  return row ? toJob(row) : null;
}

function tryToJob(row: JobRow): RenderJob | null {
  try {
    const job = toJob(row);
    void job.timeline; // parsed now: a worker is never handed a timeline that cannot render
    return job;
  } catch {
    return null;
  }
}

function toJob(row: JobRow): RenderJob {
  if (!(STATUSES as readonly string[]).includes(row.status)) {
    throw new ReelcutError('INVALID_INPUT', `Render job ${row.name} has an unknown status "${row.status}".`, { job_id: row.id });
  }
  let timeline: Timeline | undefined;
  return {
    id: row.id,
    name: row.name,
    token_id: row.token_id,
    session_id: row.session_id,
    version_id: row.version_id,
    // Parsed on first read: listing a session's renders (every state read) never needs it.
    get timeline(): Timeline {
      return (timeline ??= Timeline.parse(JSON.parse(row.timeline_json)));
    },
    status: row.status as JobStatus,
    progress: row.progress,
    reason: row.reason,
    output_file: row.output_file,
    attempts: row.attempts,
    skill_source: row.skill_source,
    skill_version: row.skill_version,
    skill_platform: row.skill_platform,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
