// A tiny pattern synthesiser: one 4-bar loop of chords, bass and drums written as a single ffmpeg
// `aevalsrc` expression, rendered once and repeated by `aloop`. No sample files ship with
// reelcut; every bundled track is a few lines of numbers turned into a lavfi graph here.
//
// Time grid: 4/4, 16 sixteenths a bar, a chord a bar, four chords a loop. Patterns are lists of
// sixteenth positions within a bar (0..15). Every sound's envelope runs from its last hit, so a
// loop of exactly 16 beats repeats without a seam.
import { filter, formatNumber } from '../render/filtergraph.js';

export const MUSIC_SAMPLE_RATE = 48000;

export interface ChordPart {
  /** Four chords (one a bar), each a list of MIDI notes; every chord has the same number of notes. */
  chords: number[][];
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
  /** Relative strengths of harmonics 1, 2, 3...: the timbre. */
  harmonics: number[];
  level: number;
}

export interface BassPart {
  /** One MIDI note a chord (the bass register: about 36..48). */
  roots: number[];
  hits: number[];
  decay: number;
  level: number;
}

export interface DrumPart {
  kick?: { hits: number[]; level: number };
  snare?: { hits: number[]; level: number };
  hat?: { hits: number[]; level: number; decay?: number };
}

export interface Arrangement {
  bpm: number;
  chords: ChordPart;
  bass?: BassPart;
  drums?: DrumPart;
  /** ffmpeg audio filters after the loop (tone, space), already in filter syntax (built with `filter()`). */
  post: string[];
  /** Linear gain that brings the track to about −16 LUFS at volume 1. */
  gain: number;
  /**
   * Sample rate the loop is computed at before resampling to 48 kHz. ffmpeg evaluates the
   * expression once a sample, so this is the cost knob: 24 kHz keeps hats crisp enough.
   */
  rate?: number;
}

export const DEFAULT_SYNTH_RATE = 24000;

/** Samples in one 4-bar loop (16 beats) at `rate`. */
export function loopSamples(bpm: number, rate: number = MUSIC_SAMPLE_RATE): number {
  return Math.round((16 * 60 * rate) / bpm);
}

/** The lavfi graph (one `-f lavfi -i` argument) that plays the arrangement forever, 48 kHz stereo. */
export function arrangementGraph(a: Arrangement): string {
  const rate = a.rate ?? DEFAULT_SYNTH_RATE;
  const loop = loopSamples(a.bpm, rate);
  return [
    filter('aevalsrc', { exprs: arrangementExpr(a), s: rate, c: 'mono', d: formatNumber(loop / rate) }),
    filter('aloop', { loop: -1, size: loop }),
    ...a.post,
    filter('aresample', { osr: MUSIC_SAMPLE_RATE }),
    filter('volume', { volume: a.gain }),
    filter('aformat', { sample_fmts: 'fltp', sample_rates: MUSIC_SAMPLE_RATE, channel_layouts: 'stereo' }),
  ].join(',');
}

// Expression registers (ffmpeg's st()/ld() slots): random() keeps its seed in slot 9.
const CHORD = 0; // chord index in the loop, 0..3
const BAR_POS = 1; // seconds into the bar
const STEP = 2; // sixteenth index in the bar
const SINCE = 3; // seconds since the current part's last hit
const FREQ = 4; // the frequency of the voice being summed
const NOISE = 6;
const PREV_NOISE = 7;
const OUT = 8;
const SEED = 9;

/** The mono sample value at time `t`, as one ffmpeg expression. */
export function arrangementExpr(a: Arrangement): string {
  const beat = 60 / a.bpm;
  const bar = 4 * beat;
  const step = beat / 4;
  const seq: string[] = [
    st(CHORD, `floor(mod(t,${n(4 * bar)})/${n(bar)})`),
    st(BAR_POS, `mod(t,${n(bar)})`),
    st(STEP, `floor(ld(${BAR_POS})/${n(step)})`),
    st(NOISE, `random(${SEED})*2-1`),
    st(OUT, '0'),
  ];
  const add = (hits: number[], sound: string): void => {
    seq.push(st(SINCE, sinceLastHit(hits, step)), st(OUT, `ld(${OUT})+${sound}`));
  };

  const c = a.chords;
  add(c.hits, chordSound(c, bar));
  if (a.bass) {
    const root = select(`ld(${CHORD})`, a.bass.roots.map(midiHz));
    add(a.bass.hits, `${st(FREQ, root)}*0+${n(a.bass.level)}*${decayEnv(a.bass.decay)}*(sin(2*PI*ld(${FREQ})*t)+0.35*sin(4*PI*ld(${FREQ})*t))`);
  }
  const d = a.drums ?? {};
  if (d.kick) {
    // A sine swept from ~155 Hz down to 45 Hz: the classic electronic kick.
    add(d.kick.hits, `${n(d.kick.level)}*sin(2*PI*(45*ld(${SINCE})+4.4*(1-exp(-25*ld(${SINCE})))))*exp(-9*ld(${SINCE}))`);
  }
  // High-passed noise (the difference of successive white-noise samples) for snare and hats.
  const hiss = `(ld(${NOISE})-ld(${PREV_NOISE}))`;
  if (d.snare) {
    add(d.snare.hits, `${n(d.snare.level)}*(0.6*${hiss}+0.5*sin(2*PI*185*ld(${SINCE})))*exp(-22*ld(${SINCE}))`);
  }
  if (d.hat) {
    add(d.hat.hits, `${n(d.hat.level)}*${hiss}*exp(-${n(d.hat.decay ?? 70)}*ld(${SINCE}))`);
  }
  seq.push(st(PREV_NOISE, `ld(${NOISE})`), `ld(${OUT})`);
  return seq.join(';');
}

