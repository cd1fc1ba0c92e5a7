// The CLI's main job: files and words in, an Instagram-ready MP4 and its check report out.
// Shared by `edit`, `render` and `demo` so they behave the same.
import { basename, resolve } from 'node:path';
import { ReelcutError, invalidInput } from '../errors.js';
import { getFfmpeg, probeMedia, toMediaItem, type FfmpegInfo, type MediaInfo } from '../media/index.js';
import { bindLibraryMusic } from '../music/index.js';
import { prepareOperation } from '../analysis/index.js';
import { Operation, describeOperation } from '../operations/index.js';
import { apply, createTimeline, trackSummary, type Timeline } from '../timeline/index.js';
import { renderTimeline, checkFile, type CheckReport, type RenderProgress, type RenderResult } from '../render/index.js';

export type FormatFlag = 'reels' | 'story' | 'square' | 'portrait' | 'landscape';

export const FORMAT_ASPECT: Record<FormatFlag, '9:16' | '1:1' | '4:5' | '16:9'> = {
  reels: '9:16',
  story: '9:16',
  square: '1:1',
  portrait: '4:5',
  landscape: '16:9',
};

const ASPECT_TARGET: Record<string, CheckReport['target']> = {
  '9:16': 'reels',
  '1:1': 'square',
  '4:5': 'portrait',
  '16:9': 'landscape',
  '1.91:1': 'landscape',
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
  if (opts.music) {
    const info = await probeMedia(resolve(opts.music), ff);
    if (!info.audio.length) throw invalidInput(`--music ${opts.music} has no audio stream.`);
    const id = `m${++n}`;
    infos.set(id, info);
    items.push({ ...toMediaItem(info, id, basename(opts.music)), path: resolve(opts.music) });
  }
  if (!items.some((i) => i.kind !== 'audio')) {
    throw invalidInput('Give at least one video or image to edit (audio files go to --music).');
  }
  return { ff, infos, timeline: createTimeline(items) };
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

export function checkTargetFor(timeline: Timeline): CheckReport['target'] {
  return ASPECT_TARGET[timeline.format.aspect] ?? 'reels';
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
