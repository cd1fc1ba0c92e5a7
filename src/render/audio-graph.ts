// The audio half of the render graph: each clip's sound (or silence) cut to its frames in
// samples, joined by cuts or crossfades, the music beds laid over it (looped, faded, ducked
// under the voice), mixed without amix's automatic attenuation, faded, and normalised to the
// timeline's loudness target.
//
// For compile.ts (the video side): `audioGraph(ctx)` returns an AudioGraphPart. Put its chains
// after the video chains, map `part.out` ("[aout]"), set `plan.audio = part.audio` (the loudness
// analysis pass needs it; RenderPlan.audio is optional in plan.ts) and append `part.notes` to the
// plan's notes. Pass `media` (the MediaInfo map) when music may come from the media bin. Clip
// positions come from the spans (render/spans.ts): a span's `overlap_frames` is how far it starts
// before the previous one ends (a transition, each join its own length), and the audio
// crossfades over exactly those frames; a join without overlap (a cut, or two pieces of one
// continuous shot) is butt-joined.
//
// Every pad label here starts with `au_` (the final one is `[aout]`); the chains read inputs only
// as `[<n>:a:0]`.
import { ReelcutError } from '../errors.js';
import type { FfmpegInfo } from '../media/ffmpeg-types.js';
import type { MediaInfo } from '../media/types.js';
import { musicInput, requireTrack } from '../music/index.js';
import type { MusicSegment, Timeline } from '../timeline/schema.js';
import { chain, filter, formatNumber, seconds } from './filtergraph.js';
import { loudnessAnalysisFilter, loudnessTarget, normaliseFilters, type LoudnessMeasurement } from './loudness.js';
import type { AudioPlan, ClipSpan, GraphPart, PlanInput } from './plan.js';
import { overlapOf } from './spans.js';

export const AUDIO_RATE = 48000;

export interface AudioGraphContext {
  timeline: Timeline;
  spans: ClipSpan[];
  fps: number;
  duration_ms: number;
  ff: FfmpegInfo;
  measuredLoudness?: LoudnessMeasurement;
  /** Appends an ffmpeg input (for music) and returns its index. */
  addInput(input: PlanInput): number;
  /** Probed media by id; music from the media bin is looked up here first, then in timeline.media. */
  media?: Map<string, MediaInfo>;
  /** Cached loop files of bundled tracks, by track id (music/loop-cache.ts); others are synthesised live. */
  musicLoops?: Map<string, string>;
}

export interface AudioGraphPart extends GraphPart {
  /** The same chains without the final normalisation, for the loudness analysis pass. */
  audio: AudioPlan;
  /** Things the person should know (music left out, silence kept as is). */
  notes: string[];
}

const OUT = '[aout]';
const PREMASTER = '[au_pre]';
const STEREO_48K = filter('aformat', { sample_fmts: 'fltp', sample_rates: AUDIO_RATE, channel_layouts: 'stereo' });
const RESET_PTS = filter('asetpts', { expr: 'N/SR/TB' });

// Ducking: a −40 dBFS threshold (above room tone) and a steep ratio, so phone speech from quiet
// (−33 dBFS RMS) to loud (−20) pulls the music down about 6 to 17 dB; a fast attack, and a
// release slow enough not to pump between words.
const DUCK = { threshold: 0.01, ratio: 10, attack: 5, release: 350 };

/** Sample index where output frame `frame` starts (exact when fps divides 48000). */
export function frameToSample(frame: number, fps: number): number {
  return Math.round((frame * AUDIO_RATE) / fps);
}

/** atempo factors whose product is `speed`, each within 0.5..2 (ffmpeg 4's limits). */
export function atempoFactors(speed: number): number[] {
  if (!(speed > 0) || !Number.isFinite(speed)) throw new ReelcutError('INVALID_INPUT', `A clip speed must be a positive number, not ${speed}.`);
  const factors: number[] = [];
  let rest = speed;
  while (rest > 2) {
    factors.push(2);
    rest /= 2;
  }
  while (rest < 0.5) {
    factors.push(0.5);
    rest /= 0.5;
  }
  if (Math.abs(rest - 1) > 1e-9) factors.push(rest);
  return factors;
}

