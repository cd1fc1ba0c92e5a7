// The fastest encode is none. When an edit leaves the picture exactly as the source has it
// (one whole clip, already Instagram-ready: H.264 4:2:0 8-bit SDR, constant frame rate at the
// output rate, upright, square pixels, the preset's exact size) and touches only the sound,
// the video stream is copied and only the audio is rendered.
import type { Timeline } from '../timeline/schema.js';
import type { ClipSpan } from './plan.js';

const BT709_OR_UNTAGGED = new Set([null, 'bt709']);

/** Why the picture must be re-encoded, or null when its stream can be copied as it is. */
export function reencodeReason(timeline: Timeline, spans: ClipSpan[], width: number, height: number): string | null {
  if (spans.length !== 1) return 'several clips are joined';
  const span = spans[0]!;
  const clip = timeline.clips[0]!;
  const v = span.media.video;
  if (span.media.kind !== 'video' || !v) return 'the clip is not a video';
  if (clip.in_ms !== 0 || clip.out_ms < span.media.duration_ms) return 'the clip is trimmed';
  if (clip.speed !== 1) return 'the speed changes';
  if (clip.transform.rotate !== 0 || clip.transform.flip_h || clip.transform.flip_v) return 'the picture is rotated or flipped';
  if (timeline.texts.length > 0 || (timeline.captions?.words.length ?? 0) > 0) return 'text is drawn on the picture';
  const c = timeline.format.color;
  if (timeline.format.filters.length > 0 || c.brightness !== 0 || c.contrast !== 0 || c.saturation !== 0) return 'the colours change';
  if (timeline.fades.video_in_ms > 0 || timeline.fades.video_out_ms > 0) return 'the picture fades';
  if (timeline.stabilize) return 'the picture is stabilised';
  if (v.codec !== 'h264' || v.pix_fmt !== 'yuv420p' || v.bit_depth !== 8) return 'the source is not 8-bit 4:2:0 H.264';
  if (v.color_transfer !== 'sdr' || !BT709_OR_UNTAGGED.has(v.color_primaries)) return 'the source is not BT.709 SDR';
  if (v.variable_frame_rate || Math.abs(v.fps - timeline.format.fps) > 0.01) return 'the frame rate changes';
  if (v.rotation !== 0) return 'the source is stored rotated';
  if (v.sample_aspect[0] !== v.sample_aspect[1]) return 'the source has non-square pixels';
  if (v.width !== width || v.height !== height) return 'the size changes';
  return null;
}

/**
 * Encoder options for a copied picture: the stream as it is, with BT.709 written into its own
 * headers (a bitstream filter, no decoding) so players and the check read the right colours.
 */
export function copyVideoArgs(): string[] {
  return ['-c:v', 'copy', '-bsf:v', 'h264_metadata=colour_primaries=1:transfer_characteristics=1:matrix_coefficients=1'];
}
