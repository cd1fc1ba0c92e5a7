// How much of a pause to keep at each side of a jump cut. silencedetect calls everything under
// its threshold silence, so a word's soft ending (and the breath before the next) falls inside
// the "pause". What rises above the pause's own floor (its room tone) by a few dB is speech
// fading and is kept, up to a limit; the rest, the pause proper, is cut whole. So a clip loses
// its pause to within a frame, and no word loses its tail. Pure.
import type { Levels } from './levels.js';
import type { TimeRange } from './types.js';

export interface PauseEdges {
  /** Ms of the silence kept after the speech before it. */
  keepStartMs: number;
  /** Ms kept before the speech after it. */
  keepEndMs: number;
}

export interface EdgeOptions {
  /** The most kept at either side. */
  maxKeepMs: number;
  /** A window this far above the pause's floor is still the speech's edge. */
  aboveFloorDb: number;
}

export const DEFAULT_EDGES: EdgeOptions = { maxKeepMs: 100, aboveFloorDb: 6 };

export function pauseEdges(silence: TimeRange, levels: Levels, opts: EdgeOptions = DEFAULT_EDGES): PauseEdges {
  const first = Math.ceil((silence.start_ms - levels.startMs) / levels.stepMs);
  const last = Math.floor((silence.end_ms - levels.startMs) / levels.stepMs) - 1;
  const inside = levels.db.slice(Math.max(0, first), Math.max(0, last + 1));
  // Too short to tell a floor from an edge: keep the full margin, as a fixed padding would.
  if (inside.length < 3) return { keepStartMs: opts.maxKeepMs, keepEndMs: opts.maxKeepMs };
  const floor = median(inside);
  const edge = floor + opts.aboveFloorDb;
  const maxWindows = Math.floor(opts.maxKeepMs / levels.stepMs);
  let head = 0;
  while (head < maxWindows && head < inside.length && inside[head]! > edge) head++;
  let tail = 0;
  while (tail < maxWindows && tail < inside.length - head && inside[inside.length - 1 - tail]! > edge) tail++;
  return { keepStartMs: head * levels.stepMs, keepEndMs: tail * levels.stepMs };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
