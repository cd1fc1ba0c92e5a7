// What Instagram accepts (shared/docs/INSTAGRAM.md, left column), as pure rules over measured
// figures. Deliberately independent of the render presets: `check` verifies what the renderer
// produced, so it must not share the renderer's idea of "right".
import { isIdentityEditList, type EditList } from './check-boxes.js';
import type { Loudness, VideoTiming } from './check-measure.js';

export const CHECK_TARGETS = ['reels', 'feed', 'portrait', 'story', 'square', 'landscape'] as const;
export type CheckTarget = (typeof CHECK_TARGETS)[number];

export type CheckStatus = 'pass' | 'warn' | 'fail';

export type CheckId =
  | 'container'
  | 'moov_first'
  | 'edit_list'
  | 'video_codec'
  | 'video_profile'
  | 'pixel_format'
  | 'scan'
  | 'max_width'
  | 'aspect'
  | 'resolution'
  | 'frame_rate'
  | 'frame_rate_constant'
  | 'keyframe_interval'
  | 'closed_gop'
  | 'video_bitrate'
  | 'color'
  | 'audio_codec'
  | 'audio_sample_rate'
  | 'audio_channels'
  | 'audio_bitrate'
  | 'loudness'
  | 'true_peak'
  | 'duration'
  | 'file_size'
  | 'av_offset';

export interface CheckResult {
  id: CheckId;
  label: string;
  status: CheckStatus;
  expected: string;
  actual: string;
}

export interface VideoMeasured {
  stream_index: number;
  codec: string;
  profile: string | null;
  pix_fmt: string | null;
  field_order: string | null;
  /** Coded size. */
  width: number;
  height: number;
  /** Size as shown (sample aspect and rotation applied): what the aspect rules use. */
  display_width: number;
  display_height: number;
  rotation: 0 | 90 | 180 | 270;
  /** ffprobe's r_frame_rate and avg_frame_rate, for comparison with the measured rate. */
  nominal_fps: number | null;
  avg_fps: number | null;
  bit_rate: number | null;
  start_time_s: number | null;
  color_primaries: string | null;
  color_transfer: string | null;
  color_space: string | null;
  color_range: string | null;
  /** From the packet scan; null when the scan could not run. */
  timing: VideoTiming | null;
}

export interface AudioMeasured {
  stream_index: number;
  codec: string;
  profile: string | null;
  sample_rate: number | null;
  channels: number | null;
  channel_layout: string | null;
  bit_rate: number | null;
  start_time_s: number | null;
  loudness: Loudness | null;
  /** Why loudness could not be measured, when it could not. */
  loudness_error: string | null;
}

export interface CheckMeasured {
  size_bytes: number;
  duration_s: number | null;
  container: {
    format_name: string;
    major_brand: string | null;
    top_level_boxes: string[];
    moov_before_mdat: boolean | null;
    has_moov: boolean;
    edit_lists: EditList[];
    box_problem: string | null;
  };
  video: VideoMeasured | null;
  audio: AudioMeasured | null;
  /** Video start minus audio start, in ms; null without both streams. */
  av_offset_ms: number | null;
}

// ---------------------------------------------------------------------------------------------
// Targets

interface AspectSpec {
  name: string;
  ratio: number;
  preset: [number, number];
}

const ASPECTS = {
  '9:16': { name: '9:16', ratio: 9 / 16, preset: [1080, 1920] },
  '4:5': { name: '4:5', ratio: 4 / 5, preset: [1080, 1350] },
  '1:1': { name: '1:1', ratio: 1, preset: [1080, 1080] },
  '16:9': { name: '16:9', ratio: 16 / 9, preset: [1920, 1080] },
  '1.91:1': { name: '1.91:1', ratio: 1.91, preset: [1080, 566] },
} satisfies Record<string, AspectSpec>;

interface DurationSpec {
  /** Shorter fails. */
  min_s: number;
  /** Longer warns. */
  warn_above_s?: number;
  /** Longer fails. */
  max_s?: number;
}

interface TargetSpec {
  label: string;
  aspects: AspectSpec[];
  /** Smallest accepted display size, where Instagram states one. */
  min_size?: [number, number];
  duration: DurationSpec;
}

const FEED_DURATION: DurationSpec = { min_s: 3, max_s: 60 * 60 };

