// Music over someone talking is ducked under their voice (sidechain compression in the mix):
// when add_music does not say, the clips' own sound is measured and ducking is on if the video
// track plays speech (or any sound that would fight the music) for more than a moment.
import type { OperationOf } from '../operations/index.js';
import { clipOutputRanges, type Timeline } from '../timeline/index.js';
import type { PrepareDeps } from './prepare-operation.js';
import { speechRegions } from './silence.js';

/** Less sound than this (ms) is a breath or a click, not a voice to duck under. */
const SPEECH_MS = 500;

export async function prepareMusic(op: OperationOf<'add_music'>, timeline: Timeline, deps: PrepareDeps): Promise<OperationOf<'add_music'>[]> {
  return [{ ...op, duck: await playsSpeech(timeline, deps) }];
}

async function playsSpeech(timeline: Timeline, deps: PrepareDeps): Promise<boolean> {
  if (timeline.original_audio.muted || timeline.original_audio.volume === 0) return false;
  let heard = 0;
  for (const { clip } of clipOutputRanges(timeline)) {
    const info = deps.media.get(clip.media_id);
    if (!info || info.kind === 'image' || info.audio.length === 0) continue;
    const regions = await speechRegions(info.path, { startMs: clip.in_ms, endMs: clip.out_ms }, deps.ff);
    heard += regions.reduce((sum, r) => sum + r.end_ms - r.start_ms, 0) / clip.speed;
    if (heard >= SPEECH_MS) return true;
  }
  return false;
}