export function audioGraph(ctx: AudioGraphContext): AudioGraphPart {
  const g = new Graph();
  const notes: string[] = [];
  const total = frameToSample(Math.round((ctx.duration_ms * ctx.fps) / 1000), ctx.fps);

  const voice = voiceTrack(ctx, total, g);
  const music = ctx.timeline.music
    .map((seg, j) => musicTrack(ctx, seg, j, total, g, notes))
    .filter((m): m is MusicTrack => m !== null);

  const mixInputs = duck(voice, music, g);
  const mixed = mix(mixInputs, total, ctx.ff, g);
  g.add(chain([mixed], fades(ctx.timeline, total), PREMASTER));

  const silent = mixInputs.length === 0;
  const audio: AudioPlan = {
    inputs: g.inputs(),
    chains: [...g.chains],
    premaster: PREMASTER,
    analysis: !silent && ctx.ff.caps.ebur128 ? loudnessAnalysisFilter() : null,
  };
  let master = [STEREO_48K];
  if (!silent) {
    const target = loudnessTarget(ctx.timeline.loudness.target_lufs);
    const normalised = normaliseFilters(target, ctx.measuredLoudness, ctx.ff.caps.loudnorm);
    notes.push(...normalised.notes);
    // The normalising filters end at 48 kHz (a limiter trims its delay): re-cut exactly.
    if (normalised.filters.length > 0) master = [...normalised.filters, STEREO_48K, 'apad', trimTo(total)];
  }
  const chains = [...audio.chains, chain([PREMASTER], master, OUT)];
  return { chains, out: OUT, audio, notes };
}

/** Collects chains and the inputs they read. */
class Graph {
  readonly chains: string[] = [];
  private readonly used = new Set<number>();
  add(c: string): void {
    this.chains.push(c);
  }
  read(input: number): string {
    this.used.add(input);
    return `[${input}:a:0]`;
  }
  inputs(): number[] {
    return [...this.used].sort((a, b) => a - b);
  }
}

function trimTo(samples: number): string {
  return filter('atrim', { end_sample: samples });
}

function silence(): string {
  return filter('anullsrc', { r: AUDIO_RATE, cl: 'stereo' });
}

// ---------------------------------------------------------------------------------------------
// The original sound of the clips

/** The clips' sound as one stream of exactly `total` samples, or null when none is heard. */
function voiceTrack(ctx: AudioGraphContext, total: number, g: Graph): string | null {
  const { original_audio } = ctx.timeline;
  const heard = !original_audio.muted && original_audio.volume > 0 && ctx.spans.some(hasAudio);
  if (!heard) return null;

  let endFrame = 0;
  const pieces = ctx.spans.map((span) => {
    const startFrame = endFrame - overlapOf(span);
    endFrame = startFrame + span.frames;
    const first = frameToSample(startFrame, ctx.fps);
    const last = frameToSample(endFrame, ctx.fps);
    return { span, first, last, label: `[au_c${span.index}]` };
  });
  for (const p of pieces) g.add(clipChain(p.span, p.last - p.first, p.label, g));

  // Adjacent clips overlap where the video crossfades; everywhere else they butt-join.
  let run: string[] = [];
  let joined = 0;
  const flush = (): string => {
    if (run.length === 1) return run[0]!;
    const out = `[au_j${joined++}]`;
    g.add(chain(run, [filter('concat', { n: run.length, v: 0, a: 1 })], out));
    return out;
  };
  pieces.forEach((p, i) => {
    const prev = pieces[i - 1];
    const overlap = prev ? prev.last - p.first : 0;
    if (!prev || overlap <= 0) {
      run.push(p.label);
      return;
    }
    const left = flush();
    const out = `[au_x${i}]`;
    g.add(chain([left, p.label], [filter('acrossfade', { ns: overlap, c1: 'tri', c2: 'tri' })], out));
    run = [out];
  });
  const cat = flush();

  const filters: string[] = [];
  if (original_audio.volume !== 1) filters.push(filter('volume', { volume: original_audio.volume }));
  filters.push('apad', trimTo(total));
  g.add(chain([cat], filters, '[au_voice]'));
  return '[au_voice]';
}

