// Where an ffmpeg/ffprobe binary lives: a command looked up on PATH, a path given in an env
// var, or the static build shipped in the optional npm packages @ffmpeg-installer/<platform>
// and @ffprobe-installer/<platform>. Only file-system checks here; nothing is run.
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';

export type Tool = 'ffmpeg' | 'ffprobe';

/** What a file-system check found at one candidate path. */
export type Candidate =
  | { state: 'ok'; path: string }
  | { state: 'not-executable'; path: string }
  | { state: 'missing'; path: string };

const EXE = process.platform === 'win32' ? '.exe' : '';

export function checkCandidate(path: string): Candidate {
  try {
    if (!statSync(path).isFile()) return { state: 'missing', path };
  } catch {
    return { state: 'missing', path };
  }
  try {
    accessSync(path, constants.X_OK);
    return { state: 'ok', path };
  } catch {
    return { state: 'not-executable', path };
  }
}

/** First executable `name` in the PATH list, as an absolute path; null when none. */
export function findOnPath(name: string, pathList: string | undefined): string | null {
  for (const dir of (pathList ?? '').split(delimiter)) {
    if (!dir) continue; // an empty entry would mean the working directory: never trust that
    const c = checkCandidate(join(dir, name + EXE));
    if (c.state === 'ok') return resolve(c.path);
  }
  return null;
}

/**
 * An env var's value: a path (anything with a slash) is checked as it is, relative to the working
 * directory; a bare name ("ffmpeg") is looked up on PATH.
 */
export function resolveSetting(value: string, pathList: string | undefined): Candidate {
  if (isAbsolute(value) || value.includes('/') || value.includes('\\')) return checkCandidate(resolve(value));
  const found = findOnPath(value, pathList);
  return found ? { state: 'ok', path: found } : { state: 'missing', path: value };
}

const requireHere = createRequire(import.meta.url);

/** The npm-shipped static binary's path, whether or not it is executable; null when not installed. */
export function bundledPath(tool: Tool): Candidate | null {
  const pkg = `@${tool}-installer/${process.platform}-${process.arch}/package.json`;
  let dir: string;
  try {
    dir = dirname(requireHere.resolve(pkg));
  } catch {
    return null;
  }
  const c = checkCandidate(join(dir, tool + EXE));
  return c.state === 'missing' ? null : c;
}

/** The ffprobe that sits next to a given ffmpeg (same folder), when there is one. */
export function siblingFfprobe(ffmpegPath: string): string | null {
  if (!isAbsolute(ffmpegPath)) return null;
  const c = checkCandidate(join(dirname(ffmpegPath), 'ffprobe' + EXE));
  return c.state === 'ok' ? c.path : null;
}
