// Finding the ffmpeg a render uses, once per process. Order:
//   1. REELCUT_FFMPEG (a path or a command name; the word `bundled` forces the npm static build),
//      with REELCUT_FFPROBE or the ffprobe next to it;
//   2. `ffmpeg` / `ffprobe` on PATH;
//   3. the static build in the optional npm packages @ffmpeg-installer / @ffprobe-installer.
// An explicit REELCUT_FFMPEG that points nowhere is an error, not a silent fall-back: a person
// who set it expects that binary to be used.
import { ReelcutError } from '../errors.js';
import { execText, ExecFailed, lastLine } from './exec.js';
import { capabilitiesFrom, parseListing, parseVersion } from './ffmpeg-capabilities.js';
import { bundledPath, findOnPath, resolveSetting, siblingFfprobe, type Candidate, type Tool } from './ffmpeg-locate.js';
import type { FfmpegCapabilities, FfmpegInfo } from './ffmpeg-types.js';

export interface FindFfmpegOptions {
  /** Environment to read REELCUT_FFMPEG, REELCUT_FFPROBE and PATH from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Use the npm-bundled static build first, whatever env and PATH say. */
  prefer?: 'bundled';
  /** Never use the npm-bundled build (to test what a machine without any ffmpeg is told). */
  skipBundled?: boolean;
}

export const INSTALL_HINT =
  'Install it with `sudo apt-get install ffmpeg` (Debian/Ubuntu) or `brew install ffmpeg` (macOS), ' +
  'or run `npm install` in the reelcut folder to get the bundled static build, ' +
  'or set REELCUT_FFMPEG (and REELCUT_FFPROBE) to the path of an ffmpeg binary.';

function missing(why: string, details?: Record<string, unknown>): ReelcutError {
  return new ReelcutError('FFMPEG_MISSING', `${why} ${INSTALL_HINT}`, details);
}

/** Turn a located candidate into a usable path, or say exactly what is wrong with it. */
function usable(c: Candidate, what: string): string {
  if (c.state === 'ok') return c.path;
  if (c.state === 'not-executable') {
    throw missing(
      `${what} exists at ${c.path} but is not executable (was npm install run with --ignore-scripts?). ` +
        `Fix it with \`chmod +x ${c.path}\`.`,
      { path: c.path },
    );
  }
  throw missing(`${what} not found at ${c.path}.`, { path: c.path });
}

interface Located {
  ffmpeg: string;
  ffprobe: string;
  source: FfmpegInfo['source'];
}

function locateBundled(tool: Tool, skip: boolean): Candidate | null {
  return skip ? null : bundledPath(tool);
}

/** ffprobe for a given ffmpeg: REELCUT_FFPROBE, then next to ffmpeg, PATH, bundled. */
function locateFfprobe(env: NodeJS.ProcessEnv, ffmpegPath: string, source: Located['source'], skipBundled: boolean): string {
  const setting = env.REELCUT_FFPROBE;
  if (setting) return usable(resolveSetting(setting, env.PATH), `REELCUT_FFPROBE is set, but ffprobe`);
  const bundled = locateBundled('ffprobe', skipBundled);
  // The bundled ffmpeg pairs with the bundled ffprobe; others prefer their own sibling.
  if (source === 'bundled' && bundled?.state === 'ok') return bundled.path;
  const found = siblingFfprobe(ffmpegPath) ?? findOnPath('ffprobe', env.PATH);
  if (found) return found;
  if (bundled) return usable(bundled, 'The bundled ffprobe');
  throw missing(`Found ffmpeg at ${ffmpegPath}, but not ffprobe, which comes with it.`);
}

