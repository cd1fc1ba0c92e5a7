// The render job repository over a real SQLite file: idempotent inserts per (token, name),
// token scoping, claims that never hand one job to two workers, and guarded state changes.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.js';
import { createJobRepo, type NewJob } from '../../src/store/jobs.js';
import { freshDb, paperTimeline, type TestDb } from '../jobs/fixtures.js';

const open: TestDb[] = [];
function setup(now?: () => number): TestDb & { repo: ReturnType<typeof createJobRepo> } {
  const t = freshDb();
  open.push(t);
  return { ...t, repo: createJobRepo(t.db, now) };
}
afterEach(() => {
  for (const t of open.splice(0)) if (t.db.open) t.db.close();
});

function job(name: string, over: Partial<NewJob> = {}): NewJob {
  return { name, token_id: 't1', session_id: 's1', version_id: null, timeline: paperTimeline(), ...over };
}

const WORKER = fileURLToPath(new URL('../jobs/claim-worker.ts', import.meta.url));

/** A claiming process: resolves `ready` once its database is open, claims on `go()`, ends with the ids it got. */
function startClaimer(file: string): { ready: Promise<void>; go: (at: number) => void; result: Promise<string[]> } {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, file], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let markReady: () => void = () => {};
  const ready = new Promise<void>((res) => (markReady = res));
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    if (out.startsWith('ready\n')) markReady();
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const result = new Promise<string[]>((res, rej) =>
    child.on('close', (code) => (code === 0 ? res(JSON.parse(out.slice('ready\n'.length)) as string[]) : rej(new Error(`claimer exited ${code}: ${err}`)))),
  );
  return { ready, go: (at) => child.stdin.end(`${at}\n`), result };
}

/** A clock that ticks one millisecond a call, so "oldest" is unambiguous. */
function ticking(start = 1_000): () => number {
  let t = start;
  return () => t++;
}

