// Numbered migrations, applied in order, each in its own transaction, recorded in
// `schema_migrations`. Never edit a shipped migration: add the next number.
import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'tokens, credits, sessions, timeline versions, media, render jobs, request log',
    sql: `
      CREATE TABLE tokens (
        id          TEXT PRIMARY KEY,
        hash        TEXT NOT NULL UNIQUE,          -- sha256 of the bearer token; the token itself is never stored
        client_id   TEXT,
        kind        TEXT NOT NULL DEFAULT 'anonymous',
        created_at  INTEGER NOT NULL,
        expires_at  INTEGER NOT NULL
      );
      CREATE INDEX tokens_by_client ON tokens (client_id, created_at);

      -- The balance is a cache of the ledger, kept in the same transaction as each entry.
      CREATE TABLE balances (
        token_id  TEXT PRIMARY KEY REFERENCES tokens (id),
        total     INTEGER NOT NULL CHECK (total >= 0),
        frozen    INTEGER NOT NULL CHECK (frozen >= 0),
        CHECK (total >= frozen)
      );
      CREATE TABLE ledger_entries (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        token_id      TEXT NOT NULL REFERENCES tokens (id),
        delta_total   INTEGER NOT NULL,
        delta_frozen  INTEGER NOT NULL,
        reason        TEXT NOT NULL,               -- grant, freeze, charge, release
        ref           TEXT,                        -- the turn or job it belongs to
        created_at    INTEGER NOT NULL
      );
      CREATE INDEX ledger_by_token ON ledger_entries (token_id, id);
      CREATE TRIGGER ledger_append_only_update BEFORE UPDATE ON ledger_entries
        BEGIN SELECT RAISE(ABORT, 'the credit ledger is append-only'); END;
      CREATE TRIGGER ledger_append_only_delete BEFORE DELETE ON ledger_entries
        BEGIN SELECT RAISE(ABORT, 'the credit ledger is append-only'); END;

      CREATE TABLE sessions (
        id            TEXT PRIMARY KEY,
        task_id       TEXT NOT NULL UNIQUE,
        token_id      TEXT NOT NULL REFERENCES tokens (id),
        name          TEXT NOT NULL,
        language      TEXT,
        -- The undo history: version ids oldest first, and which one is current.
        history_json  TEXT NOT NULL DEFAULT '[]',
        cursor        INTEGER NOT NULL DEFAULT -1,
        created_at    INTEGER NOT NULL,
        updated_at    INTEGER NOT NULL
      );
      CREATE INDEX sessions_by_token ON sessions (token_id);

      -- Every version a session ever had; append-only, so a render's version stays readable even
      -- after an edit following an undo drops it from the history.
      CREATE TABLE timeline_versions (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id    TEXT NOT NULL REFERENCES sessions (id),
        timeline_json TEXT NOT NULL,
        cause         TEXT NOT NULL,               -- what made it: 'start', 'upload', an operation list
        created_at    INTEGER NOT NULL
      );
      CREATE INDEX versions_by_session ON timeline_versions (session_id, id);

      CREATE TABLE media (
        id          TEXT PRIMARY KEY,
        session_id  TEXT NOT NULL REFERENCES sessions (id),
        seq         INTEGER NOT NULL,              -- upload order in the session's bin, from 1
        name        TEXT NOT NULL,                 -- what the person called it; display only
        kind        TEXT NOT NULL,
        file        TEXT NOT NULL,                 -- file name under the data dir's media folder (the id)
        bytes       INTEGER NOT NULL,
        info_json   TEXT NOT NULL,                 -- the probe result
        source      TEXT NOT NULL,                 -- 'upload' or the URL it came from
        created_at  INTEGER NOT NULL,
        UNIQUE (session_id, seq)
      );

      CREATE TABLE render_jobs (
        id            TEXT PRIMARY KEY,            -- ours (random); never shown to clients
        name          TEXT NOT NULL,               -- the client's id ("render_<ts>"), unique per token
        token_id      TEXT NOT NULL REFERENCES tokens (id),
        session_id    TEXT NOT NULL REFERENCES sessions (id),
        version_id    INTEGER REFERENCES timeline_versions (id),
        timeline_json TEXT NOT NULL,               -- exactly what is rendered
        status        TEXT NOT NULL,               -- queued, rendering, completed, failed, cancelled
        progress      REAL NOT NULL DEFAULT 0,
        reason        TEXT,
        output_file   TEXT,
        attempts      INTEGER NOT NULL DEFAULT 0,
        skill_source   TEXT,
        skill_version  TEXT,
        skill_platform TEXT,
        created_at    INTEGER NOT NULL,
        updated_at    INTEGER NOT NULL,
        UNIQUE (token_id, name)
      );
      CREATE INDEX jobs_by_status ON render_jobs (status, created_at);

      CREATE TABLE request_log (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        at              INTEGER NOT NULL,
        method          TEXT NOT NULL,
        route           TEXT NOT NULL,
        status          INTEGER NOT NULL,
        ms              REAL NOT NULL,
        token_id        TEXT,
        client_id       TEXT,
        skill_source    TEXT,
        skill_version   TEXT,
        skill_platform  TEXT
      );
    `,
  },
  {
    version: 2,
    name: "a session's renders in order without a sort (every state read lists them)",
    sql: `CREATE INDEX jobs_by_session ON render_jobs (session_id, created_at);`,
  },
];

export function runMigrations(db: Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  const done = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  const applied: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, Date.now());
    })();
    applied.push(m.version);
  }
  return applied;
}
