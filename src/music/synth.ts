// A tiny pattern synthesiser: a whole piece of chords, bass, lead and drums in a song form
// (sections of bars, each choosing which parts play and which chord progression), written as a
// single ffmpeg `aevalsrc` expression, rendered once and repeated by `aloop`. No sample files ship
// with reelcut; every bundled track is a few lines of numbers turned into a lavfi graph here.
//
// Time grid: 4/4, 16 sixteenths a bar, a chord a bar, progressions of a few bars repeating through
// a section. Patterns are lists of sixteenth positions within a bar (0..15). Every sound's
// envelope (and its oscillator's phase) runs from its last hit, and everything is a function of
// the sample's position in the piece, so a piece of a whole number of bars repeats without a seam.
//
// Sections gate each part by its HITS, not by the clock: a hit sounds when its bar's section plays
// the part. A part that stops lets its last note ring on through the next bar (faded to silence
// in that bar's last 30 ms), and a part that starts waits for its first hit, so no decaying note
// is cut at a section boundary.
import { filter, formatNumber } from '../render/filtergraph.js';

export const MUSIC_SAMPLE_RATE = 48000;

export interface ChordPart {
  /** Sixteenths where the chord is struck; must include 0 (chords change on the bar). */
  hits: number[];
  /** `pad`: swells in and out between evenly spaced hits; `pluck`: decays from each hit. */
  envelope: 'pad' | 'pluck';
  /** Decay rate for `pluck` (1/s). */
  decay?: number;
  /** Seconds between the notes of a strum (a guitar-like stagger); 0 plays them together. */
  strum?: number;
  /** Play one chord note per hit, cycling upwards, instead of the whole chord. */
  arpeggio?: boolean;
  /** Semitones added to the progression's chord notes (12: an octave up). */
  transpose?: number;
  /** Relative strengths of harmonics 1, 2, 3...: the timbre. */
  harmonics: number[];
  level: number;
}

export interface BassPart {
  /** The notes are the progression's roots; before a bar's first hit the previous bar's note rings on. */
  hits: number[];
  decay: number;
  level: number;
}

export interface DrumPart {
  kick?: { hits: number[]; level: number; /** A beater click on top of the swept sine (0..1), so the kick reads as an onset and not only as low end. */ click?: number };
  snare?: { hits: number[]; level: number };
  hat?: { hits: number[]; level: number; decay?: number };
  /** A second, busier hat (shaker, sixteenths) for sections that lift. */
  perc?: { hits: number[]; level: number; decay?: number };
  /** Snare hits played in the last bar of a section marked `fill`, on top of the snare. */
  fill?: { hits: number[]; level: number };
}

/** One chord a bar, repeating through a section; `roots` are the bass notes (about 33..48), one a chord. */
export interface Progression {
  chords: number[][];
  roots: number[];
}

export type PartName = 'chords' | 'lead' | 'bass' | 'kick' | 'snare' | 'hat' | 'perc';

export interface Section {
  bars: number;
  /** The parts whose hits sound in this section. */
  play: readonly PartName[];
  /** Index into `Arrangement.progressions`; 0 when left out. */
  progression?: number;
  /** The drum fill plays in the section's last bar. */
  fill?: boolean;
}

export interface Arrangement {
  bpm: number;
  /** Every progression has as many chords as the others, and every chord as many notes. */
  progressions: Progression[];
  chords: ChordPart;
  /** A second chord voice (an arpeggio, an octave up) for the sections that play `lead`. */
  lead?: ChordPart;
  bass?: BassPart;
  drums?: DrumPart;
  /** The song form, in order; the piece is their bars, repeated. */
  form: Section[];
  /** ffmpeg audio filters after the loop (tone, space), already in filter syntax (built with `filter()`). */
  post: string[];
  /** Linear gain that brings the track to about −16 LUFS at volume 1. */
  gain: number;
  /**
   * Sample rate the piece is computed at before resampling to 48 kHz. ffmpeg evaluates the
   * expression once a sample, so this is the cost knob: 24 kHz keeps hats crisp enough.
   */
  rate?: number;
}

export const DEFAULT_SYNTH_RATE = 24000;

