// The size limit's error, worded for how the size was learned: told up front (Content-Length,
// a file on disk) or cut off while streaming, when only "more than the limit" is known.
import { FileTooLarge } from '../../errors.js';

const MB = 1024 * 1024;

/** A byte count as a person reads it: "500 MB", "1.5 MB", "900 KB", "12 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${trimZero(bytes / MB)} MB`;
  if (bytes >= 1024) return `${trimZero(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

function trimZero(v: number): string {
  return String(Number(v.toFixed(1)));
}

/**
 * FileTooLarge (code FILE_TOO_LARGE) naming the limit actually enforced. `bytes` is the full
 * size when known; a stream stopped at the limit leaves it undefined.
 */
export function fileTooLarge(name: string, maxBytes: number, bytes?: number): FileTooLarge {
  const err = new FileTooLarge(name, bytes ?? maxBytes + 1);
  // FileTooLarge's own wording assumes a known size and the default 500 MB limit; say what we know.
  err.message =
    bytes === undefined
      ? `${name} is larger than the limit of ${formatBytes(maxBytes)} a file. Trim or compress it first.`
      : `${name} is ${formatBytes(bytes)}; the limit is ${formatBytes(maxBytes)} a file. Trim or compress it first.`;
  if (err.details) err.details.limit_bytes = maxBytes;
  return err;
}
