// The ISO-BMFF (MP4/MOV) box layout `check` needs: the order of the top-level boxes (is `moov`
// before `mdat`, i.e. "faststart") and the edit lists inside `moov`. Read from the file's own
// bytes rather than from ffprobe, which hides both: it applies edit lists silently and does not
// say where the index sits.
import { open, type FileHandle } from 'node:fs/promises';

export interface BoxHeader {
  type: string;
  /** Offset of the box's first byte in the file. */
  offset: number;
  /** Whole box size, header included (a size-0 box runs to the end of the file). */
  size: number;
  /** 8, or 16 when the box uses a 64-bit `largesize`. */
  headerSize: number;
}

export interface EditListEntry {
  /** Length on the movie timeline, in the movie (mvhd) timescale. */
  segment_duration: number;
  /** Where the segment starts in the track's media, in its media (mdhd) timescale; -1 = empty edit. */
  media_time: number;
  media_rate: number;
}

export interface EditList {
  /** 1-based track number in moov order. */
  track: number;
  /** `vide`, `soun`, ... from the track's hdlr box; null when absent. */
  handler: string | null;
  movie_timescale: number | null;
  media_timescale: number | null;
  entries: EditListEntry[];
}

export interface BoxLayout {
  /** The first box's type, `ftyp` for a well-formed MP4/MOV. */
  first: string | null;
  /** ftyp's major brand, e.g. `isom`, `mp42`, `qt  `; null without ftyp. */
  major_brand: string | null;
  /** Top-level box types in file order (the scan stops early only on a malformed header). */
  top_level: string[];
  /** true: moov before mdat; false: mdat first; null: one of them is missing. */
  moov_before_mdat: boolean | null;
  has_moov: boolean;
  edit_lists: EditList[];
  /** Why the layout could not be read completely, if it could not. */
  problem: string | null;
}

const MAX_TOP_LEVEL_BOXES = 10_000;
/** A moov over this size is not read for edit lists (real ones are a few MB for 15 minutes). */
const MAX_MOOV_BYTES = 128 * 1024 * 1024;

/** Reads one box header from `buf` at `at`; `limit` is where the enclosing box (or file) ends. */
export function parseBoxHeader(buf: Uint8Array, at: number, limit: number, fileOffset = at): BoxHeader | null {
  if (at + 8 > buf.length || at + 8 > limit) return null;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let size = view.getUint32(at);
  const type = boxType(buf, at + 4);
  let headerSize = 8;
  if (size === 1) {
    if (at + 16 > buf.length) return null;
    const large = view.getBigUint64(at + 8);
    if (large > BigInt(Number.MAX_SAFE_INTEGER)) return null;
    size = Number(large);
    headerSize = 16;
  } else if (size === 0) {
    size = limit - at;
  }
  if (size < headerSize) return null;
  return { type, offset: fileOffset, size, headerSize };
}

function boxType(buf: Uint8Array, at: number): string {
  return String.fromCharCode(buf[at]!, buf[at + 1]!, buf[at + 2]!, buf[at + 3]!);
}

/** Child boxes of the box whose payload is `buf[start, end)`. Stops at the first malformed header. */
export function childBoxes(buf: Uint8Array, start: number, end: number): BoxHeader[] {
  const out: BoxHeader[] = [];
  let at = start;
  while (at + 8 <= end) {
    const h = parseBoxHeader(buf, at, end);
    if (!h || at + h.size > end) break;
    out.push(h);
    at += h.size;
  }
  return out;
}

/** Edit lists of every track of a `moov` box (`buf` holds the whole moov, header included). */
export function editListsOfMoov(moov: Uint8Array): EditList[] {
  const top = parseBoxHeader(moov, 0, moov.length);
  if (!top || top.type !== 'moov') return [];
  const view = new DataView(moov.buffer, moov.byteOffset, moov.byteLength);
  const children = childBoxes(moov, top.headerSize, Math.min(top.size, moov.length));
  const mvhd = children.find((b) => b.type === 'mvhd');
  const movieTimescale = mvhd ? fullBoxTimescale(view, mvhd) : null;
  const lists: EditList[] = [];
  let track = 0;
  for (const trak of children.filter((b) => b.type === 'trak')) {
    track += 1;
    const inTrak = childBoxes(moov, trak.offset + trak.headerSize, trak.offset + trak.size);
    const mdia = inTrak.find((b) => b.type === 'mdia');
    const inMdia = mdia ? childBoxes(moov, mdia.offset + mdia.headerSize, mdia.offset + mdia.size) : [];
    const hdlr = inMdia.find((b) => b.type === 'hdlr');
    const mdhd = inMdia.find((b) => b.type === 'mdhd');
    // hdlr payload: version+flags (4), pre_defined (4), handler_type (4).
    const handlerAt = hdlr ? hdlr.offset + hdlr.headerSize + 8 : -1;
    const handler = hdlr && handlerAt + 4 <= hdlr.offset + hdlr.size ? boxType(moov, handlerAt) : null;
    const mediaTimescale = mdhd ? fullBoxTimescale(view, mdhd) : null;
    for (const edts of inTrak.filter((b) => b.type === 'edts')) {
      for (const elst of childBoxes(moov, edts.offset + edts.headerSize, edts.offset + edts.size)) {
        if (elst.type !== 'elst') continue;
        lists.push({
          track,
          handler,
          movie_timescale: movieTimescale,
          media_timescale: mediaTimescale,
          entries: parseElst(view, elst),
        });
      }
    }
  }
  return lists;
}

