// The clip-editing engine behind trim, cut, split, set_speed, reorder, delete_clip and add_clip.
// Every such edit is: split the clips at some output times (which moves nothing), then build a new
// clip list from those pieces (dropping, re-timing, reordering or inserting some). Titles, music,
// caption words and the cover follow the pieces they sat on, through one time map, so an edit
// never leaves an overlay pointing at content that moved or vanished.
import { freshId } from './ids.js';
import type { Clip, Timeline } from './schema.js';
import { ownedRanges, timelineDuration } from './time.js';

/** Splits the clip under output time `at_ms`; returns the same clips when `at_ms` is on a boundary. */
export function splitClipsAt(t: Timeline, at_ms: number): Clip[] {
  const ranges = ownedRanges(t);
  const r = ranges.find((x) => x.start_ms <= at_ms && at_ms < x.owned_end_ms);
  if (!r || r.start_ms === at_ms) return t.clips;
  const c = r.clip;
  const point = c.in_ms + Math.round((at_ms - r.start_ms) * c.speed);
  if (point <= c.in_ms || point >= c.out_ms) return t.clips;
  const id = freshId('c', t.clips.map((x) => x.id));
  const clips = [...t.clips];
  clips.splice(r.index, 1, { ...c, out_ms: point }, { ...c, id, in_ms: point });
  return clips;
}

/** The timeline with its clips split at every given output time. */
export function splitAll(t: Timeline, times: number[]): Timeline {
  let out = t;
  for (const at of [...times].sort((a, b) => a - b)) out = { ...out, clips: splitClipsAt(out, at) };
  return out;
}

/** For each clip, whether its owned span's midpoint lies in [a, b): the pieces a range covers after splitting at a and b. */
export function piecesWithin(t: Timeline, a: number, b: number): boolean[] {
  return ownedRanges(t).map((r) => {
    const mid = (r.start_ms + r.owned_end_ms) / 2;
    return mid >= a && mid < b;
  });
}

/** One clip of the new list: a piece of the old list (by index) or a new clip. */
export interface NextClip {
  clip: Clip;
  from: number | null;
}

export interface RebuildOptions {
  /** Titles and music stay where they are (reorder: a title belongs to the video, not a clip). */
  keepOverlaysInPlace?: boolean;
}

/**
 * The timeline whose clips are `next`, built from `pieces` (the clips of `t`, already split).
 * Overlays move with the pieces they sat on; those left with no time are dropped.
 */
export function rebuild(pieces: Timeline, next: NextClip[], opts: RebuildOptions = {}): Timeline {
  const after: Timeline = { ...pieces, clips: next.map((n) => n.clip) };
  const map = timeMap(pieces, after, next.map((n) => n.from));
  const oldD = timelineDuration(pieces);
  const newD = timelineDuration(after);
  const span = <T extends { start_ms: number; end_ms: number }>(item: T): T => ({
    ...item,
    start_ms: map(item.start_ms, 'start'),
    end_ms: map(item.end_ms, 'end'),
  });
  const texts = opts.keepOverlaysInPlace ? pieces.texts : pieces.texts.map(span);
  const music = pieces.music.map((m) => {
    // Music laid under the whole video stays under the whole video.
    if (m.start_ms === 0 && m.end_ms >= oldD) return { ...m, end_ms: newD };
    return opts.keepOverlaysInPlace ? m : span(m);
  });
  const captions = pieces.captions && {
    ...pieces.captions,
    words: pieces.captions.words.filter((w) => survives(w.start_ms, w.end_ms)).map(span),
  };
  const cover = pieces.format.cover_ms === null ? null : map(pieces.format.cover_ms, 'start');
  return fitToDuration({ ...after, texts, music, captions, format: { ...pieces.format, cover_ms: cover } });

  // A caption word is kept when the piece it starts on is kept: half a spoken word is no word.
  function survives(start: number, end: number): boolean {
    const a = map(start, 'start');
    const b = map(end, 'end');
    return end === start ? keptAt(pieces, next, start) : b > a;
  }
}

