// From measured silences to what an edit needs: the speech between them, and the spans a jump
// cut removes. Pure.
import type { TimeRange } from './types.js';

export interface SpeechOptions {
  /** The span the silences were measured over (the whole file, or the window read). */
  startMs: number;
  endMs: number;
  /** Silence kept around each speech region, so words are not clipped at their soft edges. */
  paddingMs?: number;
}

/** The complement of `silences` within [startMs, endMs), each region widened by `paddingMs` and merged where they meet. */
export function speechFromSilences(silences: readonly TimeRange[], opts: SpeechOptions): TimeRange[] {
  const pad = Math.max(0, opts.paddingMs ?? 0);
  const sorted = [...silences].sort((a, b) => a.start_ms - b.start_ms);
  const raw: TimeRange[] = [];
  let cursor = opts.startMs;
  for (const s of sorted) {
    if (s.start_ms > cursor) raw.push({ start_ms: cursor, end_ms: Math.min(s.start_ms, opts.endMs) });
    cursor = Math.max(cursor, s.end_ms);
    if (cursor >= opts.endMs) break;
  }
  if (cursor < opts.endMs) raw.push({ start_ms: cursor, end_ms: opts.endMs });
  const regions: TimeRange[] = [];
  for (const r of raw) {
    if (r.end_ms <= r.start_ms) continue;
    const padded = { start_ms: Math.max(opts.startMs, r.start_ms - pad), end_ms: Math.min(opts.endMs, r.end_ms + pad) };
    const last = regions[regions.length - 1];
    if (last && padded.start_ms <= last.end_ms) last.end_ms = Math.max(last.end_ms, padded.end_ms);
    else regions.push(padded);
  }
  return regions;
}

/** A silence, with how much of it to keep at each side when that was measured (silence-edges.ts). */
export type Pause = TimeRange & { keepStartMs?: number; keepEndMs?: number };

export interface CutOptions {
  /** Pause kept at each side of a cut where the pause does not say (so speech does not start or stop abruptly). */
  paddingMs: number;
  /** One frame of the output, e.g. 1000 / 30; cut ends land on whole frames. */
  frameMs: number;
  /** The file's length: a silence that runs to it is cut to the end, with no pause kept after it. */
  durationMs?: number;
}

/**
 * The spans a jump cut removes: each silence less what it keeps at each side (its own measured
 * edges, else `paddingMs`), its ends moved to the nearest frame boundary (so a `remove_silence`
 * cuts picture and sound on the same frames, and the clip loses the silence less what is kept
 * to within one frame). A silence at
 * the very start or end of the file keeps no pause on that side: there is no speech to lead into.
 * Spans shorter than one frame are not worth a cut and are left out.
 */
export function silenceCuts(silences: readonly Pause[], opts: CutOptions): TimeRange[] {
  if (!(opts.frameMs > 0)) throw new RangeError(`frameMs must be positive, got ${opts.frameMs}`);
  const pad = Math.max(0, opts.paddingMs);
  const frame = opts.frameMs;
  const cuts: TimeRange[] = [];
  for (const s of [...silences].sort((a, b) => a.start_ms - b.start_ms)) {
    const atStart = s.start_ms <= 0;
    const atEnd = opts.durationMs !== undefined && s.end_ms >= opts.durationMs;
    const from = atStart ? 0 : s.start_ms + (s.keepStartMs ?? pad);
    const to = atEnd && opts.durationMs !== undefined ? opts.durationMs : s.end_ms - (s.keepEndMs ?? pad);
    const start_ms = Math.round(Math.round(from / frame) * frame);
    const end_ms = atEnd ? to : Math.round(Math.round(to / frame) * frame);
    if (end_ms - start_ms < frame - 1e-9) continue;
    cuts.push({ start_ms, end_ms });
  }
  return cuts;
}
