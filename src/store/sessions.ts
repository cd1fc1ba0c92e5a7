// Sessions and their timeline versions. Versions are append-only rows; a session's undo history
// is the list of version ids it walks plus a cursor, so undo/redo survive restarts and a render
// can always name the exact version it was made from.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Timeline } from '../timeline/schema.js';
import type { Db } from './db.js';

export interface SessionRow {
  id: string;
  task_id: string;
  token_id: string;
  name: string;
  language: string | null;
  created_at: number;
  updated_at: number;
}

/** The undo history as stored: version ids oldest first, and the index of the current one. */
export interface StoredHistory {
  ids: number[];
  cursor: number;
}

export interface SessionRepo {
  create(tokenId: string, opts: { name: string; language: string | null; first: Timeline }): SessionRow;
  /** The session if it belongs to this token; another token's session reads as missing. */
  find(tokenId: string, sessionId: string): SessionRow | null;
  /** A session's display name, whoever owns it (for naming a download the signature already allowed). */
  nameOf(sessionId: string): string | null;
  history(sessionId: string): StoredHistory;
  version(versionId: number): Timeline;
  /**
   * Saves a turn's result in one transaction: the new timelines become versions and the history
   * becomes `next` (whose entries are saved ids or the new timelines, in order). Refused (false)
   * when the history changed since `base` was read, so two writers never lose each other's work.
   */
  commit(sessionId: string, base: StoredHistory, next: { entries: Array<number | Timeline>; cursor: number }, cause: string): StoredHistory | false;
}

const VERSION_CACHE = 512;

export function createSessionRepo(db: Db, now: () => number = Date.now): SessionRepo {
  const insertSession = db.prepare(
    'INSERT INTO sessions (id, task_id, token_id, name, language, history_json, cursor, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertVersion = db.prepare('INSERT INTO timeline_versions (session_id, timeline_json, cause, created_at) VALUES (?, ?, ?, ?)');
  const byOwner = db.prepare('SELECT id, task_id, token_id, name, language, created_at, updated_at FROM sessions WHERE id = ? AND token_id = ?');
  const nameById = db.prepare('SELECT name FROM sessions WHERE id = ?').pluck();
  const historyOf = db.prepare('SELECT history_json, cursor FROM sessions WHERE id = ?');
  const versionById = db.prepare('SELECT timeline_json FROM timeline_versions WHERE id = ?');
  const startHistory = db.prepare('UPDATE sessions SET history_json = ?, cursor = 0 WHERE id = ?');
  const setHistory = db.prepare('UPDATE sessions SET history_json = ?, cursor = ?, updated_at = ? WHERE id = ? AND history_json = ? AND cursor = ?');

  // Versions never change once written, so a small cache is always right.
  const cache = new Map<number, Timeline>();
  const remember = (id: number, t: Timeline) => {
    if (cache.size >= VERSION_CACHE) cache.delete(cache.keys().next().value as number);
    cache.set(id, t);
  };

  const history = (sessionId: string): StoredHistory => {
    const row = historyOf.get(sessionId) as { history_json: string; cursor: number } | undefined;
    if (!row) throw new Error(`session ${sessionId} has no row`);
    return { ids: JSON.parse(row.history_json) as number[], cursor: row.cursor };
  };
  const version = (versionId: number): Timeline => {
    const hit = cache.get(versionId);
    if (hit) return hit;
    const row = versionById.get(versionId) as { timeline_json: string } | undefined;
    if (!row) throw new Error(`timeline version ${versionId} does not exist`);
    // Written only after validation, so parsing the JSON is enough.
    const t = JSON.parse(row.timeline_json) as Timeline;
    remember(versionId, t);
    return t;
  };

  const commitTx = db.transaction(
    (sessionId: string, base: StoredHistory, next: { entries: Array<number | Timeline>; cursor: number }, cause: string): StoredHistory => {
      const at = now();
      const ids = next.entries.map((e) => {
        if (typeof e === 'number') return e;
        // Not cached here: a rolled-back transaction would leave the cache naming ids SQLite reuses.
        return Number(insertVersion.run(sessionId, JSON.stringify(e), cause, at).lastInsertRowid);
      });
      const changed = setHistory.run(JSON.stringify(ids), next.cursor, at, sessionId, JSON.stringify(base.ids), base.cursor).changes;
      if (changed !== 1) throw new StaleHistory();
      return { ids, cursor: next.cursor };
    },
  );

  return {
    create: db.transaction((tokenId: string, opts: { name: string; language: string | null; first: Timeline }) => {
      const at = now();
      const id = randomUUID();
      const taskId = `task_${randomBytes(8).toString('hex')}`;
      insertSession.run(id, taskId, tokenId, opts.name, opts.language, '[]', -1, at, at);
      const vid = Number(insertVersion.run(id, JSON.stringify(opts.first), 'start', at).lastInsertRowid);
      startHistory.run(JSON.stringify([vid]), id);
      return { id, task_id: taskId, token_id: tokenId, name: opts.name, language: opts.language, created_at: at, updated_at: at };
    }),
    find(tokenId, sessionId) {
      return (byOwner.get(sessionId, tokenId) as SessionRow | undefined) ?? null;
    },
    nameOf: (sessionId) => (nameById.get(sessionId) as string | undefined) ?? null,
    history,
    version,
    commit(sessionId, base, next, cause) {
      try {
        return commitTx(sessionId, base, next, cause);
      } catch (e) {
        if (e instanceof StaleHistory) return false;
        throw e;
      }
    },
  };
}

/** Thrown inside commit's transaction so the versions it inserted roll back with it. */
class StaleHistory extends Error {}