/** Bars in one pass of the piece. */
export function pieceBars(a: Pick<Arrangement, 'form'>): number {
  return a.form.reduce((sum, s) => sum + s.bars, 0);
}

/** Samples in one pass of the piece (a whole number of bars) at `rate`. */
export function loopSamples(a: Pick<Arrangement, 'form' | 'bpm'>, rate: number = MUSIC_SAMPLE_RATE): number {
  return Math.round((pieceBars(a) * 4 * 60 * rate) / a.bpm);
}

/** The piece's length in milliseconds (rounded to the millisecond; `loopSamples` is exact). */
export function pieceDurationMs(a: Pick<Arrangement, 'form' | 'bpm'>): number {
  return Math.round((pieceBars(a) * 4 * 60_000) / a.bpm);
}

/** The lavfi graph (one `-f lavfi -i` argument) that plays the arrangement forever, 48 kHz stereo. */
export function arrangementGraph(a: Arrangement): string {
  const rate = a.rate ?? DEFAULT_SYNTH_RATE;
  const loop = loopSamples(a, rate);
  return [
    // `d` is read in whole microseconds and rounded back to the nearest sample: exactly `loop`.
    filter('aevalsrc', { exprs: arrangementExpr(a), s: rate, c: 'mono', d: formatNumber(loop / rate) }),
    filter('aloop', { loop: -1, size: loop }),
    ...a.post,
    filter('aresample', { osr: MUSIC_SAMPLE_RATE }),
    filter('volume', { volume: a.gain }),
    filter('aformat', { sample_fmts: 'fltp', sample_rates: MUSIC_SAMPLE_RATE, channel_layouts: 'stereo' }),
  ].join(',');
}

// Expression registers (ffmpeg's st()/ld() slots, ten of them): random() keeps its seed in slot 9.
const CHORD = 0; // index of the chord playing (progression × chords a progression + bar), for the part being summed
const BAR_POS = 1; // samples into the bar
const STEP = 2; // sixteenth index in the bar
const SINCE = 3; // seconds since the current part's last hit
const PHASE = 4; // 2π × the frequency of the voice being summed × SINCE
const MASK = 5; // the bar's section bits, see `maskLookup`
const NOISE = 6;
const PREV_NOISE = 7;
const BAR = 8; // bar index in the piece
const SEED = 9;

/**
 * A bar's mask: which parts its section plays (a bit each; the fill's bit only in a fill
 * section's last bar) and its progression, then the same for the bar before it, so one lookup
 * a sample answers both "does this bar play it" and "did the last one".
 */
const PART_BITS: Record<PartName | 'fill', number> = { chords: 1, lead: 2, bass: 4, kick: 8, snare: 16, hat: 32, perc: 64, fill: 128 };
const PROGRESSION_UNIT = 256; // progressions 0..3
const PREVIOUS_UNIT = 1024;
/** Seconds over which a note left ringing into a bar its part does not play fades out, at that bar's end. */
const TAIL_FADE = 0.03;

interface Grid {
  rate: number;
  /** Samples a bar (a whole number: `validate` checks). */
  bar: number;
  bars: number;
  chordsPerProgression: number;
}

