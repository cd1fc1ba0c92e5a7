// A first timeline from a media bin: every video and image in order, the format its first
// picture suggests.
import { ReelcutError } from '../errors.js';
import { aspectForSize } from './format.js';
import { Timeline, TIMELINE_VERSION, type Aspect, type Clip, type MediaItem } from './schema.js';

/** How long a still image plays when it becomes a clip. */
export const IMAGE_CLIP_MS = 3000;

export interface CreateTimelineOptions {
  /** Overrides the aspect the first picture suggests. */
  aspect?: Aspect;
}

export function createTimeline(media: MediaItem[], opts: CreateTimelineOptions = {}): Timeline {
  const visual = media.filter((m) => m.kind !== 'audio');
  const clips = visual.map((m, i) => clipFor(m, `c${i + 1}`));
  const first = visual[0];
  const aspect = opts.aspect ?? (first ? aspectForSize(first.width, first.height) : '9:16');
  return Timeline.parse({ version: TIMELINE_VERSION, media, clips, format: { aspect } });
}

/** A whole-length clip of one bin item (video: all of it; image: IMAGE_CLIP_MS). */
export function clipFor(item: MediaItem, id: string): Clip {
  if (item.kind === 'audio') {
    throw new ReelcutError('INVALID_OPERATION', `${item.name} is audio; it can be music (add_music) but not a clip`);
  }
  const out = item.kind === 'image' ? IMAGE_CLIP_MS : item.duration_ms;
  if (out <= 0) throw new ReelcutError('INVALID_INPUT', `${item.name} has no duration; it cannot be a clip`);
  return { id, media_id: item.id, in_ms: 0, out_ms: out, speed: 1, transform: { rotate: 0, flip_h: false, flip_v: false } };
}