export const TARGET_SPECS: Record<CheckTarget, TargetSpec> = {
  reels: { label: 'Reels', aspects: [ASPECTS['9:16']], min_size: [540, 960], duration: { min_s: 3, warn_above_s: 180, max_s: 900 } },
  story: { label: 'Story', aspects: [ASPECTS['9:16']], duration: { min_s: 3, warn_above_s: 60 } },
  feed: { label: 'Feed', aspects: [ASPECTS['4:5'], ASPECTS['1:1']], duration: FEED_DURATION },
  portrait: { label: 'Feed portrait', aspects: [ASPECTS['4:5']], duration: FEED_DURATION },
  square: { label: 'Feed square', aspects: [ASPECTS['1:1']], duration: FEED_DURATION },
  landscape: { label: 'Feed landscape', aspects: [ASPECTS['16:9'], ASPECTS['1.91:1']], duration: FEED_DURATION },
};

// ---------------------------------------------------------------------------------------------
// Limits (the safer figure where sources disagree)

export const LIMITS = {
  max_width: 1920,
  /** Relative tolerance on aspect ratio: even-pixel sizes never hit a ratio exactly. */
  aspect_tolerance: 0.01,
  fps_min: 23,
  fps_max: 60,
  /** Frame intervals may wobble this much (timestamp rounding), no more. */
  jitter_ms: 1,
  keyframe_interval_s: 2,
  video_bitrate_max: 25_000_000,
  audio_sample_rate_max: 48_000,
  /** "~128 kbps": AAC's average lands a little under its nominal rate. */
  audio_bitrate_min: 120_000,
  loudness_lufs: -14,
  loudness_tolerance_lu: 1,
  true_peak_max_dbtp: -1,
  size_warn_bytes: 300_000_000,
  size_max_bytes: 1_000_000_000,
} as const;

// ---------------------------------------------------------------------------------------------
// Rules

export function evaluateChecks(m: CheckMeasured, target: CheckTarget): CheckResult[] {
  const spec = TARGET_SPECS[target];
  const checks: CheckResult[] = [];
  const add = (id: CheckId, label: string, status: CheckStatus, expected: string, actual: string) =>
    checks.push({ id, label, status, expected, actual });

  // Container
  const isoFamily = /\b(mov|mp4)\b/.test(m.container.format_name);
  const kind = m.container.major_brand === 'qt  ' || (isoFamily && m.container.major_brand === null) ? 'MOV' : 'MP4';
  add(
    'container',
    'Container',
    isoFamily ? 'pass' : 'fail',
    'MP4 or MOV',
    isoFamily ? `${kind}${m.container.major_brand ? ` (brand ${m.container.major_brand.trim()})` : ''}` : m.container.format_name,
  );
  const boxes = m.container.top_level_boxes.slice(0, 8).join(' ') + (m.container.top_level_boxes.length > 8 ? ' …' : '');
  if (!m.container.has_moov) {
    add('moov_first', 'moov atom first (faststart)', 'fail', 'moov before mdat', `no moov box${boxes ? ` (boxes: ${boxes})` : ''}`);
  } else {
    const st: CheckStatus = m.container.moov_before_mdat === false ? 'fail' : 'pass';
    const what = m.container.moov_before_mdat === false ? 'mdat before moov (not faststart)' : 'moov before mdat';
    add('moov_first', 'moov atom first (faststart)', st, 'moov before mdat', `${what}: ${boxes}`);
    add('edit_list', 'No edit list', editListStatus(m.container.edit_lists), 'no elst box', describeEditLists(m.container.edit_lists));
  }

  // Video
  const v = m.video;
  if (!v) {
    add('video_codec', 'Video codec', 'fail', 'H.264', 'no video stream');
  } else {
    videoChecks(v, spec, add);
  }

  // Audio
  const a = m.audio;
  if (!a) {
    add('audio_codec', 'Audio codec', 'warn', 'AAC', 'no audio stream (Instagram accepts silent video)');
  } else {
    audioChecks(a, add);
  }

  // File
  const durationText = m.duration_s === null ? 'unknown' : `${fix(m.duration_s, 2)} s`;
  add('duration', 'Duration', durationStatus(m.duration_s, spec.duration), durationExpected(spec.duration), durationText);
  const sizeStatus: CheckStatus = m.size_bytes > LIMITS.size_max_bytes ? 'fail' : m.size_bytes > LIMITS.size_warn_bytes ? 'warn' : 'pass';
  add('file_size', 'File size', sizeStatus, '≤ 300 MB (1 GB at most)', `${fix(m.size_bytes / 1e6, 1)} MB`);
  if (v && a && m.av_offset_ms !== null) {
    const fps = v.timing?.fps ?? v.avg_fps ?? v.nominal_fps ?? 30;
    const frameMs = 1000 / fps;
    add(
      'av_offset',
      'A/V start offset',
      Math.abs(m.av_offset_ms) <= frameMs + 0.5 ? 'pass' : 'warn',
      `≤ one frame (${fix(frameMs, 1)} ms)`,
      `${fix(m.av_offset_ms, 1)} ms (video starts at ${fix(v.start_time_s ?? 0, 3)} s, audio at ${fix(a.start_time_s ?? 0, 3)} s)`,
    );
  }
  return checks;
}