/** The mono sample value at time `t`, as one ffmpeg expression. */
export function arrangementExpr(a: Arrangement): string {
  validate(a);
  const rate = a.rate ?? DEFAULT_SYNTH_RATE;
  const bar = (4 * 60 * rate) / a.bpm;
  const bars = pieceBars(a);
  const g: Grid = { rate, bar, bars, chordsPerProgression: a.progressions[0]!.chords.length };

  const terms: string[] = [];
  const c = a.chords;
  terms.push(part(g, 'chords', c.hits, true, (from) => chordSound(c, a.progressions, g, from)));
  if (a.lead) {
    const lead = a.lead;
    terms.push(part(g, 'lead', lead.hits, true, (from) => chordSound(lead, a.progressions, g, from)));
  }
  if (a.bass) {
    const b = a.bass;
    const roots = a.progressions.flatMap((p) => p.roots.map(midiHz));
    terms.push(part(g, 'bass', b.hits, true, () => `${st(PHASE, `${n(2 * Math.PI)}*ld(${SINCE})*${select(`ld(${CHORD})`, roots)}`)}*0+${n(b.level)}*${decayEnv(b.decay)}*(sin(ld(${PHASE}))+0.35*sin(2*ld(${PHASE})))`));
  }
  const d = a.drums ?? {};
  if (d.kick) {
    const k = d.kick;
    // A sine swept from ~155 Hz down to 45 Hz: the classic electronic kick; the click is a few ms of noise.
    const click = k.click ? `+${n(k.click)}*${hiss()}*exp(-400*ld(${SINCE}))` : '';
    terms.push(part(g, 'kick', k.hits, false, () => `${n(k.level)}*(sin(2*PI*(45*ld(${SINCE})+4.4*(1-exp(-25*ld(${SINCE})))))*exp(-9*ld(${SINCE}))${click})`));
  }
  const snare = (level: number): string => `${n(level)}*(0.6*${hiss()}+0.5*sin(${n(2 * Math.PI * 185)}*ld(${SINCE})))*exp(-22*ld(${SINCE}))`;
  if (d.snare) terms.push(part(g, 'snare', d.snare.hits, false, () => snare(d.snare!.level)));
  if (d.fill) terms.push(part(g, 'fill', d.fill.hits, false, () => snare(d.fill!.level)));
  // High-passed noise (the difference of successive white-noise samples) for hats.
  if (d.hat) terms.push(part(g, 'hat', d.hat.hits, false, () => `${n(d.hat!.level)}*${hiss()}*exp(-${n(d.hat!.decay ?? 70)}*ld(${SINCE}))`));
  if (d.perc) terms.push(part(g, 'perc', d.perc.hits, false, () => `${n(d.perc!.level)}*${hiss()}*exp(-${n(d.perc!.decay ?? 120)}*ld(${SINCE}))`));

  const position = `mod(n,${n(bars * bar)})`;
  return [
    st(BAR, `floor(${position}/${n(bar)})`),
    st(BAR_POS, `${position}-${n(bar)}*ld(${BAR})`),
    st(STEP, `floor(16*ld(${BAR_POS})/${n(bar)})`),
    st(MASK, maskLookup(a.form, `ld(${BAR})`)),
    st(CHORD, chordNow(g)),
    st(NOISE, `random(${SEED})*2-1`),
    // The sum first (it reads the previous sample's noise), then the noise is kept for the next sample.
    `(${terms.join('+')})+${st(PREV_NOISE, `ld(${NOISE})`)}*0`,
  ].join(';');
}

function chordNow(g: Grid): string {
  return `mod(ld(${BAR}),${g.chordsPerProgression})+${g.chordsPerProgression}*mod(floor(ld(${MASK})/${PROGRESSION_UNIT}),4)`;
}

function chordBefore(g: Grid): string {
  return `mod(ld(${BAR})+${g.bars - 1},${g.chordsPerProgression})+${g.chordsPerProgression}*mod(floor(ld(${MASK})/${PREVIOUS_UNIT * PROGRESSION_UNIT}),4)`;
}

/** `sound`, heard with the previous bar's chord (the register is put back after). */
function withChordBefore(g: Grid, sound: string): string {
  return `(${st(CHORD, chordBefore(g))}*0+${sound}+${st(CHORD, chordNow(g))}*0)`;
}

/**
 * One part's term: its sound from its last hit when this bar's section plays it (and, for a hit
 * in the previous bar, when that bar's did); else the previous bar's last note ringing on, when
 * the previous bar played it, fading out at the end of this bar.
 */
