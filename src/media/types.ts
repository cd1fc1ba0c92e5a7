// What probe learns about a file; everything downstream (timeline, render plan) works from this
// and never re-reads the file's metadata.

export type MediaKind = 'video' | 'image' | 'audio';
export type ColorTransfer = 'sdr' | 'hlg' | 'pq';

export interface VideoStreamInfo {
  index: number;
  codec: string;
  /** Coded size, as stored in the stream. */
  width: number;
  height: number;
  /** Size a player shows: after rotation and sample aspect ratio are applied. */
  display_width: number;
  display_height: number;
  /**
   * Clockwise degrees a player rotates the coded picture by before showing it (0, 90, 180, 270).
   * A phone held upright records a landscape-coded picture with rotation 90. Read from the
   * display-matrix side data (which ffprobe reports counter-clockwise, e.g. -90 for this same
   * clip) or else the legacy `rotate` tag (already clockwise); both end up in this one convention.
   */
  rotation: 0 | 90 | 180 | 270;
  /** Sample (pixel) aspect ratio as [num, den]; [1, 1] for square pixels. */
  sample_aspect: [number, number];
  /** Average frame rate in frames per second (0 for still images). */
  fps: number;
  /** True when the stream's frame timing is not constant (phones record like this). */
  variable_frame_rate: boolean;
  pix_fmt: string;
  color_transfer: ColorTransfer;
  /** ffprobe's raw colour fields, kept for the render plan's tags. */
  color_primaries: string | null;
  color_space: string | null;
  bit_depth: number;
  frames: number | null;
}

export interface AudioStreamInfo {
  index: number;
  codec: string;
  sample_rate: number;
  channels: number;
  duration_ms: number;
}

export interface MediaInfo {
  /** Absolute path of the file on disk. */
  path: string;
  kind: MediaKind;
  /** ffprobe's format name, e.g. "mov,mp4,m4a,3gp,3g2,mj2". */
  container: string;
  size_bytes: number;
  duration_ms: number;
  video: VideoStreamInfo | null;
  audio: AudioStreamInfo[];
  /** Convenience: display size (after rotation); 0×0 for audio. */
  width: number;
  height: number;
  hdr: boolean;
}
