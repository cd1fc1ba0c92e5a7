// The video half of the filter graph: each clip made upright, timed to whole output frames at a
// constant rate, converted to BT.709, fitted to the format, then joined (cuts or transitions),
// coloured, faded and titled. Every phone trap is handled here, in the graph, once:
// rotation (applied from the probe, autorotate off), variable frame rate (fps), HDR (tone-mapped),
// odd pixel shapes (scaled to square pixels), stills (one decoded picture, looped).
import { videoTiming } from './clip-timing.js';
import { stabilizeTransformFilter } from './stabilize.js';
import type { FfmpegInfo } from '../media/ffmpeg-types.js';
import type { VideoStreamInfo } from '../media/types.js';
import type { Clip, Timeline } from '../timeline/schema.js';
import { colorFilters } from './color-looks.js';
import { chain, filter, formatNumber } from './filtergraph.js';
import type { FontFace } from './fonts.js';
import type { MeasureText } from './text-measure.js';
import type { ClipSpan, GraphPart } from './plan.js';
import { even } from './presets.js';
import { overlapOf } from './spans.js';
import { captionsAssPart } from './captions-overlay.js';
import { assFilter, buildOverlayAss, drawtextFilters, TITLES_FILE, titlesAssPart, type TitleLayout } from './text-overlay.js';
import {
  containSize,
  coverCrop,
  cropped,
  isExactly,
  orientation,
  oriented,
  type Picture,
  type Rect,
} from './video-geometry.js';

export interface VideoGraphContext {
  timeline: Timeline;
  spans: ClipSpan[];
  width: number;
  height: number;
  fps: number;
  ff: FfmpegInfo;
  /** Output length in frames. */
  totalFrames: number;
  /** The face titles are drawn with (see fonts.ts chooseFont). */
  font: FontFace | null;
  /** Caption text widths in that face (text-measure.ts); an estimate when absent. */
  measureText?: MeasureText;
  /** Motion transforms by clip index, when the timeline is stabilised (see stabilize.ts). */
  stabilize?: Map<number, string>;
}

export interface VideoGraph extends GraphPart {
  files: Array<{ name: string; content: string }>;
  notes: string[];
}

export const VIDEO_OUT = '[vout]';
const clipLabel = (k: number) => `[vc${k}]`;

type ScaleColour = Record<string, string>;

interface ColourPlan {
  /** Filters that tone-map HDR to BT.709 SDR (applied once the crop has dropped what is not kept). */
  tonemap: string[];
  /** Matrix options for the scaler that first touches the source pixels. */
  scale: ScaleColour;
  note: string | null;
}

const RGB_FORMAT = /^(rgb|bgr|argb|abgr|rgba|bgra|gbr|pal|ya|0rgb|rgb0|0bgr|bgr0|x2rgb|x2bgr)/;
const ZSCALE_PRIMARIES = new Set(['bt709', 'bt2020', 'smpte432', 'smpte431', 'bt470bg', 'smpte170m']);
const ZSCALE_MATRIX = new Set(['bt709', 'bt2020nc', 'bt2020c', 'bt470bg', 'smpte170m']);

/**
 * How a source's colours reach BT.709 limited range: HLG/PQ tone-mapped with zscale (the
 * source's own transfer, primaries and matrix named explicitly, so untagged frames still
 * convert); RGB pictures and BT.601 sources converted by the scaler's matrix; BT.709 as it is.
 */
