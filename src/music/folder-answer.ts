// Music asked for by words, answered from a person's folder (`--music-dir`) for the CLI and the
// server alike: each add_music with a query gets the folder's song that matches (user-resolve.ts)
// bound to a media id by the caller, or stays as it is for the bundled library. One line each
// says which and why.
import type { Operation } from '../operations/index.js';
import type { UserTrack } from './user-library.js';
import { resolveUserMusic } from './user-resolve.js';

export interface FolderAnswer {
  operations: Operation[];
  notes: string[];
}

/**
 * `where` names the folder in the notes ("music", "your music folder"); `bind` gives the media
 * id a chosen song plays as (asked once per song).
 */
export async function answerFromFolder(
  ops: readonly Operation[],
  tracks: readonly UserTrack[],
  words: string,
  where: string,
  bind: (track: UserTrack) => Promise<string>,
): Promise<FolderAnswer> {
  const notes: string[] = [];
  const operations: Operation[] = [];
  const bound = new Map<string, string>();
  for (const op of ops) {
    if (op.op !== 'add_music' || op.media_id !== undefined) {
      operations.push(op);
      continue;
    }
    const choice = resolveUserMusic({ ...(op.query !== undefined ? { query: op.query } : {}), words }, tracks);
    if (!choice) {
      notes.push(tracks.length
        ? `No song in ${where} matches "${op.query ?? 'trending'}"; using the bundled library.`
        : `No audio files found in ${where}; using the bundled library.`);
      operations.push(op);
      continue;
    }
    let id = bound.get(choice.track.path);
    if (id === undefined) {
      id = await bind(choice.track);
      bound.set(choice.track.path, id);
    }
    notes.push(`Music from ${where}: "${choice.track.title}" (${choice.track.file}), ${choice.reason}.`);
    const { query: _query, ...rest } = op;
    operations.push({ ...rest, media_id: id });
  }
  return { operations, notes };
}