/**
 * A mono recording goes to both channels at full level, as editors place a mono clip on a stereo
 * timeline (ffmpeg's automatic upmix would lower it by 3 dB against stereo music).
 */
function toStereo(channels: number | undefined): string[] {
  return channels === 1 ? ['pan=stereo|c0=c0|c1=c0'] : [];
}

function hasAudio(span: ClipSpan): boolean {
  return span.media.audio.length > 0;
}

/** One clip's sound: the source's first audio stream (or silence), sped, cut to `samples`. */
function clipChain(span: ClipSpan, samples: number, out: string, g: Graph): string {
  if (!hasAudio(span)) return chain([], [silence(), STEREO_48K, trimTo(samples), RESET_PTS], out);
  return chain(
    [g.read(span.input)],
    [
      // async + first_pts: fill gaps and a late start in the source with silence, so sound stays
      // on the frames it was recorded with (phones write audio that starts a little late).
      filter('aresample', { osr: AUDIO_RATE, async: 1, first_pts: 0 }),
      ...toStereo(span.media.audio[0]?.channels),
      STEREO_48K,
      ...atempoFactors(span.speed).map((f) => filter('atempo', { tempo: f })),
      // A source whose sound ends early is padded: every clip is exactly its frames long.
      'apad',
      trimTo(samples),
      RESET_PTS,
    ],
    out,
  );
}

// ---------------------------------------------------------------------------------------------
// Music

interface MusicTrack {
  label: string;
  duck: boolean;
}

function musicTrack(ctx: AudioGraphContext, seg: MusicSegment, j: number, total: number, g: Graph, notes: string[]): MusicTrack | null {
  if (seg.volume <= 0) return null;
  const start = Math.min(msToSample(seg.start_ms), total);
  const end = Math.min(msToSample(seg.end_ms), total);
  if (end <= start) {
    notes.push(`Music "${seg.title}" starts after the video ends, so it was left out.`);
    return null;
  }
  const length = end - start;
  const source = musicSource(ctx, seg, Math.ceil((length * 1000) / AUDIO_RATE));
  const input = ctx.addInput(source.input);
  const played = source.available_ms === null || seg.loop ? length : Math.min(length, msToSample(source.available_ms));

  const filters = [filter('aresample', { osr: AUDIO_RATE }), ...toStereo(source.channels), STEREO_48K, trimTo(played)];
  const fadeIn = Math.min(msToSample(seg.fade_in_ms), played);
  const fadeOut = Math.min(msToSample(seg.fade_out_ms), played);
  if (fadeIn > 0) filters.push(filter('afade', { t: 'in', ss: 0, ns: fadeIn }));
  if (fadeOut > 0) filters.push(filter('afade', { t: 'out', ss: played - fadeOut, ns: fadeOut }));
  if (seg.volume !== 1) filters.push(filter('volume', { volume: seg.volume }));
  filters.push(RESET_PTS);
  // adelay takes milliseconds per channel in every ffmpeg (`all=1` and sample units came later).
  const delay_ms = (start * 1000) / AUDIO_RATE;
  if (delay_ms > 0) filters.push(filter('adelay', { delays: `${formatNumber(delay_ms)}|${formatNumber(delay_ms)}` }));
  filters.push('apad', trimTo(total));
  const label = `[au_m${j}]`;
  g.add(chain([g.read(input)], filters, label));
  return { label, duck: seg.duck };
}

function msToSample(ms: number): number {
  return Math.round((ms * AUDIO_RATE) / 1000);
}

/** Where a music segment's sound comes from: a bundled track (`lib:<query>`) or a file in the bin. */
interface MusicSource {
  input: PlanInput;
  /** How long the file plays once; null for an endless (synthesised) track. */
  available_ms: number | null;
  channels?: number;
}

