// Synthesising a track costs about 1.4 CPU-seconds per minute of music, paid again in every
// pass of every export. Each track is one loop, so it is rendered once into a small WAV in the
// user's cache and then looped by ffmpeg (`-stream_loop -1`), which costs next to nothing.
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** The cached loop's file name changes whenever the track's synthesis changes. */
export function loopFileName(track: Track): string {
  const hash = createHash('sha256').update(arrangementGraph(track.arrangement)).digest('hex').slice(0, 12);
  return `${track.id}-${hash}.wav`;
}

/**
 * Renders one loop of `track` into the cache if it is not there yet, and returns its path.
 * It keeps the SECOND pass of the loop: by then the track's filters (low-pass, echo) are in their
 * steady state, so the file's end joins its start without a click when looped.
 */
export async function ensureLoopFile(ffmpeg: string, track: Track, dir: string = join(cacheDir(), 'music')): Promise<string> {
  const path = join(dir, loopFileName(track));
  if (await stat(path).then((s) => s.size > 0).catch(() => false)) return path;
  await mkdir(dir, { recursive: true });
  const loop = loopSamples(track.bpm, MUSIC_SAMPLE_RATE);
  const tmp = `${path}.${randomBytes(4).toString('hex')}.tmp.wav`;
  try {
    await run(ffmpeg, [
      '-hide_banner', '-loglevel', 'error', '-y',
      '-f', 'lavfi', '-i', arrangementGraph(track.arrangement),
      '-af', [filter('atrim', { start_sample: loop, end_sample: 2 * loop }), filter('asetpts', { expr: 'N/SR/TB' })].join(','),
      '-c:a', 'pcm_f32le', '-f', 'wav', tmp,
    ]);
    await rename(tmp, path);
  } finally {
    await rm(tmp, { force: true });
  }
  return path;
}

/** Loops for every bundled track in `tracks`, by track id; a track whose loop could not be cached is left out (it is synthesised live). */
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