export function colourPlan(v: VideoStreamInfo, ff: FfmpegInfo): ColourPlan {
  if (v.color_transfer === 'hlg' || v.color_transfer === 'pq') {
    if (ff.caps.zscale && ff.caps.tonemap) {
      const primaries = v.color_primaries && ZSCALE_PRIMARIES.has(v.color_primaries) ? v.color_primaries : 'bt2020';
      const matrix = v.color_space && ZSCALE_MATRIX.has(v.color_space) ? v.color_space : 'bt2020nc';
      return {
        tonemap: [
          filter('zscale', {
            tin: v.color_transfer === 'hlg' ? 'arib-std-b67' : 'smpte2084',
            pin: primaries,
            min: matrix,
            rin: 'tv',
            t: 'linear',
            npl: 100,
          }),
          filter('format', { pix_fmts: 'gbrpf32le' }),
          filter('zscale', { p: 'bt709' }),
          filter('tonemap', { tonemap: 'hable', desat: 0 }),
          filter('zscale', { t: 'bt709', m: 'bt709', r: 'tv' }),
          filter('format', { pix_fmts: 'yuv420p' }),
        ],
        scale: {},
        note: null,
      };
    }
    return {
      tonemap: [],
      scale: { in_color_matrix: 'bt2020', out_color_matrix: 'bt709', out_range: 'tv' },
      note: 'An HDR clip was converted without tone mapping (this ffmpeg lacks zscale/tonemap), so it may look flat or washed out.',
    };
  }
  if (RGB_FORMAT.test(v.pix_fmt)) return { tonemap: [], scale: { out_color_matrix: 'bt709', out_range: 'tv' }, note: null };
  const bt601 =
    v.color_space === 'smpte170m' || v.color_space === 'bt470bg' || (v.color_space === null && v.pix_fmt.startsWith('yuvj'));
  if (bt601) return { tonemap: [], scale: { in_color_matrix: 'bt601', out_color_matrix: 'bt709', out_range: 'tv' }, note: null };
  if (v.color_space === 'bt2020nc' || v.color_space === 'bt2020c') {
    return { tonemap: [], scale: { in_color_matrix: 'bt2020', out_color_matrix: 'bt709', out_range: 'tv' }, note: null };
  }
  return { tonemap: [], scale: {}, note: null };
}

const hasColourWork = (c: ScaleColour) => Object.keys(c).length > 0;

/**
 * A scaler step from source pixels: skipped when the size is already right and no colour work is
 * due. The chain's closing format=yuv420p makes this scaler do the conversion, with its options.
 */
function scaleTo(p: Picture, size: { width: number; height: number }, colour: ScaleColour): string[] {
  if (isExactly(p, size) && !hasColourWork(colour)) return [];
  return [filter('scale', { w: size.width, h: size.height, ...colour })];
}

function cropFilter(r: Rect | null): string[] {
  return r ? [filter('crop', { w: r.width, h: r.height, x: r.x, y: r.y })] : [];
}

function backgroundColour(bg: string): string {
  return bg.startsWith('#') ? `0x${bg.slice(1)}` : bg;
}


/** Timing of a still: the one decoded (and already fitted) picture repeated for its frames. */
function stillTiming(span: ClipSpan, fps: number): string[] {
  return [
    filter('loop', { loop: -1, size: 1 }),
    filter('settb', { expr: `1/${fps}` }),
    filter('setpts', { expr: 'N' }),
    filter('fps', { fps }),
    filter('trim', { end_frame: span.frames }),
  ];
}

function orientationFilters(v: VideoStreamInfo, clip: Clip): { filters: string[]; picture: Picture } {
  const o = orientation(v.rotation, clip.transform.rotate, clip.transform.flip_h, clip.transform.flip_v);
  const filters: string[] = [];
  if (o.transpose) filters.push(filter('transpose', { dir: o.transpose }));
  if (o.hflip) filters.push('hflip');
  if (o.vflip) filters.push('vflip');
  const picture = oriented({ width: v.width, height: v.height, sar: v.sample_aspect }, o);
  return { filters, picture };
}

