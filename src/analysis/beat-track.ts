// Placing beats on the onset envelope at a known period by dynamic programming (Ellis 2007):
// each beat is worth its onset strength, less a penalty for straying from the period since the
// one before, and the best-scoring chain through the whole envelope is kept. Pure.

export interface BeatTrackOptions {
  /** How strictly beats keep the period; higher follows the tempo over single loud onsets. */
  tightness?: number;
}

/** Beat positions in envelope hops, ascending. */
export function trackBeats(envelope: Float64Array, periodHops: number, opts: BeatTrackOptions = {}): number[] {
  const n = envelope.length;
  if (n === 0 || !(periodHops > 1)) return [];
  const tightness = opts.tightness ?? 100;
  const score = new Float64Array(n);
  const from = new Int32Array(n).fill(-1);
  const nearest = Math.max(1, Math.round(periodHops / 2));
  const farthest = Math.round(periodHops * 2);
  for (let t = 0; t < n; t++) {
    let bestPrev = -1;
    let bestValue = 0;
    for (let p = t - farthest; p <= t - nearest; p++) {
      if (p < 0) continue;
      const value = score[p]! - tightness * Math.log((t - p) / periodHops) ** 2;
      if (bestPrev < 0 || value > bestValue) {
        bestPrev = p;
        bestValue = value;
      }
    }
    // A chain is only continued when that beats starting afresh here.
    if (bestPrev >= 0 && bestValue > 0) {
      score[t] = envelope[t]! + bestValue;
      from[t] = bestPrev;
    } else {
      score[t] = envelope[t]!;
    }
  }
  // The chain ends on the best-scoring hop within the last period.
  let last = Math.max(0, n - Math.ceil(periodHops));
  for (let t = last; t < n; t++) if (score[t]! > score[last]!) last = t;
  const beats: number[] = [];
  for (let t = last; t >= 0; t = from[t]!) beats.push(t);
  beats.reverse();
  return trimWeakEdges(beats, envelope);
}

/** Drops beats at either end that fall on next to nothing (the chain runs on through a silent intro or tail). */
function trimWeakEdges(beats: number[], envelope: Float64Array): number[] {
  if (beats.length === 0) return beats;
  let sq = 0;
  for (const b of beats) sq += envelope[b]! ** 2;
  const floor = 0.5 * Math.sqrt(sq / beats.length);
  let lo = 0;
  let hi = beats.length;
  while (lo < hi && envelope[beats[lo]!]! < floor) lo++;
  while (hi > lo && envelope[beats[hi - 1]!]! < floor) hi--;
  return beats.slice(lo, hi);
}

/**
 * The period the beats actually keep, in hops: least-squares lines through runs of beats that
 * keep the estimated period (within 10 %), averaged by run length. Finer than the
 * autocorrelation's grid; the runs keep a chain that slipped by part of a beat (it happens where
 * a loud off-beat takes over) from bending one line through both sides of the slip.
 */
export function fittedPeriod(beats: readonly number[], periodHops: number): number {
  const steadyShare = beats.slice(1).filter((b, i) => Math.abs(b - beats[i]! - periodHops) <= 0.1 * periodHops).length / Math.max(1, beats.length - 1);
  // Beats that follow the rhythm's accents rather than the pulse (a kick on 1 and the "and" of 3)
  // say more about the pattern than the period: the autocorrelation's figure stands.
  if (steadyShare < 0.9) return periodHops;
  let weighted = 0;
  let weight = 0;
  let runStart = 0;
  for (let i = 1; i <= beats.length; i++) {
    const steady = i < beats.length && Math.abs(beats[i]! - beats[i - 1]! - periodHops) <= 0.1 * periodHops;
    if (steady) continue;
    const run = beats.slice(runStart, i);
    if (run.length >= 4) {
      weighted += slope(run) * (run.length - 1);
      weight += run.length - 1;
    }
    runStart = i;
  }
  return weight > 0 ? weighted / weight : periodHops;
}

/** Least-squares slope of `ys` against 0, 1, 2, ... */
function slope(ys: readonly number[]): number {
  const m = ys.length;
  const meanX = (m - 1) / 2;
  const meanY = ys.reduce((a, b) => a + b, 0) / m;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < m; i++) {
    sxy += (i - meanX) * (ys[i]! - meanY);
    sxx += (i - meanX) ** 2;
  }
  return sxy / sxx;
}
