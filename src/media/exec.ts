// Running a program to completion: argv arrays only (never a shell), a time limit, cancellation,
// and output collected as text. Kept tiny so everything around it stays pure; the media module
// and the speech recognisers (captions) spawn their short-lived programs through it.
import { execFile } from 'node:child_process';

export interface ExecResult {
  stdout: string;
  stderr: string;
}

export class ExecFailed extends Error {
  readonly stderr: string;
  readonly exitCode: number | null;
  /** The spawn error code (ENOENT, EACCES, ENOEXEC...) when the program did not start at all. */
  readonly spawnCode: string | null;
  /** Stopped because the caller's signal aborted. */
  readonly cancelled: boolean;
  constructor(message: string, stderr: string, exitCode: number | null, spawnCode: string | null, cancelled = false) {
    super(message);
    this.name = 'ExecFailed';
    this.stderr = stderr;
    this.exitCode = exitCode;
    this.spawnCode = spawnCode;
    this.cancelled = cancelled;
  }
}

export interface ExecOptions {
  signal?: AbortSignal;
  /** Most output kept (default 64 MB). */
  maxBuffer?: number;
}

export function execText(file: string, args: string[], timeoutMs = 30_000, opts: ExecOptions = {}): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      {
        encoding: 'utf8',
        maxBuffer: opts.maxBuffer ?? 64 * 1024 * 1024,
        timeout: timeoutMs,
        windowsHide: true,
        ...(opts.signal ? { signal: opts.signal } : {}),
      },
      (error, stdout, stderr) => {
        if (!error) {
          resolve({ stdout, stderr });
          return;
        }
        const e = error as NodeJS.ErrnoException & { code?: string | number; killed?: boolean };
        const cancelled = e.name === 'AbortError' || opts.signal?.aborted === true;
        const spawnCode = typeof e.code === 'string' && e.code !== 'ABORT_ERR' ? e.code : null;
        const exitCode = typeof e.code === 'number' ? e.code : null;
        const why = cancelled ? 'cancelled' : e.killed ? `timed out after ${timeoutMs} ms` : spawnCode ?? `exit code ${exitCode ?? '?'}`;
        reject(new ExecFailed(`${file} failed (${why})`, stderr ?? '', exitCode, spawnCode, cancelled));
      },
    );
  });
}

/** The last meaningful line of a program's stderr, for error messages. */
export function lastLine(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines[lines.length - 1] ?? '';
}
