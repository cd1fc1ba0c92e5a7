// Synthesising a track costs a few CPU-seconds per minute of music (`npm run bench:music`), paid
// again in every pass of every export. Each track is one piece of 60–120 s that repeats, so one
// pass of it is rendered once into a WAV in the user's cache (32-bit float stereo, 25–40 MB) and then
// looped by ffmpeg (`-stream_loop -1`), which costs next to nothing.
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { filter } from '../render/filtergraph.js';
import type { Track } from './library.js';
import { arrangementGraph, loopSamples, MUSIC_SAMPLE_RATE } from './synth.js';

const run = promisify(execFile);

/** `REELCUT_CACHE_DIR`, else `$XDG_CACHE_HOME/reelcut`, else `~/.cache/reelcut`. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.REELCUT_CACHE_DIR) return env.REELCUT_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || join(homedir() || tmpdir(), '.cache');
  return join(base, 'reelcut');
}

/** How the cached pass is stored; part of the file name, so a change of format is a new file. */
const CACHE_CODEC = 'pcm_f32le';

/** The cached loop's file name changes whenever the track's synthesis (or the file's format) changes. */
export function loopFileName(track: Track): string {
  const hash = createHash('sha256').update(`${CACHE_CODEC}\n${arrangementGraph(track.arrangement)}`).digest('hex').slice(0, 12);
  return `${track.id}-${hash}.wav`;
}

/** A render holding the lock longer than this is taken for dead (a crashed process), and its lock for stale. */
const STALE_LOCK_MS = 120_000;

/**
 * Renders one pass of `track`'s piece into the cache if it is not there yet, and returns its path.
 * It keeps the SECOND pass of the piece: by then the track's filters (low-pass, echo) are in their
 * steady state, so the file's end joins its start without a click when looped.
 * A piece costs seconds to render, so callers (in this process or another: a render and a beat
 * sync, parallel test files) asking at once render it once: one holds `<file>.lock`, the others
 * wait for its file.
 */
export async function ensureLoopFile(ffmpeg: string, track: Track, dir: string = join(cacheDir(), 'music')): Promise<string> {
  const path = join(dir, loopFileName(track));
  if (await ready(path)) return path;
  let pending = inFlight.get(path);
  if (!pending) {
    pending = renderOnce(ffmpeg, track, path).finally(() => inFlight.delete(path));
    inFlight.set(path, pending);
  }
  return pending;
}

const inFlight = new Map<string, Promise<string>>();

async function ready(path: string): Promise<boolean> {
  return stat(path).then((s) => s.size > 0).catch(() => false);
}

async function renderOnce(ffmpeg: string, track: Track, path: string): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  const lock = `${path}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    const held = await open(lock, 'wx').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'EEXIST') return null;
      throw err;
    });
    if (held) {
      try {
        if (!(await ready(path))) await render(ffmpeg, track, path);
        return path;
      } finally {
        await held.close();
        await rm(lock, { force: true });
      }
    }
    // Another render holds it: wait for its file, or for it to give up (or die), then try again.
    for (;;) {
      if (await ready(path)) return path;
      const since = await stat(lock).then((s) => Date.now() - s.mtimeMs).catch(() => null);
      if (since === null) break;
      if (since > STALE_LOCK_MS) {
        await rm(lock, { force: true });
        break;
      }
      await delay(100);
    }
  }
  // The lock kept changing hands without a file appearing: render without it.
  await render(ffmpeg, track, path);
  return path;
}

async function render(ffmpeg: string, track: Track, path: string): Promise<void> {
  const loop = loopSamples(track.arrangement, MUSIC_SAMPLE_RATE);
  const tmp = `${path}.${randomBytes(4).toString('hex')}.tmp.wav`;
  try {
    await run(ffmpeg, [
      '-hide_banner', '-loglevel', 'error', '-y',
      '-f', 'lavfi', '-i', arrangementGraph(track.arrangement),
      '-af', [filter('atrim', { start_sample: loop, end_sample: 2 * loop }), filter('asetpts', { expr: 'N/SR/TB' })].join(','),
      '-c:a', CACHE_CODEC, '-f', 'wav', tmp,
    ]);
    await rename(tmp, path);
  } finally {
    await rm(tmp, { force: true });
  }
  await removeOlderVersions(track, path);
}

/** Files of earlier syntheses of the track (each tens of MB) are never read again. */
async function removeOlderVersions(track: Track, current: string): Promise<void> {
  const dir = dirname(current);
  const mine = new RegExp(`^${track.id.replace(/[^a-z0-9]/gi, (c) => `\\${c}`)}-[0-9a-f]{12}\\.wav$`);
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => mine.test(n) && join(dir, n) !== current).map((n) => rm(join(dir, n), { force: true })));
}

/** Cached pieces for every bundled track in `tracks`, by track id; a track whose loop could not be cached is left out (it is synthesised live). */
export async function ensureLoopFiles(ffmpeg: string, tracks: Track[], dir?: string): Promise<Map<string, string>> {
  const loops = new Map<string, string>();
  for (const track of tracks) {
    try {
      loops.set(track.id, await ensureLoopFile(ffmpeg, track, dir));
    } catch {
      // A read-only or full cache only costs speed: the track is synthesised in the render instead.
    }
  }
  return loops;
}
