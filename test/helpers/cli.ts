// The built CLI as a person runs it, and the 9:16 colour-bands clip the CLI tests edit.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { FFMPEG, FFPROBE, writeBandsClip } from './media.js';

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

/**
 * The same, without blocking: a long export run synchronously starves the test worker's
 * heartbeat (vitest then reports "Timeout calling onTaskUpdate").
 */
export function runReelcutAsync(args: string[], cwd: string, env: NodeJS.ProcessEnv = { ...process.env, CI: 'true' }): Promise<CliRun> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
      done({ code, stdout, stderr });
    });
  });
}

/** `clip.mp4` in `dir`: 360×640, red top third, green middle, blue bottom, 4 s with a 330 Hz tone. */
export function writeCliClip(dir: string): string {
  const path = join(dir, 'clip.mp4');
  writeBandsClip(path, { width: 360, heights: [214, 212, 214], colours: ['red', 'lime', 'blue'], seconds: 4, toneHz: 330 });
  return path;
}

/** The file a command name runs, found the way the shell finds it. */
function onPath(command: string): string {
  if (isAbsolute(command)) return command;
  const hit = (process.env.PATH ?? '').split(delimiter).map((d) => join(d, command)).find((p) => existsSync(p));
  if (!hit) throw new Error(`${command} is not on PATH`);
  return hit;
}

/**
 * The environment of a machine with Node and ffmpeg and nothing else: PATH is a folder (made in
 * `dir`) holding only node, ffmpeg and ffprobe, and reelcut's tool variables are unset. Speech
 * synthesis and recognition are absent there.
 */
export function bareMachineEnv(dir: string): NodeJS.ProcessEnv {
  const bin = join(dir, 'bare-bin');
  if (!existsSync(bin)) {
    mkdirSync(bin, { recursive: true });
    symlinkSync(process.execPath, join(bin, 'node'));
    symlinkSync(onPath(FFMPEG), join(bin, 'ffmpeg'));
    symlinkSync(onPath(FFPROBE), join(bin, 'ffprobe'));
  }
  const env: NodeJS.ProcessEnv = { ...process.env, CI: 'true', PATH: bin };
  for (const name of ['REELCUT_ASR_URL', 'REELCUT_WHISPER_MODEL', 'REELCUT_FFMPEG', 'REELCUT_FFPROBE']) delete env[name];
  return env;
}
