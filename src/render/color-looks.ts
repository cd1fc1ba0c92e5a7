// The named looks (apply_filter) and colour adjustment (adjust_color) as ffmpeg filters. Each
// look blends from identity (intensity 0) to its full strength (intensity 1); an identity is
// never emitted, since every filter in the chain costs a pass over every pixel.
import type { Format } from '../timeline/schema.js';
import { filter, formatNumber } from './filtergraph.js';

type LookName = Format['filters'][number]['name'];

const r3 = (v: number) => Math.round(v * 1000) / 1000;
/** Blend from `from` (intensity 0) to `to` (intensity 1). */
const mix = (from: number, to: number, i: number) => r3(from + (to - from) * i);

/** A curve through control points, pulled towards the diagonal as intensity drops. */
function curve(points: Array<[number, number]>, i: number): string {
  return points.map(([x, y]) => `${formatNumber(x)}/${formatNumber(mix(x, y, i))}`).join(' ');
}

/** Sepia's colour matrix (the classic Microsoft one), blended with identity. */
function sepia(i: number): string {
  const m = [
    [0.393, 0.769, 0.189],
    [0.349, 0.686, 0.168],
    [0.272, 0.534, 0.131],
  ];
  const keys = ['r', 'g', 'b'] as const;
  const opts: Record<string, number> = {};
  m.forEach((row, o) => row.forEach((v, c) => (opts[`${keys[o]}${keys[c]}`] = mix(o === c ? 1 : 0, v, i))));
  return filter('colorchannelmixer', opts);
}

/** Shadows / midtones / highlights balance, one value a channel, scaled by intensity. */
function balance(shift: { r?: [number, number, number]; b?: [number, number, number] }, i: number): string {
  const opts: Record<string, number | undefined> = {};
  const set = (ch: 'r' | 'b', v: [number, number, number] | undefined) => {
    if (!v) return;
    (['s', 'm', 'h'] as const).forEach((range, k) => {
      if (v[k] !== 0) opts[`${ch}${range}`] = r3(v[k]! * i);
    });
  };
  set('r', shift.r);
  set('b', shift.b);
  return filter('colorbalance', opts);
}

/** The filters of one look at an intensity in (0, 1]. */
export function lookFilters(name: LookName, i: number): string[] {
  switch (name) {
    case 'bw':
      return [filter('hue', { s: r3(1 - i) })];
    case 'sepia':
      return [sepia(i)];
    case 'warm':
      return [balance({ r: [0.08, 0.06, 0.04], b: [-0.08, -0.06, -0.04] }, i)];
    case 'cool':
      return [balance({ r: [-0.08, -0.06, -0.04], b: [0.08, 0.06, 0.04] }, i)];
    case 'vivid':
      return [filter('eq', { contrast: mix(1, 1.1, i), saturation: mix(1, 1.5, i) })];
    case 'cinematic':
      // Teal shadows, warm highlights, a touch more contrast and a touch less colour.
      return [
        balance({ r: [-0.08, 0, 0.08], b: [0.1, 0, -0.08] }, i),
        filter('eq', { contrast: mix(1, 1.1, i), saturation: mix(1, 0.9, i) }),
      ];
    case 'vintage':
      // ffmpeg's own "vintage" curves preset, as points so intensity can scale it.
      return [
        filter('curves', {
          r: curve([[0, 0.11], [0.42, 0.51], [1, 0.95]], i),
          g: curve([[0, 0], [0.5, 0.48], [1, 1]], i),
          b: curve([[0, 0.22], [0.49, 0.44], [1, 0.8]], i),
        }),
      ];
    case 'fade':
      // A faded print: lifted blacks, softened whites, less colour.
      return [
        filter('curves', { all: curve([[0, 0.12], [1, 0.94]], i) }),
        filter('eq', { saturation: mix(1, 0.75, i) }),
      ];
  }
}

/**
 * adjust_color's -1..1 sliders as one `eq`: brightness adds up to ±0.25 (the full ±1 of eq is
 * pure white/black), contrast multiplies by 0.5..1.5, saturation by 0..2.
 */
export function adjustFilter(color: Format['color']): string | null {
  const { brightness, contrast, saturation } = color;
  if (brightness === 0 && contrast === 0 && saturation === 0) return null;
  return filter('eq', {
    brightness: brightness === 0 ? undefined : r3(brightness * 0.25),
    contrast: contrast === 0 ? undefined : r3(1 + contrast * 0.5),
    saturation: saturation === 0 ? undefined : r3(1 + saturation),
  });
}

/** Every look and adjustment of a format, in order, identities left out. */
export function colorFilters(format: Format): string[] {
  const out: string[] = [];
  for (const f of format.filters) {
    if (f.intensity > 0) out.push(...lookFilters(f.name, f.intensity));
  }
  const adjust = adjustFilter(format.color);
  if (adjust) out.push(adjust);
  return out;
}