function keptAt(pieces: Timeline, next: NextClip[], t: number): boolean {
  const j = ownedRanges(pieces).findIndex((r) => r.start_ms <= t && t < r.owned_end_ms);
  return j >= 0 && next.some((n) => n.from === j);
}

type Edge = 'start' | 'end';

/**
 * Maps an output time of `before` to `after`. A time inside a kept piece keeps its place within
 * it (scaled when its speed changed); a time inside a dropped piece moves to where that piece was.
 */
export function timeMap(before: Timeline, after: Timeline, from: Array<number | null>): (t: number, edge: Edge) => number {
  const old = ownedRanges(before);
  const now = ownedRanges(after);
  const newD = timelineDuration(after);
  const position = new Map<number, number>();
  from.forEach((j, k) => {
    if (j !== null && !position.has(j)) position.set(j, k);
  });
  const clamp = (v: number) => Math.min(Math.max(v, 0), newD);
  return (t, edge) => {
    if (old.length === 0 || now.length === 0) return 0;
    // A start belongs to the piece it begins in, an end to the piece it finishes in.
    const j = edge === 'start' ? old.findIndex((r) => t < r.owned_end_ms) : old.findIndex((r) => t <= r.owned_end_ms);
    if (j < 0) return edge === 'start' ? newD : clamp(placeIn(old.length - 1, t));
    return clamp(placeIn(j, t));

    function placeIn(jj: number, time: number): number {
      const k = position.get(jj);
      if (k !== undefined) {
        const o = old[jj]!;
        const n = now[k]!;
        const oldLen = o.owned_end_ms - o.start_ms;
        const newLen = n.owned_end_ms - n.start_ms;
        const offset = Math.min(Math.max(time - o.start_ms, 0), oldLen);
        return n.start_ms + Math.round((offset * newLen) / oldLen);
      }
      // Dropped: a start moves to the next kept piece, an end to the end of the previous one.
      if (edge === 'start') {
        for (let x = jj + 1; x < old.length; x++) {
          const kk = position.get(x);
          if (kk !== undefined) return now[kk]!.start_ms;
        }
        return newD;
      }
      for (let x = jj - 1; x >= 0; x--) {
        const kk = position.get(x);
        if (kk !== undefined) return now[kk]!.owned_end_ms;
      }
      return 0;
    }
  };
}

/**
 * Keeps every timed thing inside the timeline's duration: overlays are clamped and dropped when
 * nothing is left of them, fades shortened, the cover pulled inside.
 */
export function fitToDuration(t: Timeline): Timeline {
  const d = timelineDuration(t);
  const clampSpan = <T extends { start_ms: number; end_ms: number }>(x: T): T => ({
    ...x,
    start_ms: Math.min(x.start_ms, d),
    end_ms: Math.min(x.end_ms, d),
  });
  const texts = t.texts.map(clampSpan).filter((x) => x.end_ms > x.start_ms);
  const music = t.music.map(clampSpan).filter((x) => x.end_ms > x.start_ms);
  const captions = t.captions && {
    ...t.captions,
    words: t.captions.words.filter((w) => w.start_ms < d).map(clampSpan),
  };
  const cover = t.format.cover_ms === null || d === 0 ? null : Math.min(t.format.cover_ms, d - 1);
  const fades = {
    video_in_ms: Math.min(t.fades.video_in_ms, d),
    video_out_ms: Math.min(t.fades.video_out_ms, d),
    audio_in_ms: Math.min(t.fades.audio_in_ms, d),
    audio_out_ms: Math.min(t.fades.audio_out_ms, d),
  };
  const music2 = music.map((m) => ({
    ...m,
    fade_in_ms: Math.min(m.fade_in_ms, m.end_ms - m.start_ms),
    fade_out_ms: Math.min(m.fade_out_ms, m.end_ms - m.start_ms),
  }));
  return { ...t, texts, music: music2, captions, fades, format: { ...t.format, cover_ms: cover } };
}
