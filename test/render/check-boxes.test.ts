// The MP4 box reader on hand-built files, where every byte is known: 64-bit sizes, size-0 boxes
// that run to the end, truncation, and edit lists in both versions.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isIdentityEditList, parseBoxHeader, readBoxLayout } from '../../src/render/check-boxes.js';
import { tempDir } from '../helpers/media.js';

let dir: string;
let n = 0;
function file(bytes: Uint8Array): string {
  const p = join(dir, `f${n++}.bin`);
  writeFileSync(p, bytes);
  return p;
}

const cat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
const ascii = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
function u32(v: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, v);
  return b;
}
function u64(v: number | bigint): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(v));
  return b;
}
function i64(v: number): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigInt64(0, BigInt(v));
  return b;
}
const box = (type: string, ...payload: Uint8Array[]) => {
  const body = cat(...payload);
  return cat(u32(8 + body.length), ascii(type), body);
};
const largeBox = (type: string, ...payload: Uint8Array[]) => {
  const body = cat(...payload);
  return cat(u32(1), ascii(type), u64(16 + body.length), body);
};
const full = (version: number) => Uint8Array.from([version, 0, 0, 0]);

const ftyp = box('ftyp', ascii('isom'), u32(512), ascii('isomiso2avc1mp41'));
const mvhd = box('mvhd', full(0), u32(0), u32(0), u32(1000), u32(5000), new Uint8Array(80));
const mdhd = (timescale: number) => box('mdhd', full(0), u32(0), u32(0), u32(timescale), u32(0), new Uint8Array(4));
const hdlr = (handler: string) => box('hdlr', full(0), u32(0), ascii(handler), new Uint8Array(12), ascii('Handler\0'));
/** elst version 1: 64-bit duration and media time, then rate 1.0 as 16.16. */
const elstV1 = (entries: Array<[number, number]>) =>
  box('elst', full(1), u32(entries.length), ...entries.flatMap(([dur, time]) => [u64(dur), i64(time), u32(0x00010000)]));
const elstV0 = (entries: Array<[number, number]>) =>
  box('elst', full(0), u32(entries.length), ...entries.flatMap(([dur, time]) => [u32(dur), u32(time >>> 0), u32(0x00010000)]));
const trak = (handler: string, timescale: number, elst?: Uint8Array) =>
  box('trak', box('tkhd', full(0), new Uint8Array(80)), ...(elst ? [box('edts', elst)] : []), box('mdia', mdhd(timescale), hdlr(handler), box('minf')));

beforeAll(() => {
  dir = tempDir('reelcut-boxes-');
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('readBoxLayout', () => {
  it('steps over a 64-bit mdat to find the moov after it, and reads its edit lists', async () => {
    const moov = box('moov', mvhd, trak('vide', 15360, elstV0([[5000, 0]])), trak('soun', 48000, elstV1([[5000, 1024]])));
    const layout = await readBoxLayout(file(cat(ftyp, largeBox('mdat', new Uint8Array(300)), moov)));
    expect(layout.top_level).toEqual(['ftyp', 'mdat', 'moov']);
    expect(layout.major_brand).toBe('isom');
    expect(layout.moov_before_mdat).toBe(false);
    expect(layout.problem).toBeNull();
    expect(layout.edit_lists).toEqual([
      { track: 1, handler: 'vide', movie_timescale: 1000, media_timescale: 15360, entries: [{ segment_duration: 5000, media_time: 0, media_rate: 1 }] },
      { track: 2, handler: 'soun', movie_timescale: 1000, media_timescale: 48000, entries: [{ segment_duration: 5000, media_time: 1024, media_rate: 1 }] },
    ]);
    expect(layout.edit_lists.map(isIdentityEditList)).toEqual([true, false]);
  });

  it('reads an empty edit (media_time -1) and two-entry lists as not identity', async () => {
    const moov = box('moov', mvhd, trak('vide', 90000, elstV0([[40, -1], [5000, 0]])));
    const layout = await readBoxLayout(file(cat(ftyp, moov, box('mdat', new Uint8Array(10)))));
    expect(layout.moov_before_mdat).toBe(true);
    expect(layout.edit_lists[0]?.entries.map((e) => e.media_time)).toEqual([-1, 0]);
    expect(isIdentityEditList(layout.edit_lists[0]!)).toBe(false);
  });

  it('takes a size-0 box as running to the end of the file', async () => {
    const mdatToEnd = cat(u32(0), ascii('mdat'), new Uint8Array(1000));
    const layout = await readBoxLayout(file(cat(ftyp, box('moov', mvhd), mdatToEnd)));
    expect(layout.top_level).toEqual(['ftyp', 'moov', 'mdat']);
    expect(layout.moov_before_mdat).toBe(true);
    expect(layout.edit_lists).toEqual([]);
    expect(layout.problem).toBeNull();
  });

  it('reports a truncated box instead of reading past the end', async () => {
    const cut = cat(ftyp, u32(5000), ascii('mdat'), new Uint8Array(100));
    const layout = await readBoxLayout(file(cut));
    expect(layout.top_level).toEqual(['ftyp', 'mdat']);
    expect(layout.has_moov).toBe(false);
    expect(layout.moov_before_mdat).toBeNull();
    expect(layout.problem).toMatch(/runs past the end/);
  });

  it('finds no boxes in a file that is not ISO-BMFF (a Matroska header)', async () => {
    const layout = await readBoxLayout(file(Uint8Array.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42])));
    expect(layout.top_level).toEqual([]);
    expect(layout.has_moov).toBe(false);
    expect(layout.problem).not.toBeNull();
  });

  it('lists any sequence of top-level boxes in order, whatever their header form', async () => {
    const boxSpec = fc.record({
      type: fc.constantFrom('free', 'skip', 'mdat', 'moov', 'uuid', 'wide'),
      size: fc.nat({ max: 64 }),
      large: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(boxSpec, { maxLength: 8 }), async (specs) => {
        const bytes = cat(ftyp, ...specs.map((s) => (s.large ? largeBox : box)(s.type, new Uint8Array(s.size))));
        const layout = await readBoxLayout(file(bytes));
        expect(layout.top_level).toEqual(['ftyp', ...specs.map((s) => s.type)]);
        const moovAt = layout.top_level.indexOf('moov');
        const mdatAt = layout.top_level.indexOf('mdat');
        expect(layout.moov_before_mdat).toBe(moovAt < 0 || mdatAt < 0 ? null : moovAt < mdatAt);
      }),
      { numRuns: 60 },
    );
  });
});

describe('parseBoxHeader', () => {
  it('rejects a size smaller than its own header and a largesize beyond 2^53', () => {
    expect(parseBoxHeader(cat(u32(4), ascii('free')), 0, 8)).toBeNull();
    expect(parseBoxHeader(cat(u32(1), ascii('mdat'), u64(2n ** 60n)), 0, 16)).toBeNull();
    expect(parseBoxHeader(cat(u32(1), ascii('mdat'), u64(24)), 0, 24)).toEqual({ type: 'mdat', offset: 0, size: 24, headerSize: 16 });
  });
});
