// What a music-folder scan learned about each file, kept between scans in one small JSON file so
// that a folder of songs is analysed once, not on every edit. An entry is trusted only while the
// file's path, size and modification time are unchanged; anything else is measured again.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { cacheDir } from './loop-cache.js';

/** Bumped whenever what is measured (or how) changes, so old entries are measured again. */
export const SCAN_CACHE_VERSION = 1;

export interface FileStamp {
  size: number;
  mtime_ms: number;
}

/** A file that is music, as measured. */
export interface AudioFacts {
  audio: true;
  title: string;
  /** The title came from the file's tags, not its name. */
  title_from_tags?: boolean;
  /** From the file's tags when it has them. */
  artist?: string;
  genre?: string;
  duration_ms: number;
  /** 0 when no steady beat was found. */
  bpm: number;
  /** detectBeats' confidence, 0..1. */
  bpm_confidence: number;
  /** Integrated loudness of the analysed stretch (LUFS); absent when it could not be measured. */
  lufs?: number;
}

/** A file that is not music (not media, a video, unreadable), remembered so it is not probed again. */
export interface NotAudioFacts {
  audio: false;
  why: string;
}

export type FileFacts = AudioFacts | NotAudioFacts;

export interface CacheEntry extends FileStamp {
  facts: FileFacts;
}

export interface ScanCache {
  version: number;
  /** Absolute path → what was measured. */
  files: Record<string, CacheEntry>;
}

export function defaultScanCacheFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheDir(env), 'music-dir.json');
}

export function emptyCache(): ScanCache {
  return { version: SCAN_CACHE_VERSION, files: {} };
}

/** The cached facts for a file, only if it is the same file (size and mtime) as when measured. */
export function cachedFacts(cache: ScanCache, path: string, stamp: FileStamp): FileFacts | null {
  const e = cache.files[path];
  return e && e.size === stamp.size && e.mtime_ms === stamp.mtime_ms ? e.facts : null;
}

/** A missing, unreadable or outdated cache is an empty one: it only ever costs time. */
export async function readScanCache(file: string): Promise<ScanCache> {
  try {
    const raw = JSON.parse(await readFile(file, 'utf8')) as Partial<ScanCache>;
    if (raw.version !== SCAN_CACHE_VERSION || typeof raw.files !== 'object' || raw.files === null) return emptyCache();
    return { version: SCAN_CACHE_VERSION, files: raw.files };
  } catch {
    return emptyCache();
  }
}

/** Written beside itself and renamed, so a reader never sees half a file; failures are ignored. */
export async function writeScanCache(file: string, cache: ScanCache): Promise<boolean> {
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(tmp, JSON.stringify(cache));
    await rename(tmp, file);
    return true;
  } catch {
    await rm(tmp, { force: true }).catch(() => undefined);
    return false;
  }
}
