// One SQLite file per data dir. WAL so readers never wait on the writer, foreign keys on,
// a busy timeout so a second process (a restarted server while the old one still exits) waits
// instead of failing. Migrations run before anything else touches the database.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { runMigrations } from './migrations.js';

export type Db = Database.Database;

export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // WAL with NORMAL is durable across process crashes (only an OS crash can lose the last commit).
  db.pragma('synchronous = NORMAL');
  runMigrations(db);
  return db;
}
