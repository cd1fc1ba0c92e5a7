// A timeline records music asked for by words as `lib:<query>`. Binding pins each such segment
// to the bundled track it resolves to (its id and title), so the summary names the real track,
// every later render plays the same one, and an unknown mood fails before any rendering starts.
import type { Timeline } from '../timeline/schema.js';
import { requireTrack } from './library.js';

export function bindLibraryMusic(t: Timeline): Timeline {
  if (!t.music.some((m) => m.media_id.startsWith('lib:'))) return t;
  return {
    ...t,
    music: t.music.map((m) => {
      if (!m.media_id.startsWith('lib:')) return m;
      const track = requireTrack(m.media_id.slice(4));
      return { ...m, media_id: `lib:${track.id}`, title: track.title };
    }),
  };
}
