// Reading ffmpeg's silencedetect and -progress output. Pure: tested on captured text.
import type { TimeRange } from './types.js';

const START = /silence_start:\s*(-?[\d.]+(?:e-?\d+)?)/;
const END = /silence_end:\s*(-?[\d.]+(?:e-?\d+)?)/;

function ms(secondsText: string): number {
  return Math.max(0, Math.round(Number(secondsText) * 1000));
}

/**
 * Silences from silencedetect's stderr, in file time (`offsetMs` added back when the read
 * started later in the file). A silence still open when the sound ended (older ffmpeg prints
 * no end for it) ends where reading ended, `readMs` after the start of the read.
 */
export function parseSilences(stderr: string, readMs: number, offsetMs = 0): TimeRange[] {
  const silences: TimeRange[] = [];
  let open: number | null = null;
  for (const line of stderr.split('\n')) {
    const s = START.exec(line);
    if (s?.[1] !== undefined) {
      open = ms(s[1]);
      continue;
    }
    const e = END.exec(line);
    if (e?.[1] !== undefined && open !== null) {
      const end = Math.min(ms(e[1]), readMs);
      if (end > open) silences.push({ start_ms: open + offsetMs, end_ms: end + offsetMs });
      open = null;
    }
  }
  if (open !== null && readMs > open) silences.push({ start_ms: open + offsetMs, end_ms: readMs + offsetMs });
  return silences;
}

/** How much was read, from the last `out_time_us=` of `-progress` output (null if none). */
export function parseProgressDurationMs(progress: string): number | null {
  let last: number | null = null;
  for (const m of progress.matchAll(/^out_time_us=(\d+)\s*$/gm)) last = Math.round(Number(m[1]) / 1000);
  return last;
}
