// `serve --music-dir`: music asked for in chat comes from the person's own folder first, as with
// `reelcut edit --music-dir`. The chosen song is copied into the session's bin like an upload
// (renders read only bin files, and a song later moved or edited in the folder must not change
// a saved version), once per session and file.
import { copyFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { FileTooLarge, ReelcutError } from '../errors.js';
import type { Operation } from '../operations/index.js';
import { answerFromFolder, scanMusicFolder, type FolderAnswer, type UserTrack } from '../music/index.js';
import { newMediaId } from '../store/index.js';
import type { ServerContext } from './context.js';
import { admitFile } from './uploads/index.js';
import { newUploadFileName } from './uploads/names.js';

/** The media source of a song taken from the music folder. */
export const MUSIC_DIR_SOURCE = 'music-dir';

/** The operations with folder songs bound to bin ids, and a line a music request (see answerFromFolder). */
export async function chooseFolderMusic(ctx: ServerContext, sessionId: string, ops: Operation[], words: string, signal: AbortSignal): Promise<FolderAnswer> {
  const dir = ctx.opts.musicDir;
  if (!dir || !ops.some((op) => op.op === 'add_music' && op.media_id === undefined)) return { operations: ops, notes: [] };
  // The folder was there at start; one moved or unmounted since leaves music to the bundled library.
  const scan = await scanMusicFolder(dir, ctx.ff).catch((e: unknown) => {
    if (e instanceof ReelcutError && e.code === 'FILE_NOT_FOUND') return null;
    throw e;
  });
  signal.throwIfAborted();
  if (!scan) return { operations: ops, notes: ['Your music folder cannot be read now (was it moved?), so the bundled library answered.'] };
  return answerFromFolder(ops, scan.tracks, words, 'your music folder', (track) => binIdFor(ctx, sessionId, track));
}

/** The song's id in the session's bin: the copy made before when the file is unchanged, else a new one. */
async function binIdFor(ctx: ServerContext, sessionId: string, track: UserTrack): Promise<string> {
  const { size } = await stat(track.path);
  const known = ctx.store.media.list(sessionId).find((m) => m.source === MUSIC_DIR_SOURCE && m.name === track.file && m.bytes === size);
  if (known) return known.id;
  // The same limit as an upload: a song is copied into the data dir like one.
  if (size > ctx.opts.maxUploadBytes) throw new FileTooLarge(track.file, size);
  const tmpPath = join(ctx.paths.incoming, newUploadFileName());
  await copyFile(track.path, tmpPath).catch(async (e: unknown) => {
    await rm(tmpPath, { force: true });
    throw e;
  });
  const id = newMediaId();
  // admitFile probes the copy and moves it under media/<id>, or removes it and says why.
  const { info } = await admitFile({ tmpPath, name: track.file, bytes: size }, { mediaDir: ctx.paths.media, id, ff: ctx.ff });
  try {
    ctx.store.media.add({ id, session_id: sessionId, name: track.file, kind: info.kind, file: id, bytes: size, info, source: MUSIC_DIR_SOURCE });
  } catch (e) {
    await rm(info.path, { force: true });
    throw e;
  }
  return id;
}
