// The CLI's main job: files and words in, an Instagram-ready MP4 and its check report out.
// Shared by `edit`, `render` and `demo` so they behave the same.
import { basename, resolve } from 'node:path';
import { ReelcutError, invalidInput } from '../errors.js';
import { getFfmpeg, probeMedia, toMediaItem, type FfmpegInfo, type MediaInfo } from '../media/index.js';
import { answerFromFolder, bindLibraryMusic, scanMusicFolder } from '../music/index.js';
import { prepareOperation } from '../analysis/index.js';
import { Operation, describeOperation } from '../operations/index.js';
import { apply, createTimeline, trackSummary, type Timeline } from '../timeline/index.js';
import { renderTimeline, checkFile, checkTargetFor, type CheckReport, type RenderProgress, type RenderResult } from '../render/index.js';

export type FormatFlag = 'reels' | 'story' | 'square' | 'portrait' | 'landscape';

export const FORMAT_ASPECT: Record<FormatFlag, '9:16' | '1:1' | '4:5' | '16:9'> = {
  reels: '9:16',
  story: '9:16',
  square: '1:1',
  portrait: '4:5',
  landscape: '16:9',
};


export interface LoadedMedia {
  ff: FfmpegInfo;
  infos: Map<string, MediaInfo>;
  timeline: Timeline;
}

/** Probes every input once and builds the starting timeline from them, in order. */
export async function loadInputs(paths: string[], opts: { music?: string } = {}): Promise<LoadedMedia> {
  const ff = await getFfmpeg();
  const infos = new Map<string, MediaInfo>();
  const items = [];
  let n = 0;
  for (const p of paths) {
    const info = await probeMedia(resolve(p), ff);
    const id = `m${++n}`;
    infos.set(id, info);
    items.push({ ...toMediaItem(info, id, basename(p)), path: resolve(p) });
  }
  if (!items.some((i) => i.kind !== 'audio')) {
    throw invalidInput('Give at least one video or image to edit (audio files go to --music).');
  }
  const loaded = { ff, infos, timeline: createTimeline(items) };
  return opts.music ? (await addMusicFile(loaded, opts.music, basename(opts.music), '--music')).loaded : loaded;
}

/** Puts an audio file in the media bin (after the clips), probed; returns its media id. */
export async function addMusicFile(loaded: LoadedMedia, path: string, name: string, flag: string): Promise<{ loaded: LoadedMedia; id: string }> {
  const info = await probeMedia(resolve(path), loaded.ff);
  if (!info.audio.length) throw invalidInput(`${flag} ${path} has no audio stream.`);
  const taken = new Set(loaded.timeline.media.map((m) => m.id));
  let n = loaded.timeline.media.length;
  while (taken.has(`m${++n}`));
  const id = `m${n}`;
  loaded.infos.set(id, info);
  const item = { ...toMediaItem(info, id, name), path: resolve(path) };
  return { loaded: { ...loaded, timeline: { ...loaded.timeline, media: [...loaded.timeline.media, item] } }, id };
}

export interface FolderMusic {
  loaded: LoadedMedia;
  ops: Operation[];
  /** One line a music request: the song chosen from the folder and why, or that the bundled library answers. */
  notes: string[];
}

/**
 * `--music-dir`: each add_music that asks by words is answered from the person's folder when a
 * song there matches (by title, then tempo, then mood), and from the bundled library otherwise.
 * `words` is the instruction, which can name a song or a tempo the planner's query leaves out.
 */
export async function chooseFolderMusic(loaded: LoadedMedia, ops: Operation[], dir: string, words: string): Promise<FolderMusic> {
  if (!ops.some((op) => op.op === 'add_music' && op.media_id === undefined)) return { loaded, ops, notes: [] };
  const scan = await scanMusicFolder(dir, loaded.ff);
  const answer = await answerFromFolder(ops, scan.tracks, words, dir, async (track) => {
    let id: string;
    ({ loaded, id } = await addMusicFile(loaded, track.path, track.title, '--music-dir'));
    return id;
  });
  return { loaded, ops: answer.operations, notes: answer.notes };
}

/** Reads operations given as JSON (`--ops`): one operation or an array of them, each validated. */
export function parseOperations(json: unknown, where: string): Operation[] {
  const list = Array.isArray(json) ? json : [json];
  return list.map((raw, i) => {
    const r = Operation.safeParse(raw);
    if (!r.success) {
      const issue = r.error.issues[0];
      const path = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
      throw invalidInput(`${where}: operation ${i + 1} is not valid${path}: ${issue?.message ?? 'unknown problem'}.`);
    }
    return r.data;
  });
}

/** `--music FILE` means "this file is the music": it replaces a library query in the words. */
export function bindMusicFile(ops: Operation[], musicId: string | undefined): Operation[] {
  if (!musicId) return ops;
  let bound = false;
  const out = ops.map((op) => {
    if (op.op !== 'add_music') return op;
    bound = true;
    const { query: _q, ...rest } = op;
    return { ...rest, media_id: musicId };
  });
  return bound ? out : [...out, { op: 'add_music', media_id: musicId } as Operation];
}

/** Applies the operations in order; those that need the media measured (captions from speech) are completed first. */
export async function applyAll(loaded: LoadedMedia, timeline: Timeline, ops: Operation[]): Promise<Timeline> {
  let t = timeline;
  for (const op of ops) {
    for (const ready of await prepareOperation(op, t, { ff: loaded.ff, media: loaded.infos })) t = apply(t, ready);
  }
  return bindLibraryMusic(t);
}


export interface ExportOutcome {
  render: RenderResult;
  check: CheckReport;
}

export async function exportTimeline(
  loaded: LoadedMedia,
  timeline: Timeline,
  outPath: string,
  onProgress?: (p: RenderProgress) => void,
  signal?: AbortSignal,
): Promise<ExportOutcome> {
  const render = await renderTimeline({
    timeline,
    media: loaded.infos,
    outPath,
    ff: loaded.ff,
    ...(onProgress ? { onProgress } : {}),
    ...(signal ? { signal } : {}),
  });
  const check = await checkFile(render.outPath, { target: checkTargetFor(timeline), ffmpeg: loaded.ff.ffmpeg, ffprobe: loaded.ff.ffprobe });
  return { render, check };
}

export function describeAll(ops: Operation[]): string[] {
  return ops.map((op) => describeOperation(op));
}

export { trackSummary, ReelcutError };
