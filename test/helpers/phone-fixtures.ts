// Phone-like trap media for tests: the files real creators bring (rotated, variable frame rate,
// HDR, odd pixel shapes, no audio, stills, wrong names, junk), generated with the real ffmpeg
// (test/helpers/media.ts picks it) into fixtureDir(), once per test run.
//
// Stable contract, other test files rely on it. Each function returns an absolute path; all
// clips are 2 s, 30 fps nominal, H.264 (HDR: HEVC Main 10) + AAC 48 kHz unless said otherwise.
//
// | function            | what it is                                                  | a player shows |
// |---------------------|-------------------------------------------------------------|----------------|
// | rotatedVfrClip()    | coded 568x320, display matrix "rotate 90° clockwise", VFR   | 320x568        |
// |                     | (every 4th frame 15 ms late), AAC stereo 440 Hz             |                |
// | silentClip()        | 320x568 CFR H.264 with B-frames, NO audio stream            | 320x568        |
// | cfrClip()           | 320x568 CFR H.264 with B-frames, AAC stereo 440 Hz          | 320x568        |
// | stillImage(fmt)     | one 360x480 picture: png (default), jpg, gif or webp        | 360x480        |
// | animatedGif()       | 160x120 gif, 10 frames at 10 fps (a video, not an image)    | 160x120        |
// | hdrClip(transfer)   | 10-bit yuv420p10le, BT.2020, HLG (default) or PQ; HEVC when | 320x568        |
// |                     | libx265 exists, else H.264 High 10; AAC                     |                |
// | oddSarClip()        | coded 480x568 with sample aspect 2:3 (non-square pixels)    | 320x568        |
// | audioOnly()         | .m4a, AAC stereo 48 kHz, 440 Hz sine, 2 s                   | —              |
// | pngNamedMp4()       | a PNG picture saved as .mp4                                 | 360x480        |
// | corruptFile()       | 64 KiB of fixed pseudo-random bytes named .mp4              | —              |
// | textFile()          | plain text named .mp4                                       | —              |
// | exifPhoto(o, fmt)   | stored 480x360, red top half, blue bottom half, with EXIF   | o 6: 360x480,  |
// |                     | Orientation o (null: no EXIF); jpg (default), png or webp   | red on right   |
// | garbledExifPhoto()  | the same JPEG with an "Exif" APP1 whose TIFF is cut short   | 480x360        |
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseListing, parseVersion } from '../../src/media/ffmpeg-capabilities.js';
import { FFMPEG, ffmpeg, fixtureDir, videoStream } from './media.js';

const made = new Map<string, string>();

/**
 * Make `name` in the fixture folder once. Several test files (separate processes) may ask at the
 * same time, so each writes a private temporary file and renames it into place atomically.
 */
function fixture(name: string, make: (out: string) => void): string {
  const hit = made.get(name);
  if (hit) return hit;
  const final = join(fixtureDir(), name);
  if (!existsSync(final)) {
    const tmp = join(fixtureDir(), `tmp-${process.pid}-${Date.now()}-${name}`);
    try {
      make(tmp);
      renameSync(tmp, final);
    } finally {
      rmSync(tmp, { force: true });
    }
  }
  made.set(name, final);
  return final;
}

