// Onset strength: how much new sound energy arrives in each ~10 ms hop (spectral flux of
// log-compressed magnitudes). Drums, plucks and clicks make peaks; a held note or steady noise
// does not. Pure.
import { fft } from './fft.js';

export interface OnsetEnvelope {
  /** One value a hop, ≥ 0, roughly unit scale. */
  values: Float64Array;
  /** Milliseconds between values. */
  hopMs: number;
  /** Time of values[0]: where an onset in that hop is heard. */
  offsetMs: number;
}

export interface OnsetOptions {
  /** Samples between frames (110 at 11025 Hz ≈ 10 ms). */
  hop?: number;
  /** Analysis frame in samples, a power of two; short, so an onset is placed within a few ms. */
  window?: number;
}

/** Log compression: quiet and loud onsets both count, as they do to a listener. */
const COMPRESSION = 1000;

export function onsetEnvelope(samples: Float32Array, sampleRate: number, opts: OnsetOptions = {}): OnsetEnvelope {
  const hop = opts.hop ?? Math.round(sampleRate / 100);
  const size = opts.window ?? 256;
  const bins = size / 2 + 1;
  const frames = samples.length < size ? 0 : Math.floor((samples.length - size) / hop) + 1;
  const hann = new Float64Array(size);
  for (let i = 0; i < size; i++) hann[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / size);

  const re = new Float64Array(size);
  const im = new Float64Array(size);
  let previous = new Float64Array(bins);
  let current = new Float64Array(bins);
  const flux = new Float64Array(frames);
  for (let f = 0; f < frames; f++) {
    const at = f * hop;
    for (let i = 0; i < size; i++) {
      re[i] = samples[at + i]! * hann[i]!;
      im[i] = 0;
    }
    fft(re, im);
    let sum = 0;
    for (let k = 0; k < bins; k++) {
      const mag = Math.log1p(COMPRESSION * Math.hypot(re[k]!, im[k]!));
      current[k] = mag;
      if (f > 0) sum += Math.max(0, mag - previous[k]!);
    }
    flux[f] = sum;
    [previous, current] = [current, previous];
  }
  return {
    values: normalise(removeLocalMean(flux, Math.round((sampleRate / hop) * 0.5))),
    hopMs: (1000 * hop) / sampleRate,
    // Log compression makes a new sound count as soon as it enters a frame, even under the
    // window's tail: a peak at frame f is an onset within its last hop, placed at that hop's middle.
    offsetMs: (1000 * (size - hop / 2)) / sampleRate,
  };
}

/** Flux minus its running mean over ±`radius` hops, floored at 0: peaks above the local level. */
function removeLocalMean(x: Float64Array, radius: number): Float64Array {
  const out = new Float64Array(x.length);
  const prefix = new Float64Array(x.length + 1);
  for (let i = 0; i < x.length; i++) prefix[i + 1] = prefix[i]! + x[i]!;
  for (let i = 0; i < x.length; i++) {
    const lo = Math.max(0, i - radius);
    const hi = Math.min(x.length, i + radius + 1);
    out[i] = Math.max(0, x[i]! - (prefix[hi]! - prefix[lo]!) / (hi - lo));
  }
  return out;
}

function normalise(x: Float64Array): Float64Array {
  let sq = 0;
  for (const v of x) sq += v * v;
  const rms = Math.sqrt(sq / Math.max(1, x.length));
  if (rms > 0) for (let i = 0; i < x.length; i++) x[i] = x[i]! / rms;
  return x;
}
