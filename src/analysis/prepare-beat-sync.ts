// `beat_sync` made concrete: hear the beats of the music the video plays, place them on the output
// timeline, then hand `apply` plain trims (beat-edit.ts decides them; this file only listens).
import { join } from 'node:path';
import { ReelcutError } from '../errors.js';
import { cacheDir, ensureLoopFile, requireTrack } from '../music/index.js';
import type { Operation } from '../operations/index.js';
import type { OperationOf } from '../operations/schemas.js';
import { formatSeconds, timelineDuration, type MusicSegment, type Timeline } from '../timeline/index.js';
import { beatGrid, beatSyncOperations, offBeatJoins, repeatBeats } from './beat-edit.js';
import { detectBeats } from './beats.js';
import type { PrepareDeps } from './prepare-operation.js';
import type { BeatAnalysis } from './types.js';

/** Below this the "beat" is a guess (pink noise scores under 0.2; the bundled tracks 0.2 to 0.9). */
export const MIN_BEAT_CONFIDENCE = 0.2;
/** The shortest a clip is trimmed to: shorter shots read as flicker, not as a cut on the beat. */
export const MIN_CLIP_MS = 500;

export async function prepareBeatSync(op: OperationOf<'beat_sync'>, timeline: Timeline, deps: PrepareDeps): Promise<Operation[]> {
  if (timeline.clips.length < 2) {
    throw new ReelcutError(
      'INVALID_OPERATION',
      'cutting to the beat moves the joins between clips, and this video has only one clip; add more clips (or split this one) first',
    );
  }
  const segment = musicToFollow(timeline, op.media_id);
  const beats = await beatsOnTimeline(segment, timeline, deps);
  const toleranceMs = Math.floor(1000 / timeline.format.fps / 2);
  const ops = beatSyncOperations(timeline, beats, { minClipMs: MIN_CLIP_MS, toleranceMs });
  const stuck = ops.length === 0 ? offBeatJoins(timeline, beats, toleranceMs) : [];
  if (stuck.length > 0) {
    // Joins already on the beat are no edit to make (an empty answer); these could not move.
    throw new ReelcutError(
      'NOTHING_TO_DO',
      `the cut${stuck.length > 1 ? 's' : ''} at ${stuck.map((ms) => `${formatSeconds(ms)} s`).join(', ')} ${stuck.length > 1 ? 'are' : 'is'} off the beat, but moving ${stuck.length > 1 ? 'them' : 'it'} back to the beat before would leave a clip shorter than ${formatSeconds(MIN_CLIP_MS)} s (no edit lengthens a clip); use longer clips, or music with a faster beat`,
      { joins_ms: stuck },
    );
  }
  return ops;
}

function musicToFollow(t: Timeline, mediaId: string | undefined): MusicSegment {
  if (t.music.length === 0) {
    throw new ReelcutError('INVALID_OPERATION', 'there is no music to follow: add music first (e.g. "add upbeat music"), then cut to the beat');
  }
  if (mediaId === undefined) return [...t.music].sort((a, b) => b.end_ms - b.start_ms - (a.end_ms - a.start_ms))[0]!;
  const found = t.music.find((m) => m.media_id === mediaId || m.media_id === `lib:${mediaId}`);
  if (!found) {
    throw new ReelcutError('INVALID_OPERATION', `${mediaId} is not among this video's music (${t.music.map((m) => m.title).join(', ')}); add it first or leave it out`, {
      media_id: mediaId,
    });
  }
  return found;
}

/** Beat times of `seg` as heard in the output (its file starts playing at the segment's start). */
async function beatsOnTimeline(seg: MusicSegment, t: Timeline, deps: PrepareDeps): Promise<number[]> {
  const neededMs = Math.min(seg.end_ms, timelineDuration(t)) - seg.start_ms;
  if (neededMs <= 0) return [];
  let fileBeats: number[];
  if (seg.media_id.startsWith('lib:')) {
    const track = requireTrack(seg.media_id.slice(4));
    const loop = await ensureLoopFile(deps.ff.ffmpeg, track, join(cacheDir(deps.env ?? process.env), 'music')).catch((err: unknown) => {
      throw new ReelcutError('FFMPEG_FAILED', `could not render "${track.title}" to find its beats: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    });
    const heard = requireSteadyBeat(await detectBeats(loop, deps.ff), seg.title);
    fileBeats = beatGrid(heard.beats_ms, 60_000 / track.bpm, 0, neededMs);
  } else {
    const info = deps.media.get(seg.media_id);
    const path = info?.path ?? t.media.find((m) => m.id === seg.media_id)?.path;
    if (!path) throw new ReelcutError('FILE_NOT_FOUND', `the music "${seg.title}" has no file on this machine to listen to; add the file again`, { media_id: seg.media_id });
    const heard = requireSteadyBeat(await detectBeats(path, deps.ff, { durationMs: neededMs }), seg.title);
    const playMs = info?.audio[0]?.duration_ms || info?.duration_ms || 0;
    fileBeats = seg.loop && playMs > 0 && playMs < neededMs ? repeatBeats(heard.beats_ms, playMs, neededMs) : heard.beats_ms.filter((b) => b < neededMs);
  }
  deps.signal?.throwIfAborted();
  return fileBeats.map((b) => seg.start_ms + b);
}

function requireSteadyBeat(a: BeatAnalysis, title: string): BeatAnalysis {
  if (a.beats_ms.length === 0 || a.confidence < MIN_BEAT_CONFIDENCE) {
    throw new ReelcutError(
      'INVALID_OPERATION',
      `no steady beat could be heard in "${title}" (confidence ${a.confidence.toFixed(2)}, ${MIN_BEAT_CONFIDENCE} needed), so the cuts were left where they are; pick music with a clear beat (e.g. "upbeat pop" or "electronic")`,
      { confidence: a.confidence, bpm: a.bpm },
    );
  }
  return a;
}