const ffmpegText = (args: string[]) =>
  execFileSync(FFMPEG, ['-hide_banner', ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

interface Tooling {
  major: number;
  encoders: Set<string>;
}

let tooling: Tooling | undefined;
function tools(): Tooling {
  tooling ??= { major: parseVersion(ffmpegText(['-version'])).major, encoders: parseListing(ffmpegText(['-encoders'])) };
  return tooling;
}

/** Keep every frame's own time (ffmpeg ≥ 5 renamed -vsync to -fps_mode). */
function vfrArgs(): string[] {
  return tools().major >= 5 ? ['-fps_mode', 'vfr'] : ['-vsync', 'vfr'];
}

const SECONDS = 2;
const sine = (seconds = SECONDS) => ['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`];
const testsrc = (size: string, seconds = SECONDS) => ['-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=30:duration=${seconds}`];
const aac = ['-c:a', 'aac', '-b:a', '96k', '-ac', '2'];
const h264 = ['-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-g', '30'];

function rotationSeenByProbe(path: string): number {
  const s = videoStream(path);
  const matrix = s.side_data_list?.find((d) => typeof d.rotation === 'number');
  if (matrix) return (((-(matrix.rotation as number)) % 360) + 360) % 360;
  return Number(s.tags?.rotate ?? 0);
}

/**
 * Put a "rotate 90° clockwise" display matrix on `src` without re-encoding. ffmpeg ≥ 6.1 has
 * -display_rotation (counter-clockwise degrees); older builds take the `rotate` tag, whose sign
 * flipped between 4.x (clockwise) and 5.x (counter-clockwise), so each way is checked by probing.
 */
function addPortraitRotation(src: string, out: string): void {
  const attempts: string[][] = [];
  if (ffmpegText(['-h', 'full']).includes('-display_rotation')) {
    attempts.push(['-display_rotation:v:0', '-90', '-i', src, '-c', 'copy', out]);
  }
  attempts.push(['-i', src, '-c', 'copy', '-metadata:s:v:0', 'rotate=270', out]);
  attempts.push(['-i', src, '-c', 'copy', '-metadata:s:v:0', 'rotate=90', out]);
  for (const args of attempts) {
    try {
      ffmpeg(args);
    } catch {
      continue;
    }
    if (rotationSeenByProbe(out) === 90) return;
  }
  throw new Error(`${FFMPEG} could not write a 90° display rotation`);
}

/** Coded 568x320 landscape, shown 320x568 portrait (display matrix), variable frame rate, AAC. */
export function rotatedVfrClip(): string {
  return fixture('phone-rotated-vfr.mp4', (out) => {
    const coded = out.replace(/\.mp4$/, '.coded.mp4');
    try {
      // Every 4th frame arrives 15 ms late: the uneven pacing phones record in low light.
      ffmpeg([
        ...testsrc('568x320'), ...sine(),
        '-vf', 'settb=1/90000,setpts=N/30/TB+if(eq(mod(N\\,4)\\,1)\\,0.015/TB\\,0)',
        ...vfrArgs(), '-enc_time_base:v', '1:90000', '-video_track_timescale', '90000',
        ...h264, ...aac, coded,
      ]);
      addPortraitRotation(coded, out);
    } finally {
      rmSync(coded, { force: true });
    }
  });
}

/** 320x568 constant frame rate H.264 (with B-frames) and no audio stream at all. */
export function silentClip(): string {
  return fixture('phone-silent.mp4', (out) => ffmpeg([...testsrc('320x568'), ...h264, '-an', out]));
}

/** 320x568 constant frame rate H.264 (with B-frames) with AAC audio: the well-behaved clip. */
export function cfrClip(): string {
  return fixture('phone-cfr.mp4', (out) => ffmpeg([...testsrc('320x568'), ...sine(), ...h264, ...aac, '-shortest', out]));
}

export type StillFormat = 'png' | 'jpg' | 'gif' | 'webp';

/** One 360x480 picture (a portrait photo's 3:4 shape) in the given format. */
export function stillImage(format: StillFormat = 'png'): string {
  // png/jpg go through the image2 muxer, which wants -update for a single file; gif/webp
  // muxers are picked by the extension.
  const single = format === 'png' || format === 'jpg' ? ['-update', '1'] : [];
  const quality = format === 'jpg' ? ['-q:v', '3'] : [];
  return fixture(`still.${format}`, (out) => ffmpeg([...testsrc('360x480', 1), '-frames:v', '1', ...quality, ...single, out]));
}

/** 160x120, 10 frames at 10 fps: an animation, which is a video, not an image. */
export function animatedGif(): string {
  return fixture('animated.gif', (out) => ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=10:duration=1', out]));
}

/** 10-bit BT.2020 HDR: HLG (iPhone's default) or PQ. HEVC Main 10 when libx265 exists. */
export function hdrClip(transfer: 'hlg' | 'pq' = 'hlg'): string {
  const trc = transfer === 'hlg' ? 'arib-std-b67' : 'smpte2084';
  return fixture(`phone-hdr-${transfer}.mp4`, (out) => {
    const video = tools().encoders.has('libx265')
      ? ['-c:v', 'libx265', '-preset', 'ultrafast', '-x265-params', 'log-level=error', '-tag:v', 'hvc1']
      : ['-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'high10'];
    ffmpeg([
      ...testsrc('320x568'), ...sine(),
      ...video, '-pix_fmt', 'yuv420p10le',
      '-color_primaries', 'bt2020', '-color_trc', trc, '-colorspace', 'bt2020nc', '-color_range', 'tv',
      ...aac, '-shortest', out,
    ]);
  });
}

/** Coded 480x568 with sample aspect 2:3: non-square pixels that a player shows as 320x568. */
export function oddSarClip(): string {
  return fixture('phone-odd-sar.mp4', (out) =>
    ffmpeg([...testsrc('480x568'), ...sine(), '-vf', 'setsar=2/3', ...h264, ...aac, '-shortest', out]),
  );
}

/** Audio only: .m4a, AAC stereo 48 kHz, a 440 Hz sine for 2 s. */
export function audioOnly(): string {
  return fixture('voice.m4a', (out) => ffmpeg([...sine(), ...aac, out]));
}

/** A PNG picture saved under a video's name: typed by content, it is an image. */
export function pngNamedMp4(): string {
  return fixture('picture-named.mp4', (out) => copyFileSync(stillImage('png'), out));
}

/** 64 KiB of fixed pseudo-random bytes named .mp4: the same junk on every run. */
export function corruptFile(): string {
  return fixture('corrupt.mp4', (out) => {
    const bytes = Buffer.alloc(64 * 1024);
    let x = 0x2545f491;
    for (let i = 0; i < bytes.length; i++) {
      // xorshift32: deterministic, so no run can stumble on bytes a demuxer happens to accept
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      bytes[i] = x & 0xff;
    }
    writeFileSync(out, bytes);
  });
}

// ---------------------------------------------------------------------------------------------
// Phone photos with EXIF Orientation: the pixels stored sideways, a tag telling viewers the turn.

/** A minimal TIFF block (what follows "Exif\0\0"): IFD0 with one SHORT Orientation entry. */
export function exifTiff(orientation: number, order: 'II' | 'MM' = 'MM'): Buffer {
  const b = Buffer.alloc(8 + 2 + 12 + 4);
  const le = order === 'II';
  const u16 = (v: number, at: number) => (le ? b.writeUInt16LE(v, at) : b.writeUInt16BE(v, at));
  const u32 = (v: number, at: number) => (le ? b.writeUInt32LE(v, at) : b.writeUInt32BE(v, at));
  b.write(order, 0, 'latin1');
  u16(42, 2);
  u32(8, 4); // IFD0 right after the header
  u16(1, 8); // one entry
  u16(0x0112, 10); // Orientation
  u16(3, 12); // SHORT
  u32(1, 14); // one value
  u16(orientation, 18); // the value, left-justified in the 4-byte field
  u32(0, 22); // no IFD1
  return b;
}

/** `jpeg` with an APP1 segment holding `payload` placed right after SOI, where cameras put it. */
export function withJpegApp1(jpeg: Buffer, payload: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xffe1, 0);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), header, payload, jpeg.subarray(2)]);
}

const EXIF_PREFIX = Buffer.from('Exif\0\0', 'latin1');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** `png` with an eXIf chunk right after IHDR (the spec wants it before the image data). */
function withPngExif(png: Buffer, tiff: Buffer): Buffer {
  const ihdrEnd = 8 + 8 + png.readUInt32BE(8) + 4;
  const head = Buffer.alloc(8);
  head.writeUInt32BE(tiff.length, 0);
  head.write('eXIf', 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), tiff])), 0);
  return Buffer.concat([png.subarray(0, ihdrEnd), head, tiff, crc, png.subarray(ihdrEnd)]);
}

function riffChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(type, 0, 'latin1');
  head.writeUInt32LE(data.length, 4);
  return Buffer.concat([head, data, Buffer.alloc(data.length % 2)]);
}

/**
 * A simple (VP8) WebP turned extended: a VP8X header flagging EXIF, the image, then the EXIF
 * chunk after it, which is where the format puts it.
 */
function withWebpExif(webp: Buffer, tiff: Buffer, width: number, height: number): Buffer {
  const vp8x = Buffer.alloc(10);
  vp8x[0] = 0x08; // EXIF present
  vp8x.writeUIntLE(width - 1, 4, 3);
  vp8x.writeUIntLE(height - 1, 7, 3);
  const body = Buffer.concat([Buffer.from('WEBP', 'latin1'), riffChunk('VP8X', vp8x), webp.subarray(12), riffChunk('EXIF', tiff)]);
  const riff = Buffer.alloc(8);
  riff.write('RIFF', 0, 'latin1');
  riff.writeUInt32LE(body.length, 4);
  return Buffer.concat([riff, body]);
}

export type PhotoFormat = 'jpg' | 'png' | 'webp';

/** Stored 480x360: red top half, blue bottom half. Upright after orientation 6 it is 360x480 with red on the right. */
function sidewaysPicture(format: PhotoFormat): string {
  return fixture(`sideways-plain.${format}`, (out) =>
    ffmpeg([
      '-f', 'lavfi', '-i', 'color=c=red:s=480x180:d=1',
      '-f', 'lavfi', '-i', 'color=c=blue:s=480x180:d=1',
      '-filter_complex', '[0:v][1:v]vstack=inputs=2', '-frames:v', '1',
      ...(format === 'jpg' ? ['-q:v', '2'] : []),
      ...(format === 'webp' ? [] : ['-update', '1']),
      '-f', format === 'webp' ? 'webp' : 'image2',
      out,
    ]),
  );
}