/** One clip's chains, ending at `[vc<k>]` in yuv420p, square pixels, output size, constant rate. */
function clipChains(span: ClipSpan, clip: Clip, ctx: VideoGraphContext, tail: string[]): { chains: string[]; notes: string[] } {
  const v = span.media.video;
  if (!v) throw new Error(`clip ${span.index + 1} has no picture`); // compile.ts rejects these first
  const k = span.index;
  const target = { width: ctx.width, height: ctx.height };
  const still = span.media.kind === 'image';
  const source = `[${span.input}:${v.index}]`;
  const out = clipLabel(k);
  const colour = colourPlan(v, ctx.ff);
  const notes = colour.note ? [colour.note] : [];
  const timing = still ? stillTiming(span, ctx.fps) : videoTiming(span, ctx.fps);
  // Video is timed first (fewer frames to work on when the source runs faster than the output);
  // a still is fitted once and then repeated.
  const trf = still ? undefined : ctx.stabilize?.get(span.index);
  const steady = trf && ctx.timeline.stabilize ? [stabilizeTransformFilter(trf, ctx.timeline.stabilize.strength, ctx.fps)] : [];
  const before = still ? [] : [...timing, ...steady];
  const after = still ? [...timing, ...tail] : tail;
  const { filters: turn, picture } = orientationFilters(v, clip);
  const format = ctx.timeline.format;

  if (format.fit === 'fill') {
    const crop = coverCrop(picture, target);
    const geometry = [
      ...cropFilter(crop),
      ...colour.tonemap,
      ...scaleTo(cropped(picture, crop), target, colour.scale),
      filter('setsar', { r: 1 }),
      filter('format', { pix_fmts: 'yuv420p' }),
    ];
    return { chains: [chain([source], [...before, ...turn, ...geometry, ...after], out)], notes };
  }

  const inner = containSize(picture, target);
  const x = Math.floor((target.width - inner.width) / 2);
  const y = Math.floor((target.height - inner.height) / 2);
  const fg = [...scaleTo(picture, inner, colour.scale), filter('setsar', { r: 1 })];
  const fills = inner.width === target.width && inner.height === target.height;

  if (fills || format.background !== 'blur') {
    const pad = fills
      ? []
      : [filter('pad', { w: target.width, h: target.height, x, y, color: backgroundColour(format.background) })];
    const filters = [...before, ...turn, ...colour.tonemap, ...fg, ...pad, filter('format', { pix_fmts: 'yuv420p' }), ...after];
    return { chains: [chain([source], filters, out)], notes };
  }

  // Blurred background: a small cover-cropped copy, box-blurred, scaled back up (cheap at 1/8 size).
  const small = { width: even(Math.max(16, target.width / 8)), height: even(Math.max(16, target.height / 8)) };
  const radius = Math.max(1, Math.floor(Math.min(small.width, small.height) / 10));
  const bgCrop = coverCrop(picture, small);
  const [bgIn, fgIn, bgOut, fgOut] = [`[vbg${k}]`, `[vfg${k}]`, `[vbb${k}]`, `[vff${k}]`];
  return {
    chains: [
      chain([source], [...before, ...turn, ...colour.tonemap, filter('split', { outputs: 2 })], `${bgIn}${fgIn}`),
      chain(
        [bgIn],
        [
          ...cropFilter(bgCrop),
          filter('scale', { w: small.width, h: small.height, ...colour.scale }),
          filter('format', { pix_fmts: 'yuv420p' }),
          filter('boxblur', { luma_radius: radius, luma_power: 2 }),
          filter('scale', { w: target.width, h: target.height, flags: 'bilinear' }),
          filter('setsar', { r: 1 }),
        ],
        bgOut,
      ),
      chain([fgIn], fg, fgOut),
      chain([bgOut, fgOut], [filter('overlay', { x, y }), filter('format', { pix_fmts: 'yuv420p' }), ...after], out),
    ],
    notes,
  };
}

const XFADE: Record<NonNullable<Timeline['transition']>['kind'], string> = {
  crossfade: 'fade',
  fade_black: 'fadeblack',
  slide: 'slideleft',
  wipe: 'wipeleft',
};

/** Frames clip `k` shares with the next clip (its tail): 0 for the last clip and before a cut. */
function tailOverlap(spans: ClipSpan[], k: number): number {
  const next = spans[k + 1];
  return next ? overlapOf(next) : 0;
}

/** True when some join overlaps: a transition is drawn there (by xfade, or the fallback). */
function hasTransitions(ctx: VideoGraphContext): boolean {
  return ctx.timeline.transition !== null && ctx.spans.some((s) => overlapOf(s) > 0);
}

/**
 * Cut one clip into the frames it shares with the previous clip (head), its own frames (main) and
 * the frames it shares with the next (tail); each join has its own length. Split only duplicates
 * frame references and frame-exact trims keep each part's length; an empty main (a clip that is
 * all transition) is left out, and a clip with cuts on both sides is used whole.
 */
