// "Split it into shots": the scene changes ffmpeg sees in each clip's picture (only the part the
// clip shows), placed on the output timeline and made into plain `split` operations. A change
// within a few frames of a clip's own edge is already a join and is left alone.
import { invalidOperation } from '../errors.js';
import type { Operation, OperationOf } from '../operations/index.js';
import { clipOutputRanges, outputTime, type Timeline } from '../timeline/index.js';
import type { PrepareDeps } from './prepare-operation.js';
import { detectScenes } from './scenes.js';
import { DEFAULT_SCENE_THRESHOLD } from './scenes.js';

/** Shots shorter than this are flashes, not shots: no split leaves one behind. */
const MIN_SHOT_MS = 300;

/** Pure: scene changes (media time, per clip index) as split points on the output timeline. */
export function sceneSplitOperations(timeline: Pick<Timeline, 'clips' | 'transition'>, cutsByClip: ReadonlyMap<number, readonly number[]>): Operation[] {
  const at: number[] = [];
  for (const range of clipOutputRanges(timeline)) {
    const { clip } = range;
    for (const t of cutsByClip.get(range.index) ?? []) {
      if (t - clip.in_ms < MIN_SHOT_MS || clip.out_ms - t < MIN_SHOT_MS) continue;
      const out = Math.round(outputTime(range, t));
      if (out - (range.start_ms + range.overlap_ms) < MIN_SHOT_MS || range.end_ms - out < MIN_SHOT_MS) continue;
      at.push(out);
    }
  }
  return [...new Set(at)].sort((a, b) => a - b).map((at_ms) => ({ op: 'split', at_ms }));
}

export async function prepareSplitScenes(op: OperationOf<'split_scenes'>, timeline: Timeline, deps: PrepareDeps): Promise<Operation[]> {
  const threshold = op.threshold ?? DEFAULT_SCENE_THRESHOLD;
  const cuts = new Map<number, number[]>();
  for (const range of clipOutputRanges(timeline)) {
    const info = deps.media.get(range.clip.media_id);
    if (!info || info.kind !== 'video' || !info.video) continue;
    cuts.set(range.index, await detectScenes(info.path, deps.ff, { threshold, startMs: range.clip.in_ms, durationMs: range.clip.out_ms - range.clip.in_ms }));
  }
  const ops = sceneSplitOperations(timeline, cuts);
  if (ops.length === 0) {
    throw invalidOperation(`no scene changes were found in the picture (at a threshold of ${threshold}); each clip is one shot already`);
  }
  return ops;
}
