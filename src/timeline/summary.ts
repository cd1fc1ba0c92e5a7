// "Show tracks": the timeline in the words the protocol's clients already show people:
//   1. Video: clip.mp4 (0-10s)  2. BGM: Lo-fi (0-10s, 35%)  3. Title: "Urban Dreams" (0-3s)
// One numbered entry per clip (so entry n is clip n), then each music segment, each title, and
// the captions. `lines` has one entry each; `text` joins them on one line with two spaces, as the
// protocol shows it (join `lines` with newlines for a list).
import type { Timeline } from './schema.js';
import { clipOutputRanges, formatSeconds } from './time.js';

export interface TrackSummary {
  lines: string[];
  text: string;
}

const span = (start: number, end: number) => `${formatSeconds(start, 1)}-${formatSeconds(end, 1)}s`;

export function trackSummary(t: Timeline): TrackSummary {
  const entries: string[] = [];
  for (const r of clipOutputRanges(t)) {
    const media = t.media.find((m) => m.id === r.clip.media_id);
    const extras = [span(r.start_ms, r.end_ms)];
    if (r.clip.speed !== 1) extras.push(`${Number(r.clip.speed.toFixed(2))}x`);
    if (t.original_audio.muted) extras.push('muted');
    entries.push(`Video: ${oneLine(media?.name || r.clip.media_id)} (${extras.join(', ')})`);
  }
  for (const m of t.music) {
    entries.push(`BGM: ${oneLine(m.title || m.media_id)} (${span(m.start_ms, m.end_ms)}, ${Math.round(m.volume * 100)}%)`);
  }
  for (const x of t.texts) entries.push(`Title: "${oneLine(x.text)}" (${span(x.start_ms, x.end_ms)})`);
  if (t.captions) {
    const words = t.captions.words;
    const first = words[0];
    const last = words[words.length - 1];
    entries.push(
      first && last
        ? `Captions: ${words.length} word${words.length === 1 ? '' : 's'}, ${t.captions.style} (${span(first.start_ms, last.end_ms)})`
        : `Captions: ${t.captions.style}, no words yet`,
    );
  }
  const lines = entries.map((e, i) => `${i + 1}. ${e}`);
  return { lines, text: lines.length > 0 ? lines.join('  ') : 'The timeline is empty.' };
}

function oneLine(s: string): string {
  return s.replace(/\s+/gu, ' ').trim();
}