describe('insert and find', () => {
  it('stores a queued job with its timeline and attribution, and reads it back equal', () => {
    const { repo } = setup(() => 42);
    const { job: j, created } = repo.insert(job('render_1', { attribution: { source: 'skill', version: '1.2.0', platform: 'cursor' } }));
    expect(created).toBe(true);
    expect(j).toMatchObject({
      name: 'render_1', token_id: 't1', session_id: 's1', version_id: null, status: 'queued', progress: 0, reason: null,
      output_file: null, attempts: 0, skill_source: 'skill', skill_version: '1.2.0', skill_platform: 'cursor', created_at: 42, updated_at: 42,
    });
    expect(j.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(j.timeline).toEqual(paperTimeline());
    expect(repo.byId(j.id)).toEqual(j);
    expect(repo.find('t1', 'render_1')).toEqual(j);
  });

  it('inserting the same (token, name) again returns the existing job, created: false, unchanged', () => {
    const { repo, db } = setup();
    const first = repo.insert(job('render_1'));
    const other = { ...paperTimeline(), format: { ...paperTimeline().format, aspect: '1:1' as const } };
    const again = repo.insert(job('render_1', { timeline: other }));
    expect(again.created).toBe(false);
    expect(again.job).toEqual(first.job);
    expect(db.prepare('SELECT count(*) FROM render_jobs').pluck().get()).toBe(1);
  });

  it('the same name under another token is another job', () => {
    const { repo } = setup();
    const a = repo.insert(job('render_1'));
    const b = repo.insert(job('render_1', { token_id: 't2', session_id: 's2' }));
    expect(b.created).toBe(true);
    expect(b.job.id).not.toBe(a.job.id);
  });

  it("another token's find is null", () => {
    const { repo } = setup();
    repo.insert(job('render_1'));
    expect(repo.find('t2', 'render_1')).toBeNull();
    expect(repo.find('t1', 'render_2')).toBeNull();
    expect(repo.byId('no-such-id')).toBeNull();
  });

  it('refuses a job whose token does not exist (foreign keys are on)', () => {
    const { repo } = setup();
    expect(() => repo.insert(job('render_1', { token_id: 'ghost' }))).toThrow(/FOREIGN KEY/);
  });

  it('lists a session’s jobs oldest first, only for its own token', () => {
    const { repo } = setup(ticking());
    repo.insert(job('render_b'));
    repo.insert(job('render_a'));
    repo.insert(job('render_x', { token_id: 't2', session_id: 's2' }));
    expect(repo.listForSession('t1', 's1').map((j) => j.name)).toEqual(['render_b', 'render_a']);
    expect(repo.listForSession('t2', 's1')).toEqual([]);
  });
});

describe('claimNext', () => {
  it('claims the oldest queued job: rendering, attempts 1; then the next; then null', () => {
    const { repo } = setup(ticking());
    const a = repo.insert(job('render_a')).job;
    const b = repo.insert(job('render_b')).job;
    const first = repo.claimNext();
    expect(first).toMatchObject({ id: a.id, status: 'rendering', attempts: 1 });
    expect(repo.claimNext()?.id).toBe(b.id);
    expect(repo.claimNext()).toBeNull();
  });

  it('two repositories on the same file, claiming in turns, never get the same job', () => {
    const { repo, file } = setup(ticking());
    const db2 = openDatabase(file);
    const repo2 = createJobRepo(db2);
    try {
      const ids = Array.from({ length: 50 }, (_, i) => repo.insert(job(`render_${i}`)).job.id);
      const got: string[][] = [[], []];
      for (;;) {
        const x = repo.claimNext();
        const y = repo2.claimNext();
        if (x) got[0]!.push(x.id);
        if (y) got[1]!.push(y.id);
        if (!x && !y) break;
      }
      expect(got[0]!.length).toBe(25);
      expect([...got[0]!, ...got[1]!].sort()).toEqual([...ids].sort());
    } finally {
      db2.close();
    }
  });

  it('two processes claiming at once from the same file get every job exactly once, each claimed one time', async () => {
    const { repo, file, db } = setup(ticking());
    const ids = db.transaction(() => Array.from({ length: 1000 }, (_, i) => repo.insert(job(`render_${i}`)).job.id))();
    const claimers = [startClaimer(file), startClaimer(file)];
    await Promise.all(claimers.map((c) => c.ready));
    // One start time for both, a moment ahead: writing "go" to one and then the other would let
    // the first drain the queue before the second has read its line.
    const at = Date.now() + 300;
    for (const c of claimers) c.go(at);
    const [x, y] = await Promise.all(claimers.map((c) => c.result));
    // Both really claimed (the race happened), and no job went to both.
    expect(x!.length).toBeGreaterThan(0);
    expect(y!.length).toBeGreaterThan(0);
    expect(x!.filter((id) => new Set(y).has(id))).toEqual([]);
    expect([...x!, ...y!].sort()).toEqual([...ids].sort());
    const attempts = db.prepare("SELECT DISTINCT attempts FROM render_jobs WHERE status = 'rendering'").pluck().all();
    expect(attempts).toEqual([1]);
  });

  it('a cancelled job is never claimed', () => {
    const { repo } = setup(ticking());
    repo.insert(job('render_a'));
    const b = repo.insert(job('render_b')).job;
    repo.cancel('t1', 'render_a');
    expect(repo.claimNext()?.id).toBe(b.id);
    expect(repo.claimNext()).toBeNull();
  });
});

describe('state changes', () => {
  it('progress is recorded (clamped to 0..1) only while rendering', () => {
    const { repo } = setup();
    const j = repo.insert(job('render_a')).job;
    expect(repo.setProgress(j.id, 0.5)).toBe(false);
    expect(repo.byId(j.id)?.progress).toBe(0);
    repo.claimNext();
    expect(repo.setProgress(j.id, 0.5)).toBe(true);
    expect(repo.byId(j.id)?.progress).toBe(0.5);
    repo.setProgress(j.id, 7);
    expect(repo.byId(j.id)?.progress).toBe(1);
  });

  it('complete records the file and progress 1; a finished job takes no later progress, failure or completion', () => {
    const { repo } = setup();
    const j = repo.insert(job('render_a')).job;
    repo.claimNext();
    expect(repo.complete(j.id, '/out/a.mp4')).toBe(true);
    expect(repo.byId(j.id)).toMatchObject({ status: 'completed', progress: 1, output_file: '/out/a.mp4' });
    expect(repo.setProgress(j.id, 0.2)).toBe(false);
    expect(repo.fail(j.id, 'late')).toBe(false);
    expect(repo.complete(j.id, '/out/b.mp4')).toBe(false);
    expect(repo.byId(j.id)).toMatchObject({ status: 'completed', progress: 1, output_file: '/out/a.mp4', reason: null });
  });

  it('a queued job cannot be completed before it is claimed', () => {
    const { repo } = setup();
    const j = repo.insert(job('render_a')).job;
    expect(repo.complete(j.id, '/out/a.mp4')).toBe(false);
    expect(repo.byId(j.id)?.status).toBe('queued');
  });

  it('fail records the reason', () => {
    const { repo } = setup();
    const j = repo.insert(job('render_a')).job;
    repo.claimNext();
    expect(repo.fail(j.id, 'Clip 1 uses media "m1", which was not found.')).toBe(true);
    expect(repo.byId(j.id)).toMatchObject({ status: 'failed', reason: 'Clip 1 uses media "m1", which was not found.' });
  });

  it('cancel: queued and rendering jobs become cancelled; finished jobs come back unchanged; other tokens get null', () => {
    const { repo } = setup(ticking());
    const a = repo.insert(job('render_a')).job;
    const b = repo.insert(job('render_b')).job;
    const c = repo.insert(job('render_c')).job;
    repo.claimNext(); // a: rendering
    repo.claimNext(); // b: rendering
    repo.complete(b.id, '/out/b.mp4');
    expect(repo.cancel('t2', 'render_a')).toBeNull();
    expect(repo.byId(a.id)?.status).toBe('rendering');
    expect(repo.cancel('t1', 'render_a')?.status).toBe('cancelled');
    expect(repo.cancel('t1', 'render_c')?.status).toBe('cancelled');
    expect(repo.byId(c.id)?.status).toBe('cancelled');
    expect(repo.cancel('t1', 'render_b')).toMatchObject({ status: 'completed', output_file: '/out/b.mp4' });
    expect(repo.cancel('t1', 'render_nope')).toBeNull();
    // A cancelled job stays cancelled: the worker finishing late cannot complete it.
    expect(repo.complete(a.id, '/out/a.mp4')).toBe(false);
    expect(repo.byId(a.id)?.status).toBe('cancelled');
  });

  it('requeueInterrupted puts every rendering job back in the queue at progress 0 and says how many; a re-claim counts a second attempt', () => {
    const { repo } = setup(ticking());
    const a = repo.insert(job('render_a')).job;
    const b = repo.insert(job('render_b')).job;
    const c = repo.insert(job('render_c')).job;
    repo.claimNext();
    repo.claimNext();
    repo.setProgress(a.id, 0.6);
    repo.complete(b.id, '/out/b.mp4');
    repo.claimNext(); // c
    expect(repo.requeueInterrupted()).toBe(2);
    expect(repo.byId(a.id)).toMatchObject({ status: 'queued', progress: 0, attempts: 1 });
    expect(repo.byId(b.id)?.status).toBe('completed');
    expect(repo.byId(c.id)?.status).toBe('queued');
    expect(repo.requeueInterrupted()).toBe(0);
    expect(repo.claimNext()).toMatchObject({ id: a.id, status: 'rendering', attempts: 2 });
  });

  it('requeue lets go of one rendering job only', () => {
    const { repo } = setup(ticking());
    const a = repo.insert(job('render_a')).job;
    expect(repo.requeue(a.id)).toBe(false);
    repo.claimNext();
    expect(repo.requeue(a.id)).toBe(true);
    expect(repo.byId(a.id)?.status).toBe('queued');
  });

  it('a row whose stored timeline no longer parses is failed with a reason, and the claim moves on', () => {
    const { repo, db } = setup(ticking());
    const bad = repo.insert(job('render_bad')).job;
    const good = repo.insert(job('render_good')).job;
    db.prepare('UPDATE render_jobs SET timeline_json = ? WHERE id = ?').run('{"version": 99}', bad.id);
    expect(repo.claimNext()?.id).toBe(good.id);
    const row = db.prepare('SELECT status, reason FROM render_jobs WHERE id = ?').get(bad.id) as { status: string; reason: string };
    expect(row.status).toBe('failed');
    expect(row.reason).toMatch(/timeline .* not valid/);
  });
});