function segmentClip(span: ClipSpan, headFrames: number, tailFrames: number): { chains: string[]; head: string | null; main: string | null; tail: string | null } {
  const k = span.index;
  const mainFrames = span.frames - headFrames - tailFrames;
  if (headFrames === 0 && tailFrames === 0) return { chains: [], head: null, main: clipLabel(k), tail: null };
  const parts: Array<{ label: string; trim: string[] }> = [];
  const reset = filter('setpts', { expr: 'PTS-STARTPTS' });
  const head = headFrames > 0 ? `[vh${k}]` : null;
  const main = mainFrames > 0 ? `[vm${k}]` : null;
  const tail = tailFrames > 0 ? `[vt${k}]` : null;
  if (head) parts.push({ label: head, trim: [filter('trim', { end_frame: headFrames })] });
  if (main) parts.push({ label: main, trim: [filter('trim', { start_frame: headFrames, end_frame: headFrames + mainFrames }), reset] });
  if (tail) parts.push({ label: tail, trim: [filter('trim', { start_frame: span.frames - tailFrames }), reset] });
  const split = parts.map((_p, i) => `[vs${k}_${i}]`);
  return {
    chains: [
      chain([clipLabel(k)], [filter('split', { outputs: parts.length })], split.join('')),
      ...parts.map((p, i) => chain([split[i]!], p.trim, p.label)),
    ],
    head,
    main,
    tail,
  };
}

/**
 * Join the clips: concat for cuts (and the no-xfade fallback, whose clips arrive already trimmed
 * and faded). Transitions: xfade runs only on each join's overlapping frames (one clip's tail
 * against the next one's head, that join's own length) and the pieces are concatenated; xfade over
 * whole clips costs a pass over every frame of the edit. Joins without overlap (cuts, pieces of one
 * continuous shot) are plain concatenation even when a transition is set.
 */
function joinClips(ctx: VideoGraphContext): { chains: string[]; out: string; notes: string[] } {
  const n = ctx.spans.length;
  if (n === 1) return { chains: [], out: clipLabel(0), notes: [] };
  const t = ctx.timeline.transition;
  if (!t || !hasTransitions(ctx) || !ctx.ff.caps.xfade) {
    const labels = ctx.spans.map((s) => clipLabel(s.index));
    return { chains: [chain(labels, [filter('concat', { n, v: 1, a: 0 })], '[vjoin]')], out: '[vjoin]', notes: [] };
  }
  const chains: string[] = [];
  const pieces: string[] = [];
  let previousTail: string | null = null;
  for (const span of ctx.spans) {
    const headFrames = overlapOf(span);
    const seg = segmentClip(span, headFrames, tailOverlap(ctx.spans, span.index));
    chains.push(...seg.chains);
    if (previousTail && seg.head) {
      const blended = `[vx${span.index}]`;
      const xfade = filter('xfade', { transition: XFADE[t.kind], duration: formatNumber(headFrames / ctx.fps), offset: 0 });
      chains.push(chain([previousTail, seg.head], [xfade], blended));
      pieces.push(blended);
    }
    if (seg.main) pieces.push(seg.main);
    previousTail = seg.tail;
  }
  chains.push(chain(pieces, [filter('concat', { n: pieces.length, v: 1, a: 0 })], '[vjoin]'));
  return { chains, out: '[vjoin]', notes: [] };
}

/**
 * The no-xfade fallback for one clip: each join's k shared frames become a fade through black of
 * those same k frames, so the edit lasts exactly as long as with xfade. The earlier clip keeps the
 * first ceil(k/2) of them and fades out over them; the later one keeps the last floor(k/2) and
 * fades in (the timing of xfade's fadeblack). Cuts and continuations are left alone.
 */
