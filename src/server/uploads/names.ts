// Names that came from a client (a multipart filename, a URL's last segment) are only ever
// shown to people, never used as paths: reduce them to one safe line of text.
import { randomUUID } from 'node:crypto';

const MAX_NAME_CHARS = 200;

// C0/C1 control characters, and the bidirectional controls that can make "gpj.exe" read as
// "exe.jpg" in a listing.
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A client-given file name as a safe display string: its base name, no control characters, at most 200 characters. */
export function safeDisplayName(raw: string | null | undefined, fallback: string): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base.normalize('NFC').replace(UNSAFE_CHARS, '').trim();
  if (clean === '' || clean === '.' || clean === '..') return fallback;
  const chars = Array.from(clean); // code points, so a cut never splits a surrogate pair
  if (chars.length <= MAX_NAME_CHARS) return clean;
  // Keep a short extension: it is what tells a person which file this was.
  const ext = /\.[\p{L}\p{N}]{1,10}$/u.exec(clean)?.[0] ?? '';
  return chars.slice(0, MAX_NAME_CHARS - ext.length).join('') + ext;
}

/** A fresh name for a temporary upload file; unguessable and unrelated to anything the client sent. */
export function newUploadFileName(): string {
  return `upload-${randomUUID()}`;
}
