// Where things land on the output timeline. Every reader that needs a clip's output position (the
// renderer, the draft codec, the summary, `apply`) asks here, so they all agree to the millisecond.
//
// Rules:
// - a clip plays (out_ms - in_ms) / speed, rounded to whole ms, at least 1 ms;
// - a transition overlaps two adjacent clips by its duration, but never by more than half of the
//   shorter of the two, and never between two pieces of one continuous shot (same media,
//   the second starting where the first ends): those are joined by a plain cut, so splitting a
//   clip or changing the speed of part of it never adds a crossfade in the middle of a shot.
import type { Clip, Timeline } from './schema.js';

export function clipLength(clip: Pick<Clip, 'in_ms' | 'out_ms' | 'speed'>): number {
  return Math.max(1, Math.round((clip.out_ms - clip.in_ms) / clip.speed));
}

/** True when `b` continues `a`'s shot: a cut between them is invisible. */
export function isContinuation(a: Pick<Clip, 'media_id' | 'out_ms'>, b: Pick<Clip, 'media_id' | 'in_ms'>): boolean {
  return a.media_id === b.media_id && a.out_ms === b.in_ms;
}

export interface ClipRange {
  /** 0-based index on the video track. */
  index: number;
  clip: Clip;
  /** Output start and end (ms); clips overlap during transitions. */
  start_ms: number;
  end_ms: number;
  /** How long the transition into this clip overlaps the previous one (0 for the first clip or a cut). */
  overlap_ms: number;
}

export function transitionOverlap(t: Pick<Timeline, 'transition'>, prev: Clip, next: Clip): number {
  if (!t.transition || t.transition.duration_ms === 0 || isContinuation(prev, next)) return 0;
  const room = Math.floor(Math.min(clipLength(prev), clipLength(next)) / 2);
  return Math.min(t.transition.duration_ms, room);
}

export function clipOutputRanges(t: Pick<Timeline, 'clips' | 'transition'>): ClipRange[] {
  const ranges: ClipRange[] = [];
  let start = 0;
  t.clips.forEach((clip, index) => {
    const prev = t.clips[index - 1];
    const overlap = prev ? transitionOverlap(t, prev, clip) : 0;
    start -= overlap;
    const end = start + clipLength(clip);
    ranges.push({ index, clip, start_ms: start, end_ms: end, overlap_ms: overlap });
    start = end;
  });
  return ranges;
}

/** Where a clip shows media time `mediaMs` on the output timeline (unrounded; may fall outside the clip). */
export function outputTime(range: Pick<ClipRange, 'clip' | 'start_ms'>, mediaMs: number): number {
  return range.start_ms + (mediaMs - range.clip.in_ms) / range.clip.speed;
}

/** The output length in ms: clip lengths after speed, minus transition overlaps. */
export function timelineDuration(t: Pick<Timeline, 'clips' | 'transition'>): number {
  const ranges = clipOutputRanges(t);
  return ranges.length === 0 ? 0 : ranges[ranges.length - 1]!.end_ms;
}

/**
 * The span of output time each clip "owns" for editing: from its start until the next clip
 * starts. Owned spans tile [0, duration) without overlap, so every output time belongs to
 * exactly one clip even inside a transition.
 */
export function ownedRanges(t: Pick<Timeline, 'clips' | 'transition'>): Array<ClipRange & { owned_end_ms: number }> {
  const ranges = clipOutputRanges(t);
  return ranges.map((r, i) => ({ ...r, owned_end_ms: ranges[i + 1]?.start_ms ?? r.end_ms }));
}

/** Seconds for people: 2500 → "2.5", 3000 → "3", 12345 → "12.35" (at most `decimals` decimals). */
export function formatSeconds(ms: number, decimals = 2): string {
  const s = (ms / 1000).toFixed(decimals);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** A length with one decimal, as in "the timeline is 12.0 s long". */
export function formatLength(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
