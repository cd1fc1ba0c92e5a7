// The media module's only door: find ffmpeg, learn what it can do, and describe media files.
export { findFfmpeg, getFfmpeg, resetFfmpegCache, INSTALL_HINT, type FindFfmpegOptions } from './ffmpeg.js';
export { probeMedia, toMediaItem } from './probe.js';
export type { FfmpegCapabilities, FfmpegInfo } from './ffmpeg-types.js';
export type { AudioStreamInfo, ColorTransfer, MediaInfo, MediaKind, VideoStreamInfo } from './types.js';
export { execText, ExecFailed, type ExecOptions, type ExecResult } from './exec.js';
export { findOnPath } from './ffmpeg-locate.js';
