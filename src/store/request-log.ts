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
  record(entry: RequestLogEntry): void;
  recent(limit: number): RequestLogEntry[];
}

export function createRequestLog(db: Db): RequestLog {
  const insert = db.prepare(
    `INSERT INTO request_log (at, method, route, status, ms, token_id, client_id, skill_source, skill_version, skill_platform)
     VALUES (@at, @method, @route, @status, @ms, @token_id, @client_id, @skill_source, @skill_version, @skill_platform)`,
  );
  const recent = db.prepare(
    'SELECT at, method, route, status, ms, token_id, client_id, skill_source, skill_version, skill_platform FROM request_log ORDER BY id DESC LIMIT ?',
  );
  return {
    record: (entry) => void insert.run(entry),
    recent: (limit) => recent.all(limit) as RequestLogEntry[],
  };
}
