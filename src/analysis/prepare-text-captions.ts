// Captions from given words: an SRT/VTT file's text keeps its cue times; plain text is timed
// over the speech the video track plays (silencedetect on each clip's own range), falling back
// to the whole video when there is no sound to follow.
import { looksLikeCueFile, wordsFromCueFile, wordsOverRegions, type Region } from '../captions/index.js';
import { invalidOperation } from '../errors.js';
import type { OperationOf } from '../operations/index.js';
import { captionTokens, clipOutputRanges, outputTime, type Timeline } from '../timeline/index.js';
import type { PrepareDeps } from './prepare-operation.js';
import { speechRegions } from './silence.js';

export async function prepareTextCaptions(op: OperationOf<'add_captions'>, timeline: Timeline, deps: PrepareDeps): Promise<OperationOf<'add_captions'>[]> {
  const text = op.text ?? '';
  if (op.source === 'file' || looksLikeCueFile(text)) {
    const words = wordsFromCueFile(text);
    if (words.length === 0) throw invalidOperation('the subtitle file has no cues with words; give an SRT or WebVTT file with timed lines');
    return [{ ...op, source: 'file', words }];
  }
  const tokens = captionTokens(text);
  const regions = await speechOnTimeline(timeline, deps);
  const speechMs = regions.reduce((sum, r) => sum + r.end_ms - r.start_ms, 0);
  // Too little speech to carry the words (or none heard): the words share the whole video, as before.
  if (tokens.length === 0 || speechMs < tokens.length * 150) return [op];
  return [{ ...op, source: 'text', words: wordsOverRegions(tokens, regions) }];
}

/** Where the video track plays speech, in output time. */
async function speechOnTimeline(timeline: Timeline, deps: PrepareDeps): Promise<Region[]> {
  if (timeline.original_audio.muted) return [];
  const out: Region[] = [];
  for (const range of clipOutputRanges(timeline)) {
    const { clip } = range;
    const info = deps.media.get(clip.media_id);
    if (!info || info.audio.length === 0 || info.kind === 'image') continue;
    const heard = await speechRegions(info.path, { startMs: clip.in_ms, endMs: clip.out_ms, paddingMs: 100 }, deps.ff);
    const visibleFrom = range.start_ms + range.overlap_ms;
    for (const r of heard) {
      const start = Math.max(visibleFrom, Math.round(outputTime(range, r.start_ms)));
      const end = Math.min(range.end_ms, Math.round(outputTime(range, r.end_ms)));
      if (end > start) out.push({ start_ms: start, end_ms: end });
    }
  }
  return out;
}
