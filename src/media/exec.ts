// The one place this module spawns a program: argv arrays only (never a shell), a time limit,
// and output collected as text. Kept tiny so everything around it stays pure.
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
  constructor(message: string, stderr: string, exitCode: number | null, spawnCode: string | null) {
    super(message);
    this.name = 'ExecFailed';
    this.stderr = stderr;
    this.exitCode = exitCode;
    this.spawnCode = spawnCode;
  }
}

export function execText(file: string, args: string[], timeoutMs = 30_000): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: timeoutMs, windowsHide: true },
      (error, stdout, stderr) => {
        if (!error) {
          resolve({ stdout, stderr });
          return;
        }
        const e = error as NodeJS.ErrnoException & { code?: string | number; killed?: boolean };
        const spawnCode = typeof e.code === 'string' ? e.code : null;
        const exitCode = typeof e.code === 'number' ? e.code : null;
        const why = e.killed ? `timed out after ${timeoutMs} ms` : spawnCode ?? `exit code ${exitCode ?? '?'}`;
        reject(new ExecFailed(`${file} failed (${why})`, stderr ?? '', exitCode, spawnCode));
      },
    );
  });
}

/** The last meaningful line of a program's stderr, for error messages. */
export function lastLine(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines[lines.length - 1] ?? '';
}
