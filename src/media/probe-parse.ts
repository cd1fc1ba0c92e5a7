// ffprobe's JSON → MediaInfo. Pure: every rule about what a file IS (by its content, never its
// name), how it is shown (rotation, pixel shape) and how it is timed (variable frame rate) lives
// here and is tested on real probes of generated phone-like media.
import { UnsupportedMedia } from '../errors.js';
import { rotationOfOrientation, type ExifOrientation } from './exif-orientation.js';
import type { AudioStreamInfo, ColorTransfer, MediaInfo, MediaKind, VideoStreamInfo } from './types.js';

export interface RawSideData {
  side_data_type?: string;
  rotation?: number;
}

export interface RawStream {
  index: number;
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  sample_aspect_ratio?: string;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  pix_fmt?: string;
  bits_per_raw_sample?: string;
  color_transfer?: string;
  color_primaries?: string;
  color_space?: string;
  nb_frames?: string;
  duration?: string;
  sample_rate?: string;
  channels?: number;
  disposition?: Record<string, number>;
  tags?: Record<string, string>;
  side_data_list?: RawSideData[];
}

export interface RawFormat {
  format_name?: string;
  duration?: string;
}

export interface RawProbe {
  streams?: RawStream[];
  format?: RawFormat;
}

/** Codecs that hold still pictures; one frame of these is an image, more is an animation. */
const IMAGE_CODECS = new Set(['png', 'apng', 'mjpeg', 'jpeg2000', 'jpegls', 'webp', 'bmp', 'gif', 'tiff', 'heif', 'avif']);

// ffmpeg reads almost anything, including text as "ANSI art" video: never a person's media.
const REJECTED_FORMATS = new Set(['tty', 'lavfi', 'ffmetadata', 'srt', 'ass', 'webvtt', 'data', 'bin']);
const REJECTED_CODECS = new Set(['ansi', 'bintext', 'xbin', 'idf']);

/** The stream that is the picture: the first video stream that is not cover art. */
export function pickVideoStream(streams: RawStream[]): RawStream | null {
  for (const s of streams) {
    if (s.codec_type !== 'video') continue;
    if (s.disposition?.attached_pic === 1) continue;
    if (!s.width || !s.height) continue;
    if (REJECTED_CODECS.has(s.codec_name ?? '')) continue;
    return s;
  }
  return null;
}

export function parseRate(text: string | undefined): number {
  if (!text) return 0;
  const [n, d] = text.split('/').map(Number);
  if (d === undefined) return Number.isFinite(n) ? n! : 0;
  if (!Number.isFinite(n) || !Number.isFinite(d) || d === 0) return 0;
  return n! / d;
}

function seconds(text: string | undefined): number {
  const v = Number(text);
  return Number.isFinite(v) && v > 0 ? v : 0;
}

/** Any angle → the nearest of 0/90/180/270, counted clockwise. */
export function normaliseClockwise(degrees: number): 0 | 90 | 180 | 270 {
  const quarter = ((Math.round(degrees / 90) % 4) + 4) % 4;
  return ([0, 90, 180, 270] as const)[quarter]!;
}

/**
 * Clockwise display rotation. The display matrix (side data) wins: ffprobe prints its angle
 * counter-clockwise (-90 for a phone held upright). The legacy `rotate` tag is clockwise.
 */
export function rotationOf(s: RawStream): 0 | 90 | 180 | 270 {
  const matrix = s.side_data_list?.find((d) => typeof d.rotation === 'number');
  if (matrix) return normaliseClockwise(-(matrix.rotation as number));
  const tag = Number(s.tags?.rotate);
  return Number.isFinite(tag) ? normaliseClockwise(tag) : 0;
}

/** Whether ffprobe itself says how the stream is turned (a display matrix or a `rotate` tag). */
export function reportsRotation(s: RawStream): boolean {
  return s.side_data_list?.some((d) => typeof d.rotation === 'number') === true || s.tags?.rotate !== undefined;
}

/**
 * A still's clockwise turn. ffprobe 5.1 leaves a JPEG's EXIF orientation off the stream, so the
 * EXIF read from the file's bytes decides; a build that does report a rotation for the stream
 * has read that same EXIF, and its answer is taken instead, never added to it (that would turn
 * the photo twice).
 */
export function imageRotation(s: RawStream, exif: ExifOrientation | null): 0 | 90 | 180 | 270 {
  return exif === null || reportsRotation(s) ? rotationOf(s) : rotationOfOrientation(exif);
}

export function sampleAspectOf(s: RawStream): [number, number] {
  const m = /^(\d+):(\d+)$/.exec(s.sample_aspect_ratio ?? '');
  const num = Number(m?.[1] ?? 0);
  const den = Number(m?.[2] ?? 0);
  return num > 0 && den > 0 ? [num, den] : [1, 1];
}

/** What a player shows: pixel shape applied to the width, then the rotation. */
export function displaySize(
  width: number,
  height: number,
  sar: [number, number],
  rotation: 0 | 90 | 180 | 270,
): { width: number; height: number } {
  const w = Math.round((width * sar[0]) / sar[1]);
  return rotation === 90 || rotation === 270 ? { width: height, height: w } : { width: w, height };
}

export function transferOf(trc: string | undefined): ColorTransfer {
  if (trc === 'arib-std-b67') return 'hlg';
  if (trc === 'smpte2084') return 'pq';
  return 'sdr';
}

