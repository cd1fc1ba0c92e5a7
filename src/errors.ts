// One error type for the whole project: a stable code a program can branch on and a message a
// person can act on. Mapped once to CLI exit codes here and (later) to HTTP in the server.

export type ErrorCode =
  | 'INVALID_INPUT' // a malformed operation, timeline, flag or argument
  | 'INVALID_OPERATION' // well-formed, but impossible on this timeline ("clip 4 does not exist")
  | 'UNSUPPORTED_MEDIA'
  | 'FILE_TOO_LARGE'
  | 'FILE_NOT_FOUND'
  | 'FFMPEG_MISSING'
  | 'FFMPEG_FAILED'
  | 'RENDER_CANCELLED'
  | 'CHECK_FAILED'
  | 'NOTHING_TO_DO'
  | 'MODEL_FAILED'; // the optional language-model planner did not answer usefully

export class ReelcutError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'ReelcutError';
    this.code = code;
    this.details = details;
  }
}

export const ACCEPTED_FORMATS = {
  video: ['mp4', 'mov', 'avi', 'webm', 'mkv'],
  image: ['jpg', 'png', 'gif', 'webp'],
  audio: ['mp3', 'wav', 'm4a', 'aac'],
} as const;

export const MAX_FILE_BYTES = 500 * 1024 * 1024;

export function acceptedFormatsText(): string {
  return `video (${ACCEPTED_FORMATS.video.join(', ')}), images (${ACCEPTED_FORMATS.image.join(', ')}), audio (${ACCEPTED_FORMATS.audio.join(', ')})`;
}

export class UnsupportedMedia extends ReelcutError {
  constructor(file: string, why: string) {
    super('UNSUPPORTED_MEDIA', `${file}: ${why}. Accepted: ${acceptedFormatsText()}.`, { file });
    this.name = 'UnsupportedMedia';
  }
}

export class FileTooLarge extends ReelcutError {
  constructor(file: string, bytes: number) {
    const mb = (bytes / 1024 / 1024).toFixed(0);
    super('FILE_TOO_LARGE', `${file} is ${mb} MB; the limit is 500 MB a file. Trim or compress it first.`, {
      file,
      bytes,
    });
    this.name = 'FileTooLarge';
  }
}

export function invalidOperation(message: string, details?: Record<string, unknown>): ReelcutError {
  return new ReelcutError('INVALID_OPERATION', message, details);
}

export function invalidInput(message: string, details?: Record<string, unknown>): ReelcutError {
  return new ReelcutError('INVALID_INPUT', message, details);
}

/** CLI exit codes, documented in the README. */
export const EXIT_CODES: Record<ErrorCode | 'OK' | 'UNEXPECTED', number> = {
  OK: 0,
  CHECK_FAILED: 1,
  INVALID_INPUT: 2,
  INVALID_OPERATION: 2,
  NOTHING_TO_DO: 2,
  FILE_NOT_FOUND: 3,
  UNSUPPORTED_MEDIA: 4,
  FILE_TOO_LARGE: 4,
  FFMPEG_MISSING: 5,
  FFMPEG_FAILED: 6,
  MODEL_FAILED: 7,
  RENDER_CANCELLED: 130,
  UNEXPECTED: 70,
};
