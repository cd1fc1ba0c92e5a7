// A session's media bin: what was uploaded, in upload order, with its probe result. Files live
// under the data dir named by id; the name a person gave is kept for display only.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { MediaInfo, MediaKind } from '../media/types.js';
import type { Db } from './db.js';

export interface MediaRow {
  id: string;
  session_id: string;
  seq: number;
  name: string;
  kind: MediaKind;
  file: string;
  bytes: number;
  info: MediaInfo;
  source: string;
  created_at: number;
}

export type NewMedia = Omit<MediaRow, 'seq' | 'created_at'>;

export interface MediaRepo {
  add(media: NewMedia): MediaRow;
  list(sessionId: string): MediaRow[];
  /** Probe results by media id, with paths under `mediaDir` (the data dir may have moved). */
  infos(sessionId: string, mediaDir: string): Map<string, MediaInfo>;
}

export function newMediaId(): string {
  return `m_${randomBytes(8).toString('hex')}`;
}

interface Row extends Omit<MediaRow, 'info'> {
  info_json: string;
}

export function createMediaRepo(db: Db, now: () => number = Date.now): MediaRepo {
  const nextSeq = db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 FROM media WHERE session_id = ?').pluck();
  const insert = db.prepare(
    'INSERT INTO media (id, session_id, seq, name, kind, file, bytes, info_json, source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const bySession = db.prepare('SELECT * FROM media WHERE session_id = ? ORDER BY seq');
  const toRow = (r: Row): MediaRow => {
    const { info_json, ...rest } = r;
    return { ...rest, info: JSON.parse(info_json) as MediaInfo };
  };
  const list = (sessionId: string) => (bySession.all(sessionId) as Row[]).map(toRow);
  return {
    add: db.transaction((m: NewMedia): MediaRow => {
      const seq = nextSeq.get(m.session_id) as number;
      const at = now();
      insert.run(m.id, m.session_id, seq, m.name, m.kind, m.file, m.bytes, JSON.stringify(m.info), m.source, at);
      return { ...m, seq, created_at: at };
    }),
    list,
    infos(sessionId, mediaDir) {
      return new Map(list(sessionId).map((m) => [m.id, { ...m.info, path: join(mediaDir, m.file) }]));
    },
  };
}
