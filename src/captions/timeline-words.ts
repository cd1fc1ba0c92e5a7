// Words heard in source files, placed on the output timeline: each clip shows its media from
// in_ms to out_ms at its speed (`outputTime` places a media time). Words outside every clip's
// range were cut away and are dropped.
import type { Captions, Timeline } from '../timeline/index.js';

type CaptionWord = Captions['words'][number];
import { clipOutputRanges, outputTime } from '../timeline/index.js';
import type { Transcript } from './transcript.js';

export function wordsOnTimeline(timeline: Pick<Timeline, 'clips' | 'transition'>, transcripts: ReadonlyMap<string, Transcript>): CaptionWord[] {
  const out: CaptionWord[] = [];
  for (const range of clipOutputRanges(timeline)) {
    const { clip } = range;
    const heard = transcripts.get(clip.media_id);
    if (!heard) continue;
    // A transition's overlap shows the previous clip: words there belong to it.
    const visibleFrom = range.start_ms + range.overlap_ms;
    for (const w of heard.words) {
      if (w.start_ms < clip.in_ms || w.start_ms >= clip.out_ms) continue;
      const start = Math.round(outputTime(range, w.start_ms));
      const end = Math.round(outputTime(range, Math.min(w.end_ms, clip.out_ms)));
      if (start < visibleFrom) continue;
      out.push({ text: w.text, start_ms: start, end_ms: Math.max(start, Math.min(end, range.end_ms)), ...(w.confidence === undefined ? {} : { confidence: w.confidence }) });
    }
  }
  return out.sort((a, b) => a.start_ms - b.start_ms);
}
