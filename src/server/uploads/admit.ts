// Admission: a received file becomes media only if probing its content says it is one of the
// accepted formats; then it moves under the media folder, named by its id alone. Anything else
// is deleted on the spot. ffmpeg and ffprobe pick the demuxer by content, so no extension is
// needed (and the client's one is never trusted).
import { copyFile, constants, mkdir, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { FileTooLarge, ReelcutError, UnsupportedMedia } from '../../errors.js';
import { probeMedia, type FfmpegInfo, type MediaInfo } from '../../media/index.js';
import { isAcceptedMedia } from './accept.js';
import type { ReceivedFile } from './types.js';

export interface AdmitOptions {
  /** Folder of admitted media (created if missing). */
  mediaDir: string;
  /** The media id; also the file's name under mediaDir. Letters, digits, `_` and `-` only. */
  id: string;
  ff: FfmpegInfo;
}

const SAFE_ID = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * Probes `file`, then moves it to `mediaDir/<id>`. Returns its MediaInfo (path = the final file)
 * and `file` = its name under mediaDir. Throws UnsupportedMedia (temp file deleted) when it is not
 * an accepted format.
 */
export async function admitFile(file: ReceivedFile, opts: AdmitOptions): Promise<{ info: MediaInfo; file: string }> {
  if (!SAFE_ID.test(opts.id)) throw new Error(`admitFile: media id ${JSON.stringify(opts.id)} is not a safe file name`);
  let info: MediaInfo;
  try {
    info = await probeMedia(file.tmpPath, opts.ff);
    if (!isAcceptedMedia(info)) {
      throw new UnsupportedMedia(file.name, `it is ${describe(info)}, which is not one of the accepted formats`);
    }
  } catch (e) {
    await rm(file.tmpPath, { force: true });
    throw inClientTerms(e, file);
  }
  const target = resolve(join(opts.mediaDir, opts.id));
  try {
    await mkdir(opts.mediaDir, { recursive: true });
    await moveFile(file.tmpPath, target);
  } catch (e) {
    await rm(file.tmpPath, { force: true });
    throw e;
  }
  return { info: { ...info, path: target }, file: opts.id };
}

function describe(info: MediaInfo): string {
  const codec = info.video?.codec ?? info.audio[0]?.codec;
  return `${info.kind === 'image' ? 'an image' : info.kind === 'audio' ? 'audio' : 'a video'} in "${info.container}"${codec ? ` (${codec})` : ''}`;
}

/** probe names the temp path in its messages; the client knows the file by its own name. */
function inClientTerms(e: unknown, file: ReceivedFile): unknown {
  if (!(e instanceof ReelcutError)) return e;
  if (e.code === 'UNSUPPORTED_MEDIA') {
    const why = new RegExp(`^${escapeRegExp(file.tmpPath)}: (.*)\\. Accepted: `, 's').exec(e.message)?.[1];
    const clean = (why ?? 'ffmpeg cannot read it as media').split(file.tmpPath).join(file.name);
    return new UnsupportedMedia(file.name, clean);
  }
  if (e.code === 'FILE_TOO_LARGE') return new FileTooLarge(file.name, file.bytes);
  return e;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** rename, or copy and delete where the media folder is on another file system. */
async function moveFile(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
    try {
      await copyFile(from, to, constants.COPYFILE_EXCL);
    } catch (copyError) {
      // A half-written copy is ours to remove; a file already there (EEXIST) is not.
      if ((copyError as NodeJS.ErrnoException).code !== 'EEXIST') await rm(to, { force: true });
      throw copyError;
    }
    await rm(from, { force: true });
  }
}
