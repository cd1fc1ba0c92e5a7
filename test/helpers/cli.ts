// The built CLI as a person runs it, and the 9:16 colour-bands clip the CLI tests edit.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { writeBandsClip } from './media.js';

export const BIN = resolve('bin/reelcut');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runReelcut(args: string[], cwd: string): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `clip.mp4` in `dir`: 360×640, red top third, green middle, blue bottom, 4 s with a 330 Hz tone. */
export function writeCliClip(dir: string): string {
  const path = join(dir, 'clip.mp4');
  writeBandsClip(path, { width: 360, heights: [214, 212, 214], colours: ['red', 'lime', 'blue'], seconds: 4, toneHz: 330 });
  return path;
}
