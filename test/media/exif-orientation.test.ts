// The EXIF Orientation reader on real picture bytes (ffmpeg-made JPEG/PNG/WebP with an EXIF block
// spliced in, as cameras write it) and on every way such a block can be cut short or malformed.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  exifOrientation,
  orientationFromTiff,
  rotationOfOrientation,
  type ExifOrientation,
} from '../../src/media/exif-orientation.js';
import { exifPhoto, exifTiff, garbledExifPhoto, stillImage, withJpegApp1 } from '../helpers/phone-fixtures.js';

const EXIF = Buffer.from('Exif\0\0', 'latin1');
const ORIENTATIONS = [1, 2, 3, 4, 5, 6, 7, 8] as const;

/** SOI, the given segments, then SOS and EOI: the skeleton of a JPEG as the reader walks it. */
function jpeg(...segments: Array<[marker: number, body: Buffer]>): Buffer {
  const parts = segments.map(([marker, body]) => {
    const head = Buffer.alloc(4);
    head.writeUInt16BE(marker, 0);
    head.writeUInt16BE(body.length + 2, 2);
    return Buffer.concat([head, body]);
  });
  return Buffer.concat([Buffer.from([0xff, 0xd8]), ...parts, Buffer.from([0xff, 0xda, 0x00, 0x02, 0xff, 0xd9])]);
}

/** A TIFF block whose IFD0 has a Make entry before Orientation, as camera files do. */
function tiffWithMakeFirst(orientation: number): Buffer {
  const b = Buffer.alloc(8 + 2 + 24 + 4);
  b.write('II', 0, 'latin1');
  b.writeUInt16LE(42, 2);
  b.writeUInt32LE(8, 4);
  b.writeUInt16LE(2, 8);
  b.writeUInt16LE(0x010f, 10); // Make, ASCII, 4 bytes inline
  b.writeUInt16LE(2, 12);
  b.writeUInt32LE(4, 14);
  b.write('ACME', 18, 'latin1');
  b.writeUInt16LE(0x0112, 22);
  b.writeUInt16LE(3, 24);
  b.writeUInt32LE(1, 26);
  b.writeUInt16LE(orientation, 30);
  return b;
}

describe('exifOrientation reads the tag cameras write', () => {
  it.each(ORIENTATIONS)('orientation %i from a JPEG APP1, in both byte orders', (o) => {
    const plain = readFileSync(stillImage('jpg'));
    for (const order of ['II', 'MM'] as const) {
      expect(exifOrientation(withJpegApp1(plain, Buffer.concat([EXIF, exifTiff(o, order)])))).toBe(o);
    }
  });

  it.each(['jpg', 'png', 'webp'] as const)('orientation 6 from an ffmpeg-made %s with EXIF spliced in', (format) => {
    expect(exifOrientation(readFileSync(exifPhoto(6, format)))).toBe(6);
  });

  it.each(['jpg', 'png', 'webp'] as const)('no EXIF in a %s is null, not 1', (format) => {
    expect(exifOrientation(readFileSync(exifPhoto(null, format)))).toBeNull();
  });

  it('finds the Exif APP1 behind a JFIF APP0 and an XMP APP1', () => {
    const xmp = Buffer.from('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>', 'latin1');
    const bytes = jpeg([0xffe0, Buffer.from('JFIF\0\x01\x02\0\0\x01\0\x01\0\0', 'latin1')], [0xffe1, xmp], [0xffe1, Buffer.concat([EXIF, exifTiff(8)])]);
    expect(exifOrientation(bytes)).toBe(8);
  });

  it('finds Orientation behind other IFD0 entries', () => {
    expect(exifOrientation(jpeg([0xffe1, Buffer.concat([EXIF, tiffWithMakeFirst(3)])]))).toBe(3);
  });

  it('does not read past the start of the image data', () => {
    const bytes = Buffer.concat([jpeg(), Buffer.from([0xff, 0xe1, 0x00, 0x20]), EXIF, exifTiff(6)]);
    expect(exifOrientation(bytes)).toBeNull();
  });
});

describe('exifOrientation treats a damaged EXIF block as none', () => {
  const withTiff = (tiff: Buffer) => exifOrientation(jpeg([0xffe1, Buffer.concat([EXIF, tiff])]));

  it('a JPEG whose Exif APP1 is cut off inside the IFD entry', () => {
    expect(exifOrientation(readFileSync(garbledExifPhoto()))).toBeNull();
  });

  it('an unknown byte order, a wrong magic number, an IFD0 outside the block', () => {
    const badOrder = exifTiff(6);
    badOrder.write('XX', 0, 'latin1');
    const badMagic = exifTiff(6);
    badMagic.writeUInt16BE(43, 2);
    const farIfd = exifTiff(6);
    farIfd.writeUInt32BE(10_000, 4);
    for (const t of [badOrder, badMagic, farIfd]) expect(withTiff(t)).toBeNull();
  });

  it('an IFD0 that claims more entries than the block holds', () => {
    const t = exifTiff(1);
    t.writeUInt16BE(0xffff, 8);
    t.writeUInt16BE(0x010f, 10); // the real entry is no longer Orientation: the rest runs off the end
    expect(withTiff(t)).toBeNull();
  });

  it('an Orientation that is not a SHORT, or outside 1–8', () => {
    const long = exifTiff(6);
    long.writeUInt16BE(4, 12);
    expect(withTiff(long)).toBeNull();
    expect(withTiff(exifTiff(0))).toBeNull();
    expect(withTiff(exifTiff(9))).toBeNull();
  });

  it('an APP1 whose length runs past the end of the file', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff]), EXIF, exifTiff(6).subarray(0, 12)]);
    expect(exifOrientation(bytes)).toBeNull();
  });

  it('any prefix of a photo with EXIF gives its orientation or none, never a wrong one or a throw', () => {
    for (const format of ['jpg', 'png', 'webp'] as const) {
      const whole = readFileSync(exifPhoto(6, format));
      fc.assert(
        fc.property(fc.integer({ min: 0, max: whole.length }), (n) => {
          expect([6, null]).toContain(exifOrientation(whole.subarray(0, n)));
        }),
        { numRuns: 300 },
      );
    }
  });

  it('arbitrary bytes, and arbitrary bytes after an Exif APP1 header, never throw', () => {
    const valid = (r: unknown) => r === null || ORIENTATIONS.includes(r as ExifOrientation);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (junk) => {
        expect(valid(exifOrientation(junk))).toBe(true);
        expect(valid(orientationFromTiff(junk))).toBe(true);
        const app1 = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x00, junk.length + 8]), EXIF, junk]);
        expect(valid(exifOrientation(app1))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('rotationOfOrientation', () => {
  it.each([
    [1, 0], [3, 180], [6, 90], [8, 270],
    // mirrored: the turn is kept, the mirror is lost
    [2, 0], [4, 180], [5, 90], [7, 270],
  ] as const)('orientation %i turns the picture %i° clockwise', (o, degrees) => {
    expect(rotationOfOrientation(o)).toBe(degrees);
  });
});
