// The output frame a format asks for, and the format a piece of media suggests.
import type { Aspect, Format } from './schema.js';

/** Instagram's frames at 1080p (INSTAGRAM.md); other heights scale these. */
const FRAMES_1080: Record<Aspect, { width: number; height: number }> = {
  '9:16': { width: 1080, height: 1920 },
  '1:1': { width: 1080, height: 1080 },
  '4:5': { width: 1080, height: 1350 },
  '16:9': { width: 1920, height: 1080 },
  '1.91:1': { width: 1080, height: 566 },
};

/**
 * Output width × height for an aspect at a "p" height (the short side for 9:16, 1:1, 4:5 and
 * 16:9). 1.91:1 is Instagram's 1080×566 landscape, scaled the same way. Sizes are even (yuv420p).
 */
export function frameSize(aspect: Aspect, height: Format['height'] = 1080): { width: number; height: number } {
  const base = FRAMES_1080[aspect];
  const scale = height / 1080;
  return { width: even(base.width * scale), height: even(base.height * scale) };
}

/** Encoders and yuv420p want even sizes. */
export function even(v: number): number {
  return Math.max(2, Math.round(v / 2) * 2);
}

/** The format a picture of this display size suits: portrait → 9:16, near-square → 1:1, landscape → 16:9. */
export function aspectForSize(width: number, height: number): Aspect {
  if (width <= 0 || height <= 0) return '9:16';
  const ratio = width / height;
  if (ratio >= 0.87 && ratio <= 1.15) return '1:1';
  return ratio < 1 ? '9:16' : '16:9';
}