type Add = (id: CheckId, label: string, status: CheckStatus, expected: string, actual: string) => void;

function videoChecks(v: VideoMeasured, spec: TargetSpec, add: Add): void {
  const codecStatus: CheckStatus = v.codec === 'h264' ? 'pass' : v.codec === 'hevc' ? 'warn' : 'fail';
  add('video_codec', 'Video codec', codecStatus, 'H.264 (HEVC accepted)', codecName(v.codec));
  add('video_profile', 'Video profile', profileStatus(v.codec, v.profile), v.codec === 'hevc' ? 'Main' : 'High', v.profile ?? 'unknown');

  const pixStatus: CheckStatus = v.pix_fmt === 'yuv420p' ? 'pass' : v.pix_fmt === 'yuvj420p' ? 'warn' : 'fail';
  add('pixel_format', 'Pixel format', pixStatus, 'yuv420p (8-bit 4:2:0)', v.pix_fmt ?? 'unknown');

  const fo = v.field_order;
  const scanStatus: CheckStatus = fo === 'progressive' ? 'pass' : fo === null || fo === 'unknown' ? 'warn' : 'fail';
  add('scan', 'Progressive scan', scanStatus, 'progressive', fo === null ? 'not stated' : fo === 'progressive' ? fo : `interlaced (${fo})`);

  const dw = v.display_width;
  const dh = v.display_height;
  const size = `${dw}x${dh}${v.rotation ? ` (coded ${v.width}x${v.height}, rotated ${v.rotation}°)` : ''}`;
  add('max_width', 'Width', dw <= LIMITS.max_width ? 'pass' : 'fail', `≤ ${LIMITS.max_width} columns`, `${dw} columns`);

  const ratio = dh > 0 ? dw / dh : 0;
  const matching = spec.aspects.find((a) => Math.abs(ratio - a.ratio) / a.ratio <= LIMITS.aspect_tolerance);
  const aspects = spec.aspects.map((a) => a.name).join(' or ');
  add('aspect', 'Aspect ratio', matching ? 'pass' : 'fail', aspects, `${aspectName(ratio)} (${dw}x${dh})`);

  const exact = spec.aspects.find((a) => a.preset[0] === dw && a.preset[1] === dh);
  const tooSmall = spec.min_size !== undefined && (dw < spec.min_size[0] || dh < spec.min_size[1]);
  const resStatus: CheckStatus = exact ? 'pass' : tooSmall ? 'fail' : 'warn';
  const presets = spec.aspects.map((a) => `${a.preset[0]}x${a.preset[1]}`).join(' or ');
  const minText = spec.min_size ? `, at least ${spec.min_size[0]}x${spec.min_size[1]}` : '';
  const resNote = exact ? '' : tooSmall ? ' (below the minimum)' : ' (Instagram rescales it)';
  add('resolution', 'Resolution', resStatus, `${presets}${minText}`, `${size}${resNote}`);

  const t = v.timing;
  const fps = t?.fps ?? null;
  const fpsStatus: CheckStatus = fps !== null && round2(fps) >= LIMITS.fps_min && round2(fps) <= LIMITS.fps_max ? 'pass' : 'fail';
  const fpsText = fps === null ? 'cannot measure (fewer than 2 frames)' : `${fix(fps, 3)} fps`;
  add('frame_rate', 'Frame rate', fpsStatus, `${LIMITS.fps_min}–${LIMITS.fps_max} fps`, fpsText);

  if (t?.interval_ms && t.max_jitter_ms !== null) {
    // pts_time has microsecond resolution: allow that much on top of the jitter budget.
    const constant = t.max_jitter_ms <= LIMITS.jitter_ms + 0.002;
    const iv = t.interval_ms;
    add(
      'frame_rate_constant',
      'Constant frame rate',
      constant ? 'pass' : 'fail',
      `frame intervals within ±${LIMITS.jitter_ms} ms`,
      `intervals ${fix(iv.min, 2)}–${fix(iv.max, 2)} ms over ${t.packets} frames (jitter ${fix(t.max_jitter_ms, 2)} ms)`,
    );
  }

  if (t) {
    const frameS = t.interval_ms ? t.interval_ms.mean / 1000 : 0;
    const gap = t.max_keyframe_interval_s;
    const gapOk = gap !== null && gap <= LIMITS.keyframe_interval_s + frameS / 2;
    add(
      'keyframe_interval',
      'Keyframe interval',
      gapOk ? 'pass' : 'warn',
      `≤ ${LIMITS.keyframe_interval_s} s`,
      gap === null ? 'no keyframes found' : `longest ${fix(gap, 2)} s (${t.keyframes} keyframes)`,
    );
    const gopText = t.open_gop ? 'open (frames shown before their keyframe)' : 'closed';
    add('closed_gop', 'Closed GOP', t.open_gop ? 'warn' : 'pass', 'closed', gopText);
  }

  add(
    'video_bitrate',
    'Video bitrate',
    v.bit_rate === null ? 'warn' : v.bit_rate <= LIMITS.video_bitrate_max ? 'pass' : 'warn',
    `≤ ${LIMITS.video_bitrate_max / 1e6} Mbps`,
    v.bit_rate === null ? 'unknown' : `${fix(v.bit_rate / 1e6, 2)} Mbps`,
  );

  const col = colourVerdict(v);
  add('color', 'Colour', col.status, 'BT.709 SDR (or untagged)', col.actual);
}

