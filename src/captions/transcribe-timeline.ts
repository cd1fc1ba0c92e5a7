// The edge where captions from speech are heard: every media file the video track shows (with
// sound, not muted) is transcribed once, then its words are placed on the output timeline.
import type { FfmpegInfo, MediaInfo } from '../media/index.js';
import type { Captions, Timeline } from '../timeline/index.js';

type CaptionWord = Captions['words'][number];
import type { SpeechEngine } from './engine.js';
import { wordsOnTimeline } from './timeline-words.js';
import type { Transcript } from './transcript.js';
import { transcribeMedia } from './transcribe-media.js';

export interface TranscribeTimelineOptions {
  language?: string;
  signal?: AbortSignal;
}

export async function transcribeTimeline(
  timeline: Timeline,
  media: ReadonlyMap<string, MediaInfo>,
  ff: FfmpegInfo,
  engine: SpeechEngine,
  opts: TranscribeTimelineOptions = {},
): Promise<CaptionWord[]> {
  if (timeline.original_audio.muted) return [];
  const transcripts = new Map<string, Transcript>();
  for (const id of new Set(timeline.clips.map((c) => c.media_id))) {
    const info = media.get(id);
    if (!info || info.audio.length === 0) continue;
    transcripts.set(id, await transcribeMedia(info.path, ff, engine, { ...(opts.language ? { language: opts.language } : {}), ...(opts.signal ? { signal: opts.signal } : {}) }));
  }
  return wordsOnTimeline(timeline, transcripts);
}