export function locateFfmpeg(opts: FindFfmpegOptions = {}): Located {
  const env = opts.env ?? process.env;
  const skipBundled = opts.skipBundled === true;
  const setting = env.REELCUT_FFMPEG;

  if (opts.prefer === 'bundled' || setting === 'bundled') {
    const bundled = locateBundled('ffmpeg', skipBundled);
    if (!bundled) {
      throw missing(
        'The bundled static ffmpeg was asked for (REELCUT_FFMPEG=bundled), but the optional package ' +
          `@ffmpeg-installer/${process.platform}-${process.arch} is not installed.`,
      );
    }
    const ffmpeg = usable(bundled, 'The bundled ffmpeg');
    return { ffmpeg, ffprobe: locateFfprobe(env, ffmpeg, 'bundled', skipBundled), source: 'bundled' };
  }

  if (setting) {
    const ffmpeg = usable(resolveSetting(setting, env.PATH), `REELCUT_FFMPEG is set to "${setting}", but ffmpeg`);
    return { ffmpeg, ffprobe: locateFfprobe(env, ffmpeg, 'env', skipBundled), source: 'env' };
  }

  const onPath = findOnPath('ffmpeg', env.PATH);
  if (onPath) return { ffmpeg: onPath, ffprobe: locateFfprobe(env, onPath, 'path', skipBundled), source: 'path' };

  const bundled = locateBundled('ffmpeg', skipBundled);
  if (bundled) {
    const ffmpeg = usable(bundled, 'ffmpeg is not on PATH, and the bundled ffmpeg');
    return { ffmpeg, ffprobe: locateFfprobe(env, ffmpeg, 'bundled', skipBundled), source: 'bundled' };
  }
  throw missing('ffmpeg was not found: reelcut needs ffmpeg and ffprobe to read and render media.');
}

interface Detected {
  version: string;
  major: number;
  caps: FfmpegCapabilities;
}

async function runOrExplain(file: string, args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await execText(file, args, 30_000);
    return stdout + stderr;
  } catch (e) {
    if (e instanceof ExecFailed) {
      const detail = e.spawnCode ?? (lastLine(e.stderr) || `exit code ${e.exitCode ?? '?'}`);
      throw missing(`${file} could not be run (${detail}); it may be for another system or damaged.`, { path: file });
    }
    throw e;
  }
}

async function detect(ffmpeg: string, ffprobe: string): Promise<Detected> {
  const [versionText, filters, encoders] = await Promise.all([
    runOrExplain(ffmpeg, ['-hide_banner', '-version']),
    runOrExplain(ffmpeg, ['-hide_banner', '-filters']),
    runOrExplain(ffmpeg, ['-hide_banner', '-encoders']),
    runOrExplain(ffprobe, ['-hide_banner', '-version']),
  ]);
  const { version, major } = parseVersion(versionText);
  return { version, major, caps: capabilitiesFrom(parseListing(filters), parseListing(encoders)) };
}

// Detection spawns four processes; do it once per binary pair per process.
const detections = new Map<string, Promise<Detected>>();

function detectOnce(ffmpeg: string, ffprobe: string): Promise<Detected> {
  const key = `${ffmpeg}\n${ffprobe}`;
  let p = detections.get(key);
  if (!p) {
    p = detect(ffmpeg, ffprobe);
    const mine = p;
    // A failure may be fixed (chmod, install) and retried: forget it.
    p.catch(() => {
      if (detections.get(key) === mine) detections.delete(key);
    });
    detections.set(key, p);
  }
  return p;
}

/** Find ffmpeg and ffprobe and learn what they can do. Throws ReelcutError('FFMPEG_MISSING'). */
export async function findFfmpeg(opts: FindFfmpegOptions = {}): Promise<FfmpegInfo> {
  const located = locateFfmpeg(opts);
  const detected = await detectOnce(located.ffmpeg, located.ffprobe);
  return { ...located, ...detected, caps: { ...detected.caps } };
}

let cached: Promise<FfmpegInfo> | undefined;

/** The process's ffmpeg, found on first use from process.env and then reused. */
export function getFfmpeg(): Promise<FfmpegInfo> {
  if (!cached) {
    const p = findFfmpeg();
    p.catch(() => {
      if (cached === p) cached = undefined;
    });
    cached = p;
  }
  return cached;
}

/** Forget the process's ffmpeg (after the environment changed). */
export function resetFfmpegCache(): void {
  cached = undefined;
  detections.clear();
}
