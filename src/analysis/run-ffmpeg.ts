// The one place this module spawns ffmpeg: argv arrays only (never a shell), stdout kept as
// bytes (decoded PCM comes back through it), stderr as text (the measuring filters print there).
import { spawn } from 'node:child_process';
import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { ReelcutError, UnsupportedMedia } from '../errors.js';

export interface FfmpegOutput {
  stdout: Buffer;
  stderr: string;
}

/** An analysis needs only the ffmpeg binary; `getFfmpeg()` from media gives it. */
export interface AnalysisFfmpeg {
  ffmpeg: string;
}

/** Fails early with FILE_NOT_FOUND, so a typo is not reported as an ffmpeg failure; the file's stats otherwise. */
export async function requireFile(path: string): Promise<Stats> {
  const st = await stat(path).catch(() => null);
  if (!st) throw new ReelcutError('FILE_NOT_FOUND', `${path} does not exist. Check the name and the folder.`, { file: path });
  if (!st.isFile()) throw new UnsupportedMedia(path, 'it is a folder or device, not a media file');
  return st;
}

function lastLines(text: string, n = 3): string {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).slice(-n).join(' | ');
}

export interface RunFor {
  /** The file analysed, for messages. */
  path: string;
  /** The analysis, for messages ("silence detection"). */
  what: string;
  /** What the analysis reads from the file. */
  needs: 'sound' | 'picture';
  timeoutMs?: number;
}

/**
 * Runs ffmpeg to completion.
 * A missing stream of the kind asked for is the media's fault, not ffmpeg's: it becomes
 * UNSUPPORTED_MEDIA so the person is told the file has no sound (or picture).
 */
export function runFfmpeg(ffmpeg: string, args: string[], run: RunFor): Promise<FfmpegOutput> {
  const { path, what, needs } = run;
  const timeoutMs = run.timeoutMs ?? 10 * 60_000;
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, ['-hide_banner', '-nostdin', ...args], { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new ReelcutError('FFMPEG_MISSING', `${ffmpeg} could not be started for ${what} (${e.code ?? e.message}).`, { path: ffmpeg }));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stderr = Buffer.concat(err).toString('utf8');
      if (code === 0) {
        resolve({ stdout: Buffer.concat(out), stderr });
        return;
      }
      if (/matches no streams|does not contain any stream/i.test(stderr)) {
        reject(new UnsupportedMedia(path, `it has no ${needs} for ${what}`));
        return;
      }
      const why = signal ? `stopped by ${signal}${signal === 'SIGKILL' ? ` after ${timeoutMs} ms` : ''}` : `exit code ${code}`;
      reject(new ReelcutError('FFMPEG_FAILED', `ffmpeg could not read ${path} for ${what} (${why}): ${lastLines(stderr)}`, { file: path }));
    });
  });
}

/**
 * The input part of the command: read `path` over [startMs, startMs + durationMs) only; times the
 * filters print are then relative to startMs. `file:` keeps a name like "concat:a|b" or "-x.mp4"
 * from being read as a protocol or an option.
 */
export function inputArgs(path: string, startMs: number | undefined, durationMs: number | undefined): string[] {
  const args: string[] = [];
  if (startMs !== undefined && startMs > 0) args.push('-ss', (startMs / 1000).toFixed(3));
  if (durationMs !== undefined) args.push('-t', (durationMs / 1000).toFixed(3));
  return [...args, '-i', `file:${path}`];
}

/**
 * A file's first sound stream over [startMs, startMs + durationMs) as mono 16-bit PCM at
 * `sampleRate`: what the detectors that listen in TypeScript (beats, levels) start from.
 */
export async function decodeMonoPcm(
  path: string,
  window: { startMs?: number; durationMs?: number },
  sampleRate: number,
  what: string,
  ff: AnalysisFfmpeg,
): Promise<Int16Array> {
  const { stdout } = await runFfmpeg(
    ff.ffmpeg,
    ['-nostats', '-loglevel', 'error', ...inputArgs(path, window.startMs, window.durationMs), '-map', '0:a:0', '-ac', '1', '-ar', String(sampleRate), '-f', 's16le', 'pipe:1'],
    { path, what, needs: 'sound' },
  );
  const n = stdout.length >> 1;
  // Read in place where the bytes are aligned (every little-endian machine Node runs on).
  return stdout.byteOffset % 2 === 0 ? new Int16Array(stdout.buffer, stdout.byteOffset, n) : Int16Array.from({ length: n }, (_, i) => stdout.readInt16LE(2 * i));
}