function part(g: Grid, name: PartName | 'fill', hits: number[], tonal: boolean, sound: (from: 'own' | 'tail') => string): string {
  const sorted = [...new Set(hits)].sort((x, y) => x - y);
  if (sorted.length === 0) throw new Error(`the ${name} pattern needs at least one hit`);
  const bit = PART_BITS[name];
  const playsNow = `mod(floor(ld(${MASK})/${bit}),2)`;
  const playedBefore = `mod(floor(ld(${MASK})/${bit * PREVIOUS_UNIT}),2)`;
  const stepSamples = g.bar / 16;
  const lastOfBar = sorted[sorted.length - 1]!;
  const before = (s: string): string => (tonal ? withChordBefore(g, s) : s);
  const since = st(SINCE, sinceLastHit(sorted, stepSamples, g.rate));
  // A pattern that starts on the bar never reaches back into the previous one; before the first
  // hit of one that does, the previous bar's last hit rings on if that bar played the part.
  const own =
    sorted[0] === 0
      ? `${since}*0+${sound('own')}`
      : `${since}*0+if(lt(ld(${STEP}),${sorted[0]}),if(${playedBefore},${before(sound('tail'))},0),${sound('own')})`;
  const ringing = `${st(SINCE, `(ld(${BAR_POS})+${n(stepSamples * (16 - lastOfBar))})/${g.rate}`)}*0+min(1,(${n(g.bar)}-ld(${BAR_POS}))/${n(TAIL_FADE * g.rate)})*(${before(sound('tail'))})`;
  return `if(${playsNow},${own},if(${playedBefore},${ringing},0))`;
}

function chordSound(c: ChordPart, progressions: Progression[], g: Grid, from: 'own' | 'tail'): string {
  const chords = progressions.flatMap((p) => p.chords);
  const voices = chords[0]!.length;
  const shift = c.transpose ?? 0;
  const hz = (v: number): string => select(`ld(${CHORD})`, chords.map((ch) => midiHz(ch[v]! + shift)));
  // The voice's phase is computed once into a register, then read by every harmonic; it runs
  // from the hit, so a note ringing on across the piece's wrap stays whole.
  const phase = (freq: string): string => `${st(PHASE, `${n(2 * Math.PI)}*ld(${SINCE})*${freq}`)}*0`;
  const tone = `(${c.harmonics.map((h, k) => `${n(h)}*sin(${k === 0 ? '' : `${k + 1}*`}ld(${PHASE}))`).join('+')})`;
  if (c.arpeggio) {
    // One note a hit, cycling through the chord: the note index counts hits within the piece's chords.
    const count = new Set(c.hits).size;
    const hit = from === 'own' ? hitIndex(c.hits) : String(count - 1);
    const idx = `mod(${hit}+ld(${CHORD})*${count},${voices})`;
    const freq = lookup(idx, [...Array(voices).keys()].map(hz));
    return `${phase(freq)}+${n(c.level)}*${envelope(c, g, 0)}*${tone}`;
  }
  const strum = c.strum ?? 0;
  const all = [...Array(voices).keys()];
  // Struck together, the voices share one envelope: computed once, not once a voice.
  if (strum <= 0) return `${n(c.level)}*${envelope(c, g, 0)}*(${all.map((v) => `${phase(hz(v))}+${tone}`).join('+')})`;
  return all.map((v) => `${phase(hz(v))}+${n(c.level)}*${envelope(c, g, v * strum)}*${tone}`).join('+');
}

function hiss(): string {
  return `(ld(${NOISE})-ld(${PREV_NOISE}))`;
}

/** Envelope of a chord voice that starts `delay` seconds after the hit. */
function envelope(c: ChordPart, g: Grid, delay: number): string {
  const s = delay > 0 ? `(ld(${SINCE})-${n(delay)})` : `ld(${SINCE})`;
  if (c.envelope === 'pad') {
    const period = g.bar / g.rate / new Set(c.hits).size; // pads want evenly spaced hits
    return `min(1,${s}/0.12)*max(0,min(1,(${n(period)}-${s})/0.3))`;
  }
  const gate = delay > 0 ? `gt(${s},0)*` : '';
  return `${gate}min(1,${s}/0.004)*exp(-${n(c.decay ?? 3)}*${s})`;
}

function decayEnv(rate: number): string {
  return `min(1,ld(${SINCE})/0.004)*exp(-${n(rate)}*ld(${SINCE}))`;
}

/** Seconds since the most recent hit at or before the current sixteenth (wrapping to the previous bar). */
function sinceLastHit(sorted: number[], stepSamples: number, rate: number): string {
  // The last hit position <= the step, or the previous bar's last hit (negative) when none.
  const last = stepLookup(sorted, [sorted[sorted.length - 1]! - 16, ...sorted]);
  return `(ld(${BAR_POS})-${n(stepSamples)}*${last})/${rate}`;
}

