// Finding a bin item the way a person names it: "2" (the second upload), "beach.mp4", "beach",
// or its media id.
import { ReelcutError } from '../errors.js';
import type { MediaItem, Timeline } from './schema.js';

export function binListing(media: readonly MediaItem[]): string {
  return media.map((m, i) => `${i + 1}. ${m.name || m.id}`).join(', ');
}

export function resolveMedia(t: Pick<Timeline, 'media'>, ref: number | string): MediaItem {
  const bin = t.media;
  if (bin.length === 0) throw new ReelcutError('INVALID_OPERATION', 'the media bin is empty: upload a file first');
  const count = `${bin.length} item${bin.length === 1 ? '' : 's'}`;
  if (typeof ref === 'number') {
    const item = bin[ref - 1];
    if (!item) {
      throw new ReelcutError('INVALID_OPERATION', `there is no media ${ref}: the bin has ${count} (${binListing(bin)})`);
    }
    return item;
  }
  const wanted = ref.trim().toLowerCase();
  const stem = (name: string) => name.toLowerCase().replace(/\.[^.]+$/, '');
  const found =
    bin.find((m) => m.id === ref) ??
    bin.find((m) => m.name.toLowerCase() === wanted) ??
    bin.find((m) => stem(m.name) === wanted);
  if (found) return found;
  if (/^\d+$/.test(wanted)) return resolveMedia(t, Number(wanted));
  throw new ReelcutError('INVALID_OPERATION', `there is no media called "${ref}" in the bin; it has ${count}: ${binListing(bin)}`);
}
