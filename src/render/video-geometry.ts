// Picture geometry of one clip, as numbers: how the coded picture is turned upright, which source
// pixels a crop keeps, what size a scale produces. Pure arithmetic, so the graph builder only
// prints filters and the tests can pin every rectangle.
import { even } from './presets.js';

export type Quarter = 0 | 90 | 180 | 270;

/** A picture as filters see it: pixel grid and pixel shape (sample aspect ratio). */
export interface Picture {
  width: number;
  height: number;
  sar: [number, number];
}

/** The filters that turn a picture upright and apply a clip's own rotate/flip, in one step. */
export interface Orientation {
  /** Clockwise quarter turns done with `transpose` (90 or 270), or none. */
  transpose: 'clock' | 'cclock' | null;
  hflip: boolean;
  vflip: boolean;
}

/**
 * Combine the source's display rotation (clockwise, from probe) with the clip's rotate/flip.
 * The sum is applied exactly once: 180° is a horizontal plus a vertical flip, and flips that
 * cancel out are dropped.
 */
export function orientation(sourceRotation: Quarter, clipRotate: Quarter, flipH: boolean, flipV: boolean): Orientation {
  const total = ((sourceRotation + clipRotate) % 360) as Quarter;
  const half = total === 180;
  return {
    transpose: total === 90 ? 'clock' : total === 270 ? 'cclock' : null,
    hflip: half !== flipH,
    vflip: half !== flipV,
  };
}

/** The picture after `orientation`: a transpose swaps the sides and the pixel shape. */
export function oriented(p: Picture, o: Orientation): Picture {
  if (!o.transpose) return p;
  return { width: p.height, height: p.width, sar: [p.sar[1], p.sar[0]] };
}

export function isSquare(sar: [number, number]): boolean {
  return sar[0] === sar[1];
}

/** Width a player shows: pixels times pixel shape. */
export function displayWidth(p: Picture): number {
  return (p.width * p.sar[0]) / p.sar[1];
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** An even length near `v`, at most `max` (and at least 2). */
function evenWithin(v: number, max: number): number {
  const r = even(v);
  return r <= max ? r : Math.max(2, max - (max % 2));
}

/**
 * Cover: the centred region of source pixels that, shown at the target's shape, fills the whole
 * target. Null when that is the whole picture. Cropping in source pixels before any scaling
 * keeps the scaler's work to what is kept (a 1080×1920 source to 1080×1080 is a crop alone).
 */
export function coverCrop(p: Picture, target: { width: number; height: number }): Rect | null {
  const dw = displayWidth(p);
  const scale = Math.max(target.width / dw, target.height / p.height);
  // The kept region in display units, back to source pixels horizontally through the pixel shape.
  const keepW = ((target.width / scale) * p.sar[1]) / p.sar[0];
  const keepH = target.height / scale;
  const width = Math.abs(keepW - p.width) < 1 ? p.width : evenWithin(keepW, p.width);
  const height = Math.abs(keepH - p.height) < 1 ? p.height : evenWithin(keepH, p.height);
  if (width === p.width && height === p.height) return null;
  return { x: Math.floor((p.width - width) / 2), y: Math.floor((p.height - height) / 2), width, height };
}

/** Contain: the even size the whole picture takes inside the target, square pixels. */
export function containSize(p: Picture, target: { width: number; height: number }): { width: number; height: number } {
  const dw = displayWidth(p);
  const scale = Math.min(target.width / dw, target.height / p.height);
  return { width: evenWithin(dw * scale, target.width), height: evenWithin(p.height * scale, target.height) };
}

/** The picture after a crop (the pixel shape stays). */
export function cropped(p: Picture, r: Rect | null): Picture {
  return r ? { width: r.width, height: r.height, sar: p.sar } : p;
}

/** True when the picture already has exactly this size in square pixels: no scaler needed. */
export function isExactly(p: Picture, size: { width: number; height: number }): boolean {
  return p.width === size.width && p.height === size.height && isSquare(p.sar);
}