function audioChecks(a: AudioMeasured, add: Add): void {
  const isAac = a.codec === 'aac';
  add('audio_codec', 'Audio codec', isAac ? 'pass' : 'fail', 'AAC', isAac ? `AAC${a.profile ? ` (${a.profile})` : ''}` : a.codec);
  const sr = a.sample_rate;
  add(
    'audio_sample_rate',
    'Audio sample rate',
    sr !== null && sr <= LIMITS.audio_sample_rate_max ? 'pass' : 'fail',
    '≤ 48 kHz',
    sr === null ? 'unknown' : `${fix(sr / 1000, 1)} kHz`,
  );
  const ch = a.channels;
  add(
    'audio_channels',
    'Audio channels',
    ch === 1 || ch === 2 ? 'pass' : 'fail',
    'mono or stereo',
    ch === null ? 'unknown' : `${ch} (${a.channel_layout ?? (ch === 1 ? 'mono' : ch === 2 ? 'stereo' : 'multichannel')})`,
  );
  add(
    'audio_bitrate',
    'Audio bitrate',
    a.bit_rate !== null && a.bit_rate >= LIMITS.audio_bitrate_min ? 'pass' : 'warn',
    '≈ 128 kbps or more',
    a.bit_rate === null ? 'unknown' : `${fix(a.bit_rate / 1000, 0)} kbps`,
  );

  const l = a.loudness;
  const lufs = l?.integrated_lufs ?? null;
  const loudOk = lufs !== null && Math.abs(lufs - LIMITS.loudness_lufs) <= LIMITS.loudness_tolerance_lu + 1e-9;
  add(
    'loudness',
    'Loudness (integrated)',
    loudOk ? 'pass' : 'fail',
    `${LIMITS.loudness_lufs} LUFS ±${LIMITS.loudness_tolerance_lu} LU`,
    loudnessText(a, lufs),
  );
  const tp = l?.true_peak_dbtp ?? null;
  // A null peak from a successful scan is digital silence (-inf): it cannot clip.
  const tpStatus: CheckStatus = !l ? 'fail' : tp === null || tp <= LIMITS.true_peak_max_dbtp + 1e-9 ? 'pass' : 'fail';
  const tpText = !l ? 'not measured' : tp === null ? 'silent (-inf dBTP)' : `${fix(tp, 1)} dBTP`;
  add('true_peak', 'True peak', tpStatus, `≤ ${LIMITS.true_peak_max_dbtp} dBTP`, tpText);
}

function loudnessText(a: AudioMeasured, lufs: number | null): string {
  if (a.loudness_error) return `not measured: ${a.loudness_error}`;
  if (lufs === null) return 'not measured';
  const lra = a.loudness?.loudness_range_lu;
  return `${fix(lufs, 1)} LUFS${lra !== null && lra !== undefined ? ` (LRA ${fix(lra, 1)} LU)` : ''}`;
}

