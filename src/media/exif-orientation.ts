// EXIF Orientation of a still picture, read from its own bytes. Phones store a photo the way the
// sensor saw it and leave a note (EXIF tag 0x0112) saying how to turn it upright. ffmpeg 5.1
// does not put that note on the stream (its decoder only attaches it to decoded frames), so
// probe would otherwise describe a portrait photo as landscape and the render would show it
// sideways. Pure: takes the file's first bytes, never throws, and answers null for anything it
// cannot read with certainty (a missing, cut-short or malformed EXIF block means "as stored").

/** EXIF Orientation values: 1 as stored, 3/6/8 rotated, 2/4/5/7 rotated and mirrored. */
export type ExifOrientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

/** How many leading bytes hold the EXIF of a JPEG or PNG (a JPEG APP1 is at most 64 KiB). */
export const EXIF_HEAD_BYTES = 128 * 1024;

const ORIENTATION_TAG = 0x0112;
const TYPE_SHORT = 3;
const EXIF_PREFIX = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00]; // "Exif\0\0"

function startsWith(bytes: Uint8Array, at: number, prefix: readonly number[]): boolean {
  if (at + prefix.length > bytes.length) return false;
  return prefix.every((b, i) => bytes[at + i] === b);
}

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/**
 * Orientation from a TIFF block (what follows "Exif\0\0"): byte order, magic 42, IFD0 offset,
 * then IFD0's 12-byte entries. Only IFD0 carries the picture's orientation (IFD1 is the
 * thumbnail's).
 */
export function orientationFromTiff(tiff: Uint8Array): ExifOrientation | null {
  if (tiff.length < 8) return null;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const order = String.fromCharCode(tiff[0]!, tiff[1]!);
  if (order !== 'II' && order !== 'MM') return null;
  const little = order === 'II';
  if (view.getUint16(2, little) !== 42) return null;
  const ifd = view.getUint32(4, little);
  if (ifd < 8 || ifd + 2 > tiff.length) return null;
  const count = view.getUint16(ifd, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return null;
    if (view.getUint16(entry, little) !== ORIENTATION_TAG) continue;
    if (view.getUint16(entry + 2, little) !== TYPE_SHORT || view.getUint32(entry + 4, little) < 1) return null;
    // A single SHORT sits in the first two bytes of the 4-byte value field, in the file's order.
    const value = view.getUint16(entry + 8, little);
    return value >= 1 && value <= 8 ? (value as ExifOrientation) : null;
  }
  return null;
}

/** A TIFF block that some writers prefix with "Exif\0\0" (PNG eXIf, WebP EXIF): accept both. */
function orientationFromExifPayload(payload: Uint8Array): ExifOrientation | null {
  return orientationFromTiff(startsWith(payload, 0, EXIF_PREFIX) ? payload.subarray(EXIF_PREFIX.length) : payload);
}

/**
 * JPEG: walk the marker segments from SOI until the image data starts (SOS), looking for an APP1
 * that begins "Exif\0\0" (an APP1 can also be XMP, which is skipped).
 */
export function orientationFromJpeg(bytes: Uint8Array): ExifOrientation | null {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte before a marker
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2; // markers that carry no length
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return null; // image data or end: no EXIF before it
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (length < 2) return null;
    const body = at + 4;
    const end = Math.min(at + 2 + length, bytes.length);
    if (marker === 0xe1 && startsWith(bytes, body, EXIF_PREFIX)) {
      return orientationFromTiff(bytes.subarray(body + EXIF_PREFIX.length, end));
    }
    at += 2 + length;
  }
  return null;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** PNG: the eXIf chunk holds a TIFF block; the spec places it before the image data. */
export function orientationFromPng(bytes: Uint8Array): ExifOrientation | null {
  if (!startsWith(bytes, 0, PNG_SIGNATURE)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = PNG_SIGNATURE.length;
  while (at + 8 <= bytes.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const data = at + 8;
    if (type === 'eXIf') return orientationFromExifPayload(bytes.subarray(data, Math.min(data + length, bytes.length)));
    if (type === 'IEND') return null;
    at = data + length + 4; // + CRC
  }
  return null;
}

/**
 * WebP: RIFF chunks (little-endian sizes, padded to even). The EXIF chunk follows the image
 * data in the extended (VP8X) layout, so this needs the whole file, not just its head.
 */
export function orientationFromWebp(bytes: Uint8Array): ExifOrientation | null {
  if (!startsWith(bytes, 0, ascii('RIFF')) || !startsWith(bytes, 8, ascii('WEBP'))) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 12;
  while (at + 8 <= bytes.length) {
    const type = String.fromCharCode(...bytes.subarray(at, at + 4));
    const size = view.getUint32(at + 4, true);
    const data = at + 8;
    if (type === 'EXIF') return orientationFromExifPayload(bytes.subarray(data, Math.min(data + size, bytes.length)));
    at = data + size + (size % 2);
  }
  return null;
}

/** The EXIF orientation of a JPEG, PNG or WebP, from its leading bytes; null when it has none. */
export function exifOrientation(bytes: Uint8Array): ExifOrientation | null {
  return orientationFromJpeg(bytes) ?? orientationFromPng(bytes) ?? orientationFromWebp(bytes);
}

/**
 * The clockwise turn a viewer gives a picture with this orientation. The mirrored orientations
 * (2, 4, 5, 7: a turn plus a left-right mirror) keep their turn, so the photo comes out upright
 * and the right size, but the mirror is lost: the render applies a rotation only, and mirrored
 * EXIF is rare enough (some front cameras, edited files) not to carry a flag for.
 */
export function rotationOfOrientation(o: ExifOrientation): 0 | 90 | 180 | 270 {
  switch (o) {
    case 1:
    case 2:
      return 0;
    case 3:
    case 4:
      return 180;
    case 5:
    case 6:
      return 90;
    case 7:
    case 8:
      return 270;
  }
}
