// Tempo from the onset envelope's autocorrelation: the beat period is the lag at which the
// envelope best matches itself, and so do its multiples. Pure.

export interface TempoOptions {
  minBpm?: number;
  maxBpm?: number;
  /**
   * A log-normal preference (one octave wide) around this tempo picks between a tempo and its
   * half or double, which a steady loop fits about equally well. 100 rather than the textbook
   * 120: at 120 the hi-hat eighths of a slow lo-fi or hip-hop groove win, doubling its tempo.
   */
  preferredBpm?: number;
}

export interface TempoEstimate {
  bpm: number;
  /** The beat period in envelope hops (fractional). */
  periodHops: number;
  /** 0..1: mean normalised autocorrelation at the period and its multiples. */
  confidence: number;
}

/** Autocorrelation of `x` minus its mean, for lags 0..maxLag, divided by the value at lag 0. */
export function autocorrelation(x: Float64Array, maxLag: number): Float64Array {
  let mean = 0;
  for (const v of x) mean += v;
  mean /= Math.max(1, x.length);
  const centred = x.map((v) => v - mean);
  const acf = new Float64Array(maxLag + 1);
  for (let lag = 0; lag <= maxLag && lag < centred.length; lag++) {
    let sum = 0;
    for (let i = lag; i < centred.length; i++) sum += centred[i]! * centred[i - lag]!;
    // Unbiased: a long lag overlaps less of the signal and would otherwise always score lower.
    acf[lag] = sum / (centred.length - lag);
  }
  const zero = acf[0]!;
  if (zero > 0) for (let i = 0; i <= maxLag; i++) acf[i] = acf[i]! / zero;
  return acf;
}

function at(acf: Float64Array, lag: number): number {
  const i = Math.floor(lag);
  if (i + 1 >= acf.length) return 0;
  const f = lag - i;
  return acf[i]! * (1 - f) + acf[i + 1]! * f;
}

/** Periods are compared at this many multiples: the 4th pins the period to a quarter hop. */
const MULTIPLES = 4;

/** How well the envelope repeats every `period` hops (mean over its multiples). */
function periodicity(acf: Float64Array, period: number): number {
  let sum = 0;
  for (let k = 1; k <= MULTIPLES; k++) sum += at(acf, k * period);
  return sum / MULTIPLES;
}

export function estimateTempo(envelope: Float64Array, hopMs: number, opts: TempoOptions = {}): TempoEstimate | null {
  const minBpm = opts.minBpm ?? 60;
  const maxBpm = opts.maxBpm ?? 200;
  const preferred = opts.preferredBpm ?? 100;
  const hopsPerMinute = 60_000 / hopMs;
  const shortest = hopsPerMinute / maxBpm;
  const longest = hopsPerMinute / minBpm;
  const maxLag = Math.ceil(longest * MULTIPLES) + 1;
  if (envelope.length < maxLag + 2) return null;
  const acf = autocorrelation(envelope, maxLag);

  const step = 0.02;
  const periods: number[] = [];
  const fits: number[] = [];
  for (let period = shortest; period <= longest; period += step) {
    periods.push(period);
    fits.push(periodicity(acf, period));
  }
  // The preference only chooses between peaks: applied to every lag, its slope would pull the
  // estimate off a broad peak towards the preferred tempo.
  let best: { period: number; score: number } | null = null;
  for (let i = 1; i + 1 < fits.length; i++) {
    const fit = fits[i]!;
    if (fit < fits[i - 1]! || fit < fits[i + 1]!) continue;
    const bpm = hopsPerMinute / periods[i]!;
    const score = fit * Math.exp(-0.5 * Math.log2(bpm / preferred) ** 2);
    if (!best || score > best.score) best = { period: periods[i]!, score };
  }
  if (!best || best.score <= 0) return null;
  return {
    bpm: hopsPerMinute / best.period,
    periodHops: best.period,
    confidence: Math.min(1, Math.max(0, periodicity(acf, best.period))),
  };
}