function fallbackFades(span: ClipSpan, headFrames: number, tailFrames: number): string[] {
  const dropHead = Math.ceil(headFrames / 2);
  const fadeIn = headFrames - dropHead;
  const fadeOut = Math.ceil(tailFrames / 2);
  const dropTail = tailFrames - fadeOut;
  const kept = span.frames - dropHead - dropTail;
  const out: string[] = [];
  if (dropHead > 0 || dropTail > 0) {
    out.push(filter('trim', { start_frame: dropHead, end_frame: dropHead + kept }), filter('setpts', { expr: 'PTS-STARTPTS' }));
  }
  if (fadeIn > 0) out.push(filter('fade', { t: 'in', s: 0, n: fadeIn }));
  if (fadeOut > 0) out.push(filter('fade', { t: 'out', s: kept - fadeOut, n: fadeOut }));
  return out;
}

function timelineFades(ctx: VideoGraphContext): string[] {
  const { video_in_ms, video_out_ms } = ctx.timeline.fades;
  const out: string[] = [];
  const inFrames = Math.min(ctx.totalFrames, Math.round((video_in_ms * ctx.fps) / 1000));
  const outFrames = Math.min(ctx.totalFrames, Math.round((video_out_ms * ctx.fps) / 1000));
  if (inFrames > 0) out.push(filter('fade', { t: 'in', s: 0, n: inFrames }));
  if (outFrames > 0) out.push(filter('fade', { t: 'out', s: ctx.totalFrames - outFrames, n: outFrames }));
  return out;
}

/** Titles and captions, drawn by one libass pass over one `.ass` file (drawtext: titles only). */
function titles(ctx: VideoGraphContext): { filters: string[]; files: VideoGraph['files']; notes: string[] } {
  const texts = ctx.timeline.texts;
  const captions = ctx.timeline.captions?.words.length ? ctx.timeline.captions : null;
  if (texts.length === 0 && !captions) return { filters: [], files: [], notes: [] };
  const layout: TitleLayout = {
    aspect: ctx.timeline.format.aspect,
    width: ctx.width,
    height: ctx.height,
    fps: ctx.fps,
    frames: ctx.totalFrames,
  };
  if (ctx.ff.caps.libass) {
    const family = ctx.font?.family ?? 'Sans';
    const parts = [titlesAssPart(texts, layout, family), captionsAssPart(captions, layout, family, ctx.measureText)];
    const content = buildOverlayAss(parts, layout);
    return { filters: [assFilter(ctx.font?.dir ?? null)], files: [{ name: TITLES_FILE, content }], notes: [] };
  }
  const noCaptions = captions ? ['This ffmpeg has no libass, so the captions were left out.'] : [];
  if (texts.length === 0) return { filters: [], files: [], notes: noCaptions };
  if (ctx.ff.caps.drawtext) {
    const d = drawtextFilters(texts, layout, ctx.font);
    return {
      filters: d.filters,
      files: d.files,
      notes: ['This ffmpeg has no libass, so titles were drawn with drawtext: long titles are not wrapped.', ...noCaptions],
    };
  }
  return { filters: [], files: [], notes: ['This ffmpeg can draw no text (no libass, no drawtext), so the titles were left out.', ...noCaptions] };
}

/** The whole video side of the graph, ending at `[vout]`. */
export function videoGraph(ctx: VideoGraphContext): VideoGraph {
  const chains: string[] = [];
  const notes: string[] = [];
  const fallback = !ctx.ff.caps.xfade && hasTransitions(ctx);
  if (fallback) {
    notes.push('This ffmpeg has no xfade filter, so transitions were drawn as quick fades through black at each cut.');
  }
  ctx.spans.forEach((span) => {
    const clip = ctx.timeline.clips[span.index]!;
    const tail = fallback ? fallbackFades(span, overlapOf(span), tailOverlap(ctx.spans, span.index)) : [];
    const c = clipChains(span, clip, ctx, tail);
    chains.push(...c.chains);
    notes.push(...c.notes);
  });
  const joined = joinClips(ctx);
  chains.push(...joined.chains);
  const t = titles(ctx);
  notes.push(...joined.notes, ...t.notes);
  const finish = [
    ...colorFilters(ctx.timeline.format),
    ...timelineFades(ctx),
    ...t.filters,
    filter('format', { pix_fmts: 'yuv420p' }),
  ];
  chains.push(chain([joined.out], finish, VIDEO_OUT));
  return { chains, out: VIDEO_OUT, files: t.files, notes: [...new Set(notes)] };
}