function profileStatus(codec: string, profile: string | null): CheckStatus {
  if (codec === 'h264') {
    if (profile === 'High') return 'pass';
    if (profile === 'Main' || profile === 'Baseline' || profile === 'Constrained Baseline') return 'warn';
    return 'fail';
  }
  if (codec === 'hevc') return profile === 'Main' ? 'pass' : profile === 'Main 10' ? 'warn' : 'fail';
  return 'fail';
}

const UNSET = new Set([null, '', 'unknown', 'unspecified', 'reserved']);
const HDR_TRANSFERS = new Set(['smpte2084', 'arib-std-b67']);

function colourVerdict(v: VideoMeasured): { status: CheckStatus; actual: string } {
  const tags = { primaries: v.color_primaries, transfer: v.color_transfer, matrix: v.color_space };
  const shown = Object.entries(tags)
    .map(([k, val]) => `${k} ${UNSET.has(val) ? 'unset' : val}`)
    .join(', ');
  if (v.color_transfer && HDR_TRANSFERS.has(v.color_transfer)) {
    return { status: 'fail', actual: `HDR (${v.color_transfer === 'smpte2084' ? 'PQ' : 'HLG'}): ${shown}` };
  }
  const values = Object.values(tags);
  if (values.every((x) => x === 'bt709')) return { status: 'pass', actual: 'BT.709' };
  if (values.every((x) => UNSET.has(x))) return { status: 'warn', actual: 'untagged (players assume BT.709)' };
  return { status: 'warn', actual: shown };
}

function editListStatus(lists: EditList[]): CheckStatus {
  if (lists.length === 0) return 'pass';
  return lists.every(isIdentityEditList) ? 'warn' : 'fail';
}

function describeEditLists(lists: EditList[]): string {
  if (lists.length === 0) return 'none';
  return lists
    .map((l) => {
      const who = `${l.handler === 'vide' ? 'video' : l.handler === 'soun' ? 'audio' : (l.handler?.trim() ?? 'unknown')} track ${l.track}`;
      if (isIdentityEditList(l)) return `${who}: identity edit (plays the media as is)`;
      const parts = l.entries.map((e) => {
        if (e.media_time === -1) return `${secs(e.segment_duration, l.movie_timescale)} of empty time`;
        const skipped = secs(e.media_time, l.media_timescale);
        const start = e.media_time === 0 ? 'plays its media from the start' : `skips the first ${skipped} of its media`;
        return `${start}${e.media_rate !== 1 ? ` at rate ${e.media_rate}` : ''}`;
      });
      return `${who}: ${parts.join(', then ')}`;
    })
    .join('; ');
}

function secs(value: number, timescale: number | null): string {
  return timescale ? `${fix(value / timescale, 3)} s` : `${value} ticks`;
}

function durationStatus(d: number | null, spec: DurationSpec): CheckStatus {
  if (d === null) return 'fail';
  if (d < spec.min_s) return 'fail';
  if (spec.max_s !== undefined && d > spec.max_s) return 'fail';
  if (spec.warn_above_s !== undefined && d > spec.warn_above_s) return 'warn';
  return 'pass';
}

function durationExpected(spec: DurationSpec): string {
  const upper = spec.warn_above_s ?? spec.max_s;
  const hard = spec.warn_above_s !== undefined && spec.max_s !== undefined ? ` (${clock(spec.max_s)} at most)` : '';
  return `${spec.min_s} s to ${upper === undefined ? '…' : clock(upper)}${hard}`;
}

function clock(s: number): string {
  if (s >= 3600 && s % 3600 === 0) return `${s / 3600} h`;
  if (s >= 60 && s % 60 === 0) return `${s / 60} min`;
  return `${s} s`;
}

function aspectName(ratio: number): string {
  const known = Object.values(ASPECTS).find((a) => Math.abs(ratio - a.ratio) / a.ratio <= LIMITS.aspect_tolerance);
  if (known) return known.name;
  if (ratio === 0) return 'unknown';
  return ratio >= 1 ? `${fix(ratio, 2)}:1` : `1:${fix(1 / ratio, 2)}`;
}

function codecName(codec: string): string {
  return codec === 'h264' ? 'H.264' : codec === 'hevc' ? 'HEVC (we produce H.264)' : codec;
}

function fix(v: number, digits: number): string {
  return v.toFixed(digits);
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