/** How many hits of the pattern came before the current sixteenth in this bar (0-based index of the last hit). */
function hitIndex(hits: number[]): string {
  const sorted = [...new Set(hits)].sort((x, y) => x - y);
  return stepLookup(sorted, [sorted.length - 1, ...sorted.map((_, i) => i)]);
}

/** values[k] where k = how many of `bounds` (ascending) the current step has reached: a balanced tree of comparisons. */
function stepLookup(bounds: number[], values: number[]): string {
  return tree(`ld(${STEP})`, bounds, values.map(n));
}

/**
 * `values[k]` where k counts the `bounds` (ascending, one fewer than the values) that `x` has
 * reached, as a balanced tree of `if(lt(...))`: log2 comparisons a sample instead of a chain.
 */
function tree(x: string, bounds: number[], values: string[]): string {
  const build = (lo: number, hi: number): string => {
    if (lo === hi) return values[lo]!;
    const mid = (lo + hi + 1) >> 1;
    return `if(lt(${x},${n(bounds[mid - 1]!)}),${build(lo, mid - 1)},${build(mid, hi)})`;
  };
  return `(${build(0, values.length - 1)})`;
}

/** The masks of every bar of the form, merged into ranges, looked up from a bar index. */
function maskLookup(form: Section[], barIndex: string): string {
  const own: number[] = [];
  for (const s of form) {
    const mask = s.play.reduce((m, p) => m | PART_BITS[p], 0) + PROGRESSION_UNIT * (s.progression ?? 0);
    for (let i = 0; i < s.bars; i++) own.push(s.fill && i === s.bars - 1 ? mask | PART_BITS.fill : mask);
  }
  const masks = own.map((m, i) => m + PREVIOUS_UNIT * own[(i + own.length - 1) % own.length]!);
  const bounds: number[] = [];
  const values: number[] = [masks[0]!];
  masks.forEach((m, i) => {
    if (i > 0 && m !== masks[i - 1]) {
      bounds.push(i);
      values.push(m);
    }
  });
  return tree(barIndex, bounds, values.map(n));
}

function validate(a: Arrangement): void {
  const first = a.progressions[0];
  if (!first || first.chords.length === 0) throw new Error('an arrangement needs a chord progression');
  if (a.progressions.length > 4) throw new Error('an arrangement has at most four progressions');
  for (const p of a.progressions) {
    if (p.chords.length !== first.chords.length || p.roots.length !== p.chords.length) throw new Error('every progression needs as many chords (and roots) as the first');
    if (p.chords.some((ch) => ch.length !== first.chords[0]!.length)) throw new Error('every chord needs as many notes as the first');
  }
  for (const c of [a.chords, a.lead]) {
    if (c && !c.hits.includes(0)) throw new Error('chords and lead must be struck on the bar (hit 0): they change chord there');
  }
  if (a.form.length === 0 || a.form.some((s) => !(Number.isInteger(s.bars) && s.bars > 0))) throw new Error('the form needs sections of whole bars');
  if (a.form.some((s) => (s.progression ?? 0) >= a.progressions.length)) throw new Error('a section names a progression the arrangement does not have');
  const rate = a.rate ?? DEFAULT_SYNTH_RATE;
  if (!Number.isInteger((4 * 60 * rate) / a.bpm)) throw new Error(`a bar at ${a.bpm} BPM is not a whole number of samples at ${rate} Hz`);
}

/** values[i] where i = the (integer-valued) index expression. */
function select(index: string, values: number[]): string {
  return lookup(index, values.map(n));
}

function lookup(index: string, values: string[]): string {
  return tree(index, values.slice(1).map((_, i) => i + 0.5), values);
}

function st(slot: number, expr: string): string {
  return `st(${slot},${expr})`;
}

export function midiHz(note: number): number {
  return 440 * 2 ** ((note - 69) / 12);
}

function n(v: number): string {
  return formatNumber(v);
}