/**
 * The sideways picture with EXIF Orientation `orientation` (null: no EXIF at all), as a JPEG
 * (APP1 after SOI), PNG (eXIf chunk) or WebP (EXIF chunk, VP8X layout).
 */
export function exifPhoto(orientation: number | null, format: PhotoFormat = 'jpg', order: 'II' | 'MM' = 'MM'): string {
  const name = `exif-photo-${orientation ?? 'none'}-${order}.${format}`;
  return fixture(name, (out) => {
    const plain = readFileSync(sidewaysPicture(format));
    if (orientation === null) return writeFileSync(out, plain);
    const tiff = exifTiff(orientation, order);
    if (format === 'jpg') return writeFileSync(out, withJpegApp1(plain, Buffer.concat([EXIF_PREFIX, tiff])));
    if (format === 'png') return writeFileSync(out, withPngExif(plain, tiff));
    writeFileSync(out, withWebpExif(plain, tiff, 480, 360));
  });
}

/** The sideways JPEG with an "Exif" APP1 cut off in the middle of its IFD entry. */
export function garbledExifPhoto(): string {
  return fixture('exif-photo-garbled.jpg', (out) => {
    const plain = readFileSync(sidewaysPicture('jpg'));
    writeFileSync(out, withJpegApp1(plain, Buffer.concat([EXIF_PREFIX, exifTiff(6).subarray(0, 15)])));
  });
}

/** A plain text file renamed .mp4. */
export function textFile(): string {
  return fixture('notes.mp4', (out) =>
    writeFileSync(out, 'Shot list for Saturday\n1. sunrise at the pier\n2. coffee close-up\n'.repeat(20)),
  );
}