function musicSource(ctx: AudioGraphContext, seg: MusicSegment, length_ms: number): MusicSource {
  if (seg.media_id.startsWith('lib:')) {
    const track = requireTrack(seg.media_id.slice(4));
    return { input: musicInput(track, length_ms, ctx.musicLoops?.get(track.id)), available_ms: null };
  }
  const probed = ctx.media?.get(seg.media_id);
  const item = ctx.timeline.media.find((m) => m.id === seg.media_id);
  if (!probed && !item) {
    throw new ReelcutError('INVALID_OPERATION', `Music "${seg.title}" uses ${seg.media_id}, which is not in the media bin. Add the file again or pick bundled music.`, {
      media_id: seg.media_id,
    });
  }
  const path = probed?.path ?? item?.path;
  if (!path) {
    throw new ReelcutError('FILE_NOT_FOUND', `Music "${seg.title}" (${item?.name ?? seg.media_id}) has no file on this machine. Add the file again.`, {
      media_id: seg.media_id,
    });
  }
  const withAudio = probed ? probed.audio.length > 0 : (item?.has_audio ?? false);
  if (!withAudio) {
    throw new ReelcutError('INVALID_OPERATION', `Music "${seg.title}" (${item?.name ?? seg.media_id}) has no sound to play. Pick an audio file or a video with sound.`, {
      media_id: seg.media_id,
    });
  }
  const available = probed?.audio[0]?.duration_ms || probed?.duration_ms || item?.duration_ms || 0;
  // Read a second more than needed: -t cuts on packet times, atrim then cuts on the sample. -vn:
  // music taken from a video file never decodes its picture.
  const before = [...(seg.loop ? ['-stream_loop', '-1'] : []), '-t', seconds(length_ms + 1000), '-vn'];
  const channels = probed?.audio[0]?.channels;
  return { input: { path, before }, available_ms: available > 0 ? available : null, ...(channels ? { channels } : {}) };
}

/** Splits the voice to key the compressors of ducked music; returns the labels to mix. */
function duck(voice: string | null, music: MusicTrack[], g: Graph): string[] {
  const ducked = voice ? music.filter((m) => m.duck) : [];
  if (!voice || ducked.length === 0) return [...(voice ? [voice] : []), ...music.map((m) => m.label)];
  const keys = ducked.map((_m, i) => `[au_key${i}]`);
  g.add(chain([voice], [filter('asplit', { outputs: keys.length + 1 })], `[au_vmix]${keys.join('')}`));
  const out = ['[au_vmix]'];
  for (const m of music) {
    const k = ducked.indexOf(m);
    if (k < 0) {
      out.push(m.label);
      continue;
    }
    const label = m.label.replace('[au_m', '[au_md');
    g.add(chain([m.label, keys[k]!], [filter('sidechaincompress', DUCK)], label));
    out.push(label);
  }
  return out;
}

/**
 * Sums the streams at their own levels. amix divides each input by the number of inputs; every
 * input here is exactly `total` samples long, so that division is constant and undone either by
 * `normalize=0` (ffmpeg 5+) or by a matching gain (ffmpeg 4).
 */
function mix(inputs: string[], total: number, ff: FfmpegInfo, g: Graph): string {
  if (inputs.length === 0) {
    g.add(chain([], [silence(), STEREO_48K, trimTo(total)], '[au_mix]'));
    return '[au_mix]';
  }
  if (inputs.length === 1) return inputs[0]!;
  const normalizeOption = ff.major >= 5;
  const filters = [
    filter('amix', { inputs: inputs.length, duration: 'longest', dropout_transition: 0, ...(normalizeOption ? { normalize: 0 } : {}) }),
  ];
  if (!normalizeOption) filters.push(filter('volume', { volume: inputs.length }));
  g.add(chain(inputs, filters, '[au_mix]'));
  return '[au_mix]';
}

function fades(t: Timeline, total: number): string[] {
  const fadeIn = Math.min(msToSample(t.fades.audio_in_ms), total);
  const fadeOut = Math.min(msToSample(t.fades.audio_out_ms), total);
  const filters: string[] = [];
  if (fadeIn > 0) filters.push(filter('afade', { t: 'in', ss: 0, ns: fadeIn }));
  if (fadeOut > 0) filters.push(filter('afade', { t: 'out', ss: total - fadeOut, ns: fadeOut }));
  return filters.length ? filters : ['anull'];
}
