// The timelines the corpus plans against: "one" (a single 60 s phone clip) and "three" (three
// 10 s clips with music at 35% and captions), built through the real timeline model.
import { apply, createTimeline, type MediaItem, type Timeline } from '../../src/timeline/index.js';

const video = (id: string, name: string, ms: number): MediaItem => ({
  id,
  name,
  kind: 'video',
  duration_ms: ms,
  width: 1080,
  height: 1920,
  has_audio: true,
});

export function draftOne(): Timeline {
  return createTimeline([video('m1', 'clip.mp4', 60_000)]);
}

export function draftThree(): Timeline {
  let t = createTimeline([video('m1', 'a.mp4', 10_000), video('m2', 'b.mp4', 10_000), video('m3', 'c.mp4', 10_000)]);
  t = apply(t, { op: 'add_music', query: 'lofi', volume: 0.35 });
  t = apply(t, { op: 'add_captions', source: 'text', text: 'hello from the beach today' });
  return t;
}

export const DRAFTS: Record<string, () => Timeline> = { one: draftOne, three: draftThree };
