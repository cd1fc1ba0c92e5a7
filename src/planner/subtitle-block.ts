// Subtitles pasted into a message ("add these captions:" and then an SRT or WebVTT file's text):
// the file is the captions, with its own times; the words before it are planned as usual. Pure.
import { CUE_TIMING, wordsFromCueFile } from '../captions/text-timing.js';

export interface SubtitleBlock {
  /** The message before the subtitles. */
  before: string;
  /** The subtitle file's text, from its first line on. */
  block: string;
}

/** A timing line: one that starts with a cue's times. */
const TIMING = new RegExp(String.raw`^[ \t]*${CUE_TIMING}`, 'm');

export function findSubtitleBlock(message: string): SubtitleBlock | null {
  const vtt = /^\uFEFF?WEBVTT\b/m.exec(message);
  const timing = TIMING.exec(message);
  if (!timing) return null;
  let start: number;
  if (vtt && vtt.index <= timing.index) {
    start = vtt.index;
  } else {
    // An SRT cue may open with its number on the line before its times.
    const lineStart = timing.index;
    const previous = message.slice(0, Math.max(0, lineStart - 1)).lastIndexOf('\n') + 1;
    start = lineStart > 0 && /^\s*\d+\s*$/.test(message.slice(previous, lineStart - 1)) ? previous : lineStart;
  }
  const block = message.slice(start).trim();
  try {
    if (wordsFromCueFile(block).length === 0) return null;
  } catch {
    return null; // times that are not a subtitle file: plan the words as they are
  }
  return { before: message.slice(0, start).trim(), block };
}