export function bitDepthOf(s: RawStream): number {
  const raw = Number(s.bits_per_raw_sample);
  if (Number.isInteger(raw) && raw > 0) return raw;
  const m = /(?:p|gray|p0)(9|10|12|14|16)(?:le|be)$/.exec(s.pix_fmt ?? '');
  return m ? Number(m[1]) : 8;
}

/**
 * Whether frames arrive at an uneven pace, from the presentation times of the first packets
 * (sorted, since B-frames are stored out of order). A gap that differs from the usual one by more
 * than a tick of rounding and 10 % is a changed frame rate or a dropped frame: either way the
 * render must resample to a constant rate.
 */
export function isVariableFrameRate(pts: number[]): boolean {
  const sorted = pts.filter(Number.isFinite).sort((a, b) => a - b);
  const gaps: number[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const g = sorted[i]! - sorted[i - 1]!;
    if (g > 0) gaps.push(g);
  }
  if (gaps.length < 2) return false;
  const usual = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)]!;
  const tolerance = Math.max(1, usual * 0.1);
  return gaps.some((g) => Math.abs(g - usual) > tolerance);
}

function nullable(v: string | undefined): string | null {
  return v && v !== 'unknown' && v !== 'reserved' ? v : null;
}

function durationMs(probe: RawProbe, s: RawStream | null): number {
  const sec = seconds(probe.format?.duration) || seconds(s?.duration);
  return Math.round(sec * 1000);
}

export interface ProbeFacts {
  /** The file as the person named it: used in messages. */
  path: string;
  sizeBytes: number;
  probe: RawProbe;
  /** Presentation times of the first packets of the picked video stream (null: no video). */
  videoPts: number[] | null;
  /** EXIF orientation read from the file's bytes (stills only; null or absent: none). */
  exifOrientation?: ExifOrientation | null;
}

/** A picture codec with at most one frame: a still image, not a video (an animated gif is a video). */
export function isStillPicture(video: RawStream, videoPts: number[] | null): boolean {
  return IMAGE_CODECS.has(video.codec_name ?? '') && (videoPts?.length ?? 0) <= 1;
}

function kindOf(video: RawStream | null, videoPts: number[] | null, audioCount: number): MediaKind | null {
  if (video) return isStillPicture(video, videoPts) ? 'image' : 'video';
  return audioCount > 0 ? 'audio' : null;
}

export function describeMedia(facts: ProbeFacts): MediaInfo {
  const { path, probe } = facts;
  const formatName = probe.format?.format_name ?? '';
  if (formatName.split(',').some((f) => REJECTED_FORMATS.has(f))) {
    throw new UnsupportedMedia(path, `it is not a video, image or audio file (ffmpeg reads it as "${formatName}")`);
  }
  const streams = probe.streams ?? [];
  const v = pickVideoStream(streams);
  const audioStreams = streams.filter((s) => s.codec_type === 'audio' && (s.channels ?? 0) > 0);
  const packets = facts.videoPts?.length ?? 0;
  const kind = kindOf(v, facts.videoPts, audioStreams.length);
  if (!kind) throw new UnsupportedMedia(path, 'it has no video, image or audio stream that can be used');
  if (kind === 'video' && packets === 0) throw new UnsupportedMedia(path, 'its video stream has no readable frames (damaged or cut short?)');

  const audio: AudioStreamInfo[] = audioStreams.map((s) => ({
    index: s.index,
    codec: s.codec_name ?? 'unknown',
    sample_rate: Number(s.sample_rate) || 0,
    channels: s.channels ?? 0,
    duration_ms: Math.round((seconds(s.duration) || seconds(probe.format?.duration)) * 1000),
  }));

  let video: VideoStreamInfo | null = null;
  if (v && kind !== 'audio') {
    const rotation = kind === 'image' ? imageRotation(v, facts.exifOrientation ?? null) : rotationOf(v);
    const sar = sampleAspectOf(v);
    const shown = displaySize(v.width!, v.height!, sar, rotation);
    const still = kind === 'image';
    const transfer = transferOf(v.color_transfer);
    const frames = Number(v.nb_frames);
    video = {
      index: v.index,
      codec: v.codec_name ?? 'unknown',
      width: v.width!,
      height: v.height!,
      display_width: shown.width,
      display_height: shown.height,
      rotation,
      sample_aspect: sar,
      fps: still ? 0 : parseRate(v.avg_frame_rate) || parseRate(v.r_frame_rate),
      variable_frame_rate: still ? false : isVariableFrameRate(facts.videoPts ?? []),
      pix_fmt: v.pix_fmt ?? 'unknown',
      color_transfer: transfer,
      color_primaries: nullable(v.color_primaries),
      color_space: nullable(v.color_space),
      bit_depth: bitDepthOf(v),
      frames: still ? 1 : Number.isInteger(frames) && frames > 0 ? frames : null,
    };
  }

  const duration = kind === 'image' ? 0 : durationMs(probe, kind === 'audio' ? null : v);
  if (kind !== 'image' && duration === 0) throw new UnsupportedMedia(path, 'its length cannot be read (damaged or cut short?)');

  return {
    path,
    kind,
    container: formatName,
    size_bytes: facts.sizeBytes,
    duration_ms: duration,
    video,
    audio,
    width: video?.display_width ?? 0,
    height: video?.display_height ?? 0,
    hdr: video ? video.color_transfer !== 'sdr' : false,
  };
}
