// Who called what: one row per request with the skill attribution headers, never the token.
import type { Db } from './db.js';

export interface RequestLogEntry {
  at: number;
  method: string;
  route: string;
  status: number;
  ms: number;
  token_id: string | null;
  client_id: string | null;
  skill_source: string | null;
  skill_version: string | null;
  skill_platform: string | null;
}

export interface RequestLog {
  /** Queued and written with the others of the same tick (see flush). */
  record(entry: RequestLogEntry): void;
  recent(limit: number): RequestLogEntry[];
  /** Writes what is queued now (also done on its own every FLUSH_MS, and at close). */
  flush(): void;
}

/** How long request rows are kept: enough to answer "who called what" for a month, no more. */
export const REQUEST_LOG_DAYS = 30;
const FLUSH_MS = 200;

export function createRequestLog(db: Db, now: () => number = Date.now): RequestLog {
  db.prepare('DELETE FROM request_log WHERE at < ?').run(now() - REQUEST_LOG_DAYS * 24 * 3600 * 1000);
  const insert = db.prepare(
    `INSERT INTO request_log (at, method, route, status, ms, token_id, client_id, skill_source, skill_version, skill_platform)
     VALUES (@at, @method, @route, @status, @ms, @token_id, @client_id, @skill_source, @skill_version, @skill_platform)`,
  );
  const recent = db.prepare(
    'SELECT at, method, route, status, ms, token_id, client_id, skill_source, skill_version, skill_platform FROM request_log ORDER BY id DESC LIMIT ?',
  );
  // One commit per request would be the most expensive thing a cheap read does (a WAL append
  // each); entries are gathered for FLUSH_MS and written in one transaction. A crash loses at
  // most that much of the log, never anything a client was promised.
  let pending: RequestLogEntry[] = [];
  const writeAll = db.transaction((entries: RequestLogEntry[]) => {
    for (const e of entries) insert.run(e);
  });
  const flush = () => {
    if (pending.length === 0 || !db.open) return;
    const batch = pending;
    pending = [];
    writeAll(batch);
  };
  return {
    record: (entry) => {
      if (pending.length === 0) setTimeout(flush, FLUSH_MS).unref();
      pending.push(entry);
    },
    recent: (limit) => {
      flush();
      return recent.all(limit) as RequestLogEntry[];
    },
    flush,
  };
}
