// The one door between operations that need media measured and the pure `apply`: such an
// operation is completed here (captions from speech get their timed words; pauses become cuts;
// cutting to the beat becomes trims) and comes out as operations `apply` can take on their own.
// Everything else passes through untouched.
import { findSpeechEngine, transcribeTimeline, type SpeechEngine } from '../captions/index.js';
import type { FfmpegInfo, MediaInfo } from '../media/index.js';
import type { Operation } from '../operations/index.js';
import type { Timeline } from '../timeline/index.js';
import { prepareBeatSync } from './prepare-beat-sync.js';
import { prepareRemoveSilence } from './prepare-remove-silence.js';
import { prepareTextCaptions } from './prepare-text-captions.js';
import { prepareMusic } from './prepare-music.js';
import { prepareSplitScenes } from './prepare-split-scenes.js';

export interface PrepareDeps {
  ff: FfmpegInfo;
  /** Probed files by media id (paths the process may read). */
  media: ReadonlyMap<string, MediaInfo>;
  /** The recogniser to use; found on first need (its absence is an error only when speech is asked for). */
  speechEngine?: () => SpeechEngine;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

/** Whether `op` needs media measured before `apply` can take it. */
export function needsPreparing(op: Operation): boolean {
  if (op.op === 'remove_silence' || op.op === 'beat_sync' || op.op === 'split_scenes') return true;
  // Music said without a word on ducking: ducked when the video plays speech.
  if (op.op === 'add_music') return op.duck === undefined;
  // Every add_captions without times: speech is heard, given words are timed over the speech.
  return op.op === 'add_captions' && op.words === undefined;
}

/** The operations to apply, in order, in place of `op`. */
export async function prepareOperation(op: Operation, timeline: Timeline, deps: PrepareDeps): Promise<Operation[]> {
  if (!needsPreparing(op)) return [op];
  if (op.op === 'remove_silence') return prepareRemoveSilence(op, timeline, deps);
  if (op.op === 'beat_sync') return prepareBeatSync(op, timeline, deps);
  if (op.op === 'split_scenes') return prepareSplitScenes(op, timeline, deps);
  if (op.op === 'add_music') return prepareMusic(op, timeline, deps);
  if (op.op !== 'add_captions') return [op];
  if ((op.source ?? (op.text === undefined ? 'speech' : 'text')) !== 'speech') return prepareTextCaptions(op, timeline, deps);
  const engine = deps.speechEngine ? deps.speechEngine() : findSpeechEngine(deps.env ?? process.env, deps.ff);
  const words = await transcribeTimeline(timeline, deps.media, deps.ff, engine, {
    ...(op.language ? { language: op.language } : {}),
    ...(deps.signal ? { signal: deps.signal } : {}),
  });
  return [{ ...op, source: 'speech', words }];
}
