// The one place this module spawns a program: argv arrays only (never a shell), a time limit,
// cancellation, and output collected as text. Callers turn failures into a person's message.
import { execFile } from 'node:child_process';

export interface ProgramOutput {
  stdout: string;
  stderr: string;
}

export class ProgramFailed extends Error {
  constructor(
    message: string,
    readonly stderr: string,
    /** ENOENT, EACCES... when the program did not start at all. */
    readonly spawnCode: string | null,
    readonly cancelled: boolean,
    readonly timedOut: boolean,
  ) {
    super(message);
    this.name = 'ProgramFailed';
  }
}

export function runProgram(file: string, args: string[], opts: { timeoutMs: number; signal?: AbortSignal }): Promise<ProgramOutput> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      {
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
        timeout: opts.timeoutMs,
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
        const timedOut = !cancelled && e.killed === true;
        const spawnCode = typeof e.code === 'string' && e.code !== 'ABORT_ERR' ? e.code : null;
        const why = cancelled
          ? 'cancelled'
          : timedOut
            ? `timed out after ${Math.round(opts.timeoutMs / 1000)} s`
            : spawnCode ?? `exit code ${typeof e.code === 'number' ? e.code : '?'}`;
        reject(new ProgramFailed(`${file} failed (${why})`, stderr ?? '', spawnCode, cancelled, timedOut));
      },
    );
  });
}

/** The last line of a program's stderr that says something, for error messages. */
export function lastWords(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const telling = lines.filter((l) => /error|fail|cannot|invalid/i.test(l));
  return telling.at(-1) ?? lines.at(-1) ?? '';
}
