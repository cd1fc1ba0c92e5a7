// `remove_silence` made concrete: listen to the part of each clip's media the video shows, then
// hand `apply` plain cuts (silence-edit.ts decides them; this file only measures).
import { ReelcutError } from '../errors.js';
import type { Operation } from '../operations/index.js';
import type { OperationOf } from '../operations/schemas.js';
import { formatSeconds, timelineDuration, type Timeline } from '../timeline/index.js';
import type { PrepareDeps } from './prepare-operation.js';
import { detectSilences } from './silence.js';
import { silenceCutOperations } from './silence-edit.js';
import { measureLevels } from './levels.js';
import { DEFAULT_EDGES, pauseEdges } from './silence-edges.js';
import type { Pause } from './silence-regions.js';

/** The schema's documented defaults (operations/schemas.ts). */
export const REMOVE_SILENCE_DEFAULTS = { minSilenceMs: 500, thresholdDb: -35 } as const;
/**
 * The most of a pause kept at each side of a cut, so words do not start or stop abruptly; how
 * much is measured per pause (silence-edges.ts), and this is all of it where it cannot be.
 */
export const SILENCE_PADDING_MS = 100;

export async function prepareRemoveSilence(op: OperationOf<'remove_silence'>, timeline: Timeline, deps: PrepareDeps): Promise<Operation[]> {
  const minSilenceMs = op.min_silence_ms ?? REMOVE_SILENCE_DEFAULTS.minSilenceMs;
  const thresholdDb = op.threshold_db ?? REMOVE_SILENCE_DEFAULTS.thresholdDb;
  if (timeline.clips.length === 0) throw new ReelcutError('INVALID_OPERATION', 'the timeline is empty: add a clip first (add_clip)');
  const silences = new Map<number, Pause[]>();
  // One clip's media may be shown by several clips (after a split): each reads only its own range.
  for (const [index, clip] of timeline.clips.entries()) {
    const info = deps.media.get(clip.media_id);
    if (!info || info.audio.length === 0) continue;
    const heard = await detectSilences(info.path, { thresholdDb, minSilenceMs, startMs: clip.in_ms, endMs: clip.out_ms }, deps.ff);
    if (heard.length > 0) {
      const levels = await measureLevels(info.path, { startMs: clip.in_ms, endMs: clip.out_ms }, deps.ff);
      silences.set(index, heard.map((s) => ({ ...s, ...pauseEdges(s, levels, { ...DEFAULT_EDGES, maxKeepMs: SILENCE_PADDING_MS }) })));
    } else {
      silences.set(index, heard);
    }
    deps.signal?.throwIfAborted();
  }
  if (silences.size === 0) {
    throw new ReelcutError('INVALID_OPERATION', 'none of the clips has sound, so there are no pauses to find');
  }
  const cuts = silenceCutOperations(timeline, silences, { paddingMs: SILENCE_PADDING_MS, frameMs: 1000 / timeline.format.fps });
  const limits = `longer than ${formatSeconds(minSilenceMs)} s and quieter than ${thresholdDb} dB`;
  if (cuts.length === 0) {
    throw new ReelcutError(
      'NOTHING_TO_DO',
      `no pauses ${limits} were found, so nothing was cut; ask for shorter pauses (e.g. "remove pauses longer than 0.3 seconds") or a higher threshold (e.g. -30 dB) to cut more`,
      { min_silence_ms: minSilenceMs, threshold_db: thresholdDb },
    );
  }
  const removed = cuts.reduce((sum, c) => sum + c.end_ms - c.start_ms, 0);
  if (removed >= timelineDuration(timeline)) {
    throw new ReelcutError(
      'INVALID_OPERATION',
      `the whole video is quieter than ${thresholdDb} dB, so removing the pauses would leave nothing; try a lower threshold (e.g. -50 dB)`,
      { threshold_db: thresholdDb },
    );
  }
  return cuts;
}