/** mvhd and mdhd share a layout: version+flags, then two times (32- or 64-bit), then the timescale. */
function fullBoxTimescale(view: DataView, box: BoxHeader): number | null {
  const p = box.offset + box.headerSize;
  if (p + 4 > box.offset + box.size) return null;
  const version = view.getUint8(p);
  const at = p + 4 + (version === 1 ? 16 : 8);
  if (at + 4 > box.offset + box.size) return null;
  return view.getUint32(at);
}

function parseElst(view: DataView, box: BoxHeader): EditListEntry[] {
  const end = box.offset + box.size;
  let p = box.offset + box.headerSize;
  if (p + 8 > end) return [];
  const version = view.getUint8(p);
  const count = view.getUint32(p + 4);
  p += 8;
  const entrySize = version === 1 ? 20 : 12;
  const entries: EditListEntry[] = [];
  for (let i = 0; i < count && p + entrySize <= end; i++) {
    const segment_duration = version === 1 ? Number(view.getBigUint64(p)) : view.getUint32(p);
    const media_time = version === 1 ? Number(view.getBigInt64(p + 8)) : view.getInt32(p + 4);
    const rateAt = p + (version === 1 ? 16 : 8);
    const media_rate = view.getInt16(rateAt) + view.getUint16(rateAt + 2) / 65536;
    entries.push({ segment_duration, media_time, media_rate });
    p += entrySize;
  }
  return entries;
}

/** An edit list that maps the whole media 1:1 from its start: harmless, and what some muxers always write. */
export function isIdentityEditList(list: EditList): boolean {
  return list.entries.length === 1 && list.entries[0]!.media_time === 0 && list.entries[0]!.media_rate === 1;
}

/** Reads the top-level box layout of a file and the edit lists inside its moov. */
export async function readBoxLayout(path: string): Promise<BoxLayout> {
  const fh = await open(path, 'r');
  try {
    const fileSize = (await fh.stat()).size;
    const layout: BoxLayout = {
      first: null,
      major_brand: null,
      top_level: [],
      moov_before_mdat: null,
      has_moov: false,
      edit_lists: [],
      problem: null,
    };
    const header = new Uint8Array(16);
    let offset = 0;
    let moov: BoxHeader | null = null;
    while (offset + 8 <= fileSize && layout.top_level.length < MAX_TOP_LEVEL_BOXES) {
      const { bytesRead } = await fh.read(header, 0, 16, offset);
      const h = parseBoxHeader(header.subarray(0, bytesRead), 0, fileSize - offset, offset);
      if (!h || !/^[\x20-\x7e]{4}$/.test(h.type)) {
        layout.problem = `unreadable box header at byte ${offset}`;
        break;
      }
      layout.top_level.push(h.type);
      if (h.type === 'ftyp' && layout.top_level.length === 1) {
        layout.major_brand = h.size >= h.headerSize + 4 ? await readType(fh, offset + h.headerSize) : null;
      }
      if (h.type === 'moov' && !moov) moov = h;
      if (layout.moov_before_mdat === null && (h.type === 'moov' || h.type === 'mdat')) {
        layout.moov_before_mdat = h.type === 'moov';
      }
      if (offset + h.size > fileSize) {
        layout.problem = `${h.type} box at byte ${offset} runs past the end of the file (truncated?)`;
        break;
      }
      offset += h.size;
    }
    layout.first = layout.top_level[0] ?? null;
    layout.has_moov = moov !== null;
    if (!layout.top_level.includes('mdat') || !moov) layout.moov_before_mdat = null;
    if (moov) {
      if (moov.size > MAX_MOOV_BYTES) {
        layout.problem = `moov box is ${moov.size} bytes; edit lists not read`;
      } else {
        const buf = new Uint8Array(Math.min(moov.size, fileSize - moov.offset));
        await fh.read(buf, 0, buf.length, moov.offset);
        layout.edit_lists = editListsOfMoov(buf);
      }
    }
    return layout;
  } finally {
    await fh.close();
  }
}

async function readType(fh: FileHandle, at: number): Promise<string> {
  const b = new Uint8Array(4);
  await fh.read(b, 0, 4, at);
  return boxType(b, 0);
}
