// The store's door: one SQLite database and a repository per kind of record.
import { openDatabase, type Db } from './db.js';
import { createCreditRepo, type CreditRepo } from './credits.js';
import { createMediaRepo, type MediaRepo } from './media.js';
import { createRequestLog, type RequestLog } from './request-log.js';
import { createSessionRepo, type SessionRepo } from './sessions.js';
import { createTokenRepo, type TokenRepo } from './tokens.js';
import { createJobRepo, type JobRepo } from './jobs.js';

export interface Store {
  db: Db;
  tokens: TokenRepo;
  credits: CreditRepo;
  sessions: SessionRepo;
  media: MediaRepo;
  jobs: JobRepo;
  requests: RequestLog;
  close(): void;
}

export function openStore(file: string, now: () => number = Date.now): Store {
  const db = openDatabase(file);
  const requests = createRequestLog(db, now);
  return {
    db,
    tokens: createTokenRepo(db, now),
    credits: createCreditRepo(db, now),
    sessions: createSessionRepo(db, now),
    media: createMediaRepo(db, now),
    jobs: createJobRepo(db, now),
    requests,
    close: () => {
      requests.flush();
      db.close();
    },
  };
}

export { openDatabase, type Db } from './db.js';
export { runMigrations, MIGRATIONS, type Migration } from './migrations.js';
export { ANONYMOUS_TOKEN_MS, hashToken, type TokenRepo, type TokenRow, type IssuedToken } from './tokens.js';
export type { Balance, CreditRepo } from './credits.js';
export type { SessionRepo, SessionRow, StoredHistory } from './sessions.js';
export { newMediaId, type MediaRepo, type MediaRow, type NewMedia } from './media.js';
export type { RequestLog, RequestLogEntry } from './request-log.js';
export type { JobRepo, RenderJob, JobStatus, NewJob } from './jobs.js';
