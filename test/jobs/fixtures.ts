// Shared by the job repository and render queue tests: a real SQLite file with the token and
// session rows render_jobs refers to, generated clips, and timelines over them.
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/store/db.js';
import { getFfmpeg, probeMedia, toMediaItem, type FfmpegInfo, type MediaInfo } from '../../src/media/index.js';
import { apply, createTimeline, type Timeline } from '../../src/timeline/index.js';
import type { MediaItem } from '../../src/timeline/schema.js';
import { ffmpeg, tempDir } from '../helpers/media.js';

export interface TestDb {
  db: Db;
  file: string;
  dir: string;
}

/** A fresh database file with tokens t1, t2 and sessions s1 (of t1), s2 (of t2). */
export function freshDb(): TestDb {
  const dir = tempDir('reelcut-jobs-');
  const file = join(dir, 'reelcut.db');
  const db = openDatabase(file);
  for (const [token, session] of [['t1', 's1'], ['t2', 's2']] as const) {
    db.prepare("INSERT INTO tokens (id, hash, client_id, kind, created_at, expires_at) VALUES (?, ?, NULL, 'anonymous', 0, 9e15)").run(token, `hash-${token}`);
    db.prepare('INSERT INTO sessions (id, task_id, token_id, name, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0)').run(session, `task-${session}`, token, 'project');
  }
  return { db, file, dir };
}

/** A timeline over a bin item that was never probed: enough for the repository, not for rendering. */
export function paperTimeline(): Timeline {
  const item: MediaItem = { id: 'm1', name: 'a.mp4', kind: 'video', duration_ms: 2000, width: 320, height: 568, has_audio: true };
  return createTimeline([item]);
}

export interface RenderableClip {
  timeline: Timeline;
  media: Map<string, MediaInfo>;
}

/**
 * A 320x568 testsrc2 + sine clip of `seconds`, as a square 240x240 timeline: the smallest export
 * the "square" check accepts (it wants at least 3 s, and no minimum size).
 */
export async function squareClip(ff: FfmpegInfo, seconds: number, dir: string, name = `clip-${seconds}s.mp4`): Promise<RenderableClip> {
  const path = join(dir, name);
  ffmpeg([
    '-f', 'lavfi', '-i', `testsrc2=s=320x568:r=30:d=${seconds}`,
    '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', path,
  ]);
  const info = await probeMedia(path, ff);
  let timeline = createTimeline([{ ...toMediaItem(info, 'm1', name), path }]);
  timeline = apply(timeline, { op: 'set_aspect', aspect: '1:1' });
  timeline = apply(timeline, { op: 'set_resolution', height: 240 });
  return { timeline, media: new Map([['m1', info]]) };
}

export { getFfmpeg };
