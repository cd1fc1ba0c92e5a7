// Subtitle files beside an export: the caption lines burned into the picture, on the same output
// frames, so a player's subtitles (or Instagram's caption upload) say what the viewer saw.
import { formatSrt, formatVtt, type Cue } from '../captions/index.js';
import { captionLines } from '../timeline/index.js';
import type { Captions } from '../timeline/schema.js';
import { frameAtOrAfter } from './text-overlay.js';

/**
 * The cues of the burned captions: one a caption line (timeline/captions.ts captionLines), its
 * times those of the frames it is drawn on (captions-overlay.ts snaps to the first frame at or
 * after each time), clipped to the video. Words are cleaned as the overlay cleans them.
 */
export function subtitleCues(captions: Captions | null, fps: number, durationMs: number): Cue[] {
  if (!captions || captions.words.length === 0) return [];
  const words = captions.words
    .map((w) => ({ ...w, text: w.text.replace(/\s+/gu, ' ').trim() }))
    .filter((w) => w.text !== '');
  const lastFrame = Math.round((durationMs * fps) / 1000);
  const frameMs = (frame: number) => Math.min(durationMs, Math.round((frame * 1000) / fps));
  const cues: Cue[] = [];
  for (const line of captionLines(words)) {
    const first = frameAtOrAfter(line.start_ms, fps);
    const end = Math.min(frameAtOrAfter(line.end_ms, fps), lastFrame);
    if (end <= first) continue;
    cues.push({ start_ms: frameMs(first), end_ms: frameMs(end), text: line.text });
  }
  return cues;
}

export interface SubtitleFiles {
  srt: string;
  vtt: string;
}

/** The two files' paths for an export: the MP4's path without `.mp4`, then `.srt` and `.vtt`. */
export function subtitlePaths(videoPath: string): SubtitleFiles {
  const stem = videoPath.replace(/\.mp4$/i, '');
  return { srt: `${stem}.srt`, vtt: `${stem}.vtt` };
}

export function subtitleTexts(cues: readonly Cue[]): SubtitleFiles {
  return { srt: formatSrt(cues), vtt: formatVtt(cues) };
}