function chordSound(c: ChordPart, bar: number): string {
  const voices = c.chords[0]!.length;
  const hz = (v: number): string => select(`ld(${CHORD})`, c.chords.map((ch) => midiHz(ch[v]!)));
  // The voice's frequency is computed once into a register, then read by every harmonic.
  const tone = `(${c.harmonics.map((h, k) => `${n(h)}*sin(${n(2 * (k + 1))}*PI*ld(${FREQ})*t)`).join('+')})`;
  if (c.arpeggio) {
    // One note a hit, cycling through the chord: the note index counts hits within the loop.
    const idx = `mod(${hitIndex(c.hits)}+ld(${CHORD})*${c.hits.length},${voices})`;
    return `${st(FREQ, selectVoice(idx, voices, hz))}*0+${n(c.level)}*${envelope(c, bar, 0)}*${tone}`;
  }
  const parts: string[] = [];
  for (let v = 0; v < voices; v++) {
    parts.push(`${st(FREQ, hz(v))}*0+${n(c.level)}*${envelope(c, bar, v * (c.strum ?? 0))}*${tone}`);
  }
  return parts.join('+');
}

/** Envelope of a chord voice that starts `delay` seconds after the hit. */
function envelope(c: ChordPart, bar: number, delay: number): string {
  const s = delay > 0 ? `(ld(${SINCE})-${n(delay)})` : `ld(${SINCE})`;
  if (c.envelope === 'pad') {
    const period = bar / c.hits.length; // pads want evenly spaced hits
    return `min(1,${s}/0.12)*max(0,min(1,(${n(period)}-${s})/0.3))`;
  }
  const gate = delay > 0 ? `gt(${s},0)*` : '';
  return `${gate}min(1,${s}/0.004)*exp(-${n(c.decay ?? 3)}*${s})`;
}

function decayEnv(rate: number): string {
  return `min(1,ld(${SINCE})/0.004)*exp(-${n(rate)}*ld(${SINCE}))`;
}

/** Seconds since the most recent hit at or before the current sixteenth (wrapping to the previous bar). */
function sinceLastHit(hits: number[], step: number): string {
  const sorted = [...new Set(hits)].sort((x, y) => x - y);
  if (sorted.length === 0) throw new Error('a pattern needs at least one hit');
  // last(j): the last hit position <= j, or the previous bar's last hit (negative) when none.
  let last = n(sorted[sorted.length - 1]!);
  for (let i = sorted.length - 1; i >= 0; i--) {
    const prev = i === 0 ? n(sorted[sorted.length - 1]! - 16) : n(sorted[i - 1]!);
    last = `if(lt(ld(${STEP}),${n(sorted[i]!)}),${prev},${last})`;
  }
  return `ld(${BAR_POS})-${n(step)}*(${last})`;
}

/** How many hits of the pattern came before the current sixteenth in this bar (0-based index of the last hit). */
function hitIndex(hits: number[]): string {
  const sorted = [...new Set(hits)].sort((x, y) => x - y);
  return sorted.slice(1).map((h) => `gte(ld(${STEP}),${n(h)})`).join('+') || '0';
}

function selectVoice(idx: string, voices: number, hz: (v: number) => string): string {
  let out = hz(voices - 1);
  for (let v = voices - 2; v >= 0; v--) out = `if(lt(${idx},${v}+0.5),${hz(v)},${out})`;
  return `(${out})`;
}

/** values[i] where i = the (integer-valued) index expression. */
function select(index: string, values: number[]): string {
  let out = n(values[values.length - 1]!);
  for (let i = values.length - 2; i >= 0; i--) out = `if(lt(${index},${i}+0.5),${n(values[i]!)},${out})`;
  return `(${out})`;
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
