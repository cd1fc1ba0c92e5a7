// probe: the one door media comes in by. Checks the file on disk (exists, a file, under the size
// limit) before spending a process on it, then asks ffprobe twice: streams and format, then the
// timing of the first video packets (variable frame rate, still vs animated pictures). A still
// also has its EXIF orientation read from its own bytes, which ffprobe 5.1 does not report.
import { open, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { FileTooLarge, MAX_FILE_BYTES, ReelcutError, UnsupportedMedia } from '../errors.js';
import type { MediaItem } from '../timeline/schema.js';
import { execText, ExecFailed, lastLine } from './exec.js';
import { getFfmpeg } from './ffmpeg.js';
import type { FfmpegInfo } from './ffmpeg-types.js';
import { EXIF_HEAD_BYTES, exifOrientation, type ExifOrientation } from './exif-orientation.js';
import { describeMedia, isStillPicture, pickVideoStream, type RawProbe, type RawStream } from './probe-parse.js';
import type { MediaInfo } from './types.js';

/** Packets read to judge frame timing: about 4 s of 30 fps video, read without decoding. */
const TIMING_PACKETS = 120;

/** A WebP keeps its EXIF after the image data: read the whole picture, up to this much. */
const WEBP_EXIF_BYTES = 32 * 1024 * 1024;

async function checkFile(path: string): Promise<number> {
  let st;
  try {
    st = await stat(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new ReelcutError('FILE_NOT_FOUND', `${path} does not exist. Check the name and the folder.`, { file: path });
    }
    throw new UnsupportedMedia(path, `it cannot be read (${code ?? 'unknown error'})`);
  }
  if (!st.isFile()) throw new UnsupportedMedia(path, 'it is a folder or device, not a media file');
  if (st.size > MAX_FILE_BYTES) throw new FileTooLarge(path, st.size);
  if (st.size === 0) throw new UnsupportedMedia(path, 'it is empty (0 bytes)');
  return st.size;
}

async function ffprobeJson(ffprobe: string, args: string[], path: string): Promise<unknown> {
  // `file:` keeps a name like "concat:a|b" or "-x.mp4" from being read as a protocol or option.
  const input = `file:${resolve(path)}`;
  try {
    const { stdout } = await execText(ffprobe, ['-v', 'error', '-of', 'json', ...args, '-i', input], 60_000);
    return JSON.parse(stdout);
  } catch (e) {
    if (e instanceof ExecFailed) {
      if (e.spawnCode) {
        throw new ReelcutError('FFMPEG_MISSING', `ffprobe at ${ffprobe} could not be run (${e.spawnCode}).`, { path: ffprobe });
      }
      const why = lastLine(e.stderr).replace(`${input}: `, '') || 'unreadable';
      throw new UnsupportedMedia(path, `ffmpeg cannot read it as media (${why})`);
    }
    if (e instanceof SyntaxError) throw new UnsupportedMedia(path, 'ffprobe gave no readable description of it');
    throw e;
  }
}

async function readHead(path: string, bytes: number): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await file.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/** A still's EXIF orientation; a file that cannot be read again counts as having none. */
async function stillOrientation(path: string, stream: RawStream, sizeBytes: number): Promise<ExifOrientation | null> {
  const wanted = stream.codec_name === 'webp' ? WEBP_EXIF_BYTES : EXIF_HEAD_BYTES;
  try {
    return exifOrientation(await readHead(path, Math.min(wanted, sizeBytes)));
  } catch {
    return null;
  }
}

function ptsOf(json: unknown): number[] {
  const packets = (json as { packets?: Array<{ pts?: number }> }).packets ?? [];
  return packets.map((p) => p.pts).filter((p): p is number => typeof p === 'number');
}

/** Describe a media file by its content. Throws FILE_NOT_FOUND, FileTooLarge, UnsupportedMedia. */
export async function probeMedia(path: string, ffmpeg?: FfmpegInfo): Promise<MediaInfo> {
  const sizeBytes = await checkFile(path);
  const ff = ffmpeg ?? (await getFfmpeg());
  const probe = (await ffprobeJson(ff.ffprobe, ['-show_streams', '-show_format'], path)) as RawProbe;
  const video = pickVideoStream(probe.streams ?? []);
  const videoPts = video
    ? ptsOf(
        await ffprobeJson(
          ff.ffprobe,
          ['-select_streams', String(video.index), '-show_entries', 'packet=pts', '-read_intervals', `%+#${TIMING_PACKETS}`],
          path,
        ),
      )
    : null;
  const exif = video && isStillPicture(video, videoPts) ? await stillOrientation(path, video, sizeBytes) : null;
  const info = describeMedia({ path, sizeBytes, probe, videoPts, exifOrientation: exif });
  // Renders may run in another working directory: keep where the file is, not how it was named.
  return { ...info, path: resolve(path) };
}

/** The timeline's view of a probed file: its media-bin entry. */
export function toMediaItem(info: MediaInfo, id: string, name: string): MediaItem {
  return {
    id,
    name,
    kind: info.kind,
    duration_ms: info.kind === 'image' ? 0 : info.duration_ms,
    width: info.width,
    height: info.height,
    has_audio: info.audio.length > 0,
    path: info.path,
  };
}
