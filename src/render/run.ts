// The one place that spawns ffmpeg for a render: progress from `-progress`, cancellation that
// kills the whole process tree, and output that appears at its final path only when complete.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ReelcutError } from '../errors.js';

export interface RenderProgress {
  /** 0..100, from output time over the plan's duration. */
  percent: number;
  /** Frames per second ffmpeg reports. */
  fps: number;
  /** Multiple of realtime (ffmpeg's `speed`). */
  speed: number;
  out_ms: number;
  /** Seconds left at the current pace; null until there is a pace. */
  eta_s: number | null;
}

export interface RunOptions {
  ffmpeg: string;
  args: string[];
  /** Output duration, to turn ffmpeg's out_time into a percentage. */
  durationMs: number;
  onProgress?: (p: RenderProgress) => void;
  signal?: AbortSignal;
  cwd?: string;
}

export interface RunResult {
  /** The end of ffmpeg's stderr, kept for error messages and notes. */
  stderrTail: string;
  wallMs: number;
}

const STDERR_KEEP = 16_000;

/** Parse one block of `-progress` key=value lines into a progress report. */
export function parseProgressBlock(block: Map<string, string>, durationMs: number, wallMs: number): RenderProgress {
  const outUs = Number(block.get('out_time_us') ?? block.get('out_time_ms') ?? 0);
  const out_ms = Number.isFinite(outUs) && outUs > 0 ? outUs / 1000 : 0;
  const fps = Number(block.get('fps') ?? 0) || 0;
  const speed = Number((block.get('speed') ?? '0').replace('x', '')) || 0;
  const done = block.get('progress') === 'end';
  const percent = done ? 100 : durationMs > 0 ? Math.min(99.9, (out_ms / durationMs) * 100) : 0;
  const eta_s = done ? 0 : out_ms > 0 ? ((durationMs - out_ms) / out_ms) * (wallMs / 1000) : null;
  return { percent, fps, speed, out_ms, eta_s: eta_s === null ? null : Math.max(0, eta_s) };
}

/** Runs ffmpeg to completion. Rejects with FFMPEG_FAILED (stderr's tail) or RENDER_CANCELLED. */
export function runFfmpeg(opts: RunOptions): Promise<RunResult> {
  const started = Date.now();
  const args = ['-nostdin', '-progress', 'pipe:1', '-nostats', ...opts.args];
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) {
      reject(new ReelcutError('RENDER_CANCELLED', 'The render was cancelled.'));
      return;
    }
    // detached: ffmpeg leads its own process group, so cancelling can kill it and anything it spawned.
    const child = spawn(opts.ffmpeg, args, { cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stderr = '';
    let pending = '';
    let block = new Map<string, string>();
    let cancelled = false;

    const kill = (): void => {
      cancelled = true;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    opts.signal?.addEventListener('abort', kill, { once: true });

    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl).trim();
        pending = pending.slice(nl + 1);
        const eq = line.indexOf('=');
        if (eq < 0) continue;
        const key = line.slice(0, eq);
        block.set(key, line.slice(eq + 1));
        if (key === 'progress') {
          opts.onProgress?.(parseProgressBlock(block, opts.durationMs, Date.now() - started));
          block = new Map();
        }
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_KEEP);
    });
    child.on('error', (err) => {
      opts.signal?.removeEventListener('abort', kill);
      reject(new ReelcutError('FFMPEG_MISSING', `Could not start ffmpeg (${opts.ffmpeg}): ${err.message}`));
    });
    child.on('close', (code, sig) => {
      opts.signal?.removeEventListener('abort', kill);
      if (cancelled) {
        reject(new ReelcutError('RENDER_CANCELLED', 'The render was cancelled.'));
      } else if (code === 0) {
        resolve({ stderrTail: stderr, wallMs: Date.now() - started });
      } else {
        reject(
          new ReelcutError('FFMPEG_FAILED', `ffmpeg failed (${sig ?? `exit ${code}`}): ${lastErrorLine(stderr)}`, {
            stderr: stderr.slice(-4000),
          }),
        );
      }
    });
  });
}

function lastErrorLine(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.slice(-3).join(' | ') || 'no error output';
}

/**
 * Writes through a temporary name beside the final path and renames only on success, so a
 * half-written file never sits at `outPath` (rename within one directory is atomic).
 */
export async function writeAtomically<T>(outPath: string, write: (tmpPath: string) => Promise<T>): Promise<T> {
  const tmp = join(dirname(outPath), `.${basename(outPath)}.${randomBytes(4).toString('hex')}.partial.mp4`);
  try {
    const result = await write(tmp);
    await rename(tmp, outPath);
    return result;
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
