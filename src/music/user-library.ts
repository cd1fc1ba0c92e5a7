// A person's own music folder (`--music-dir`, REELCUT_MUSIC_DIR): every audio file in it, found by
// what the file holds rather than its name, with a title, a length and a measured tempo, so
// add_music's words ("something around 120 bpm", "chill", a song's title) can pick one of them.
// Measuring is the slow part; user-library-cache.ts keeps it to once a file.
import { open, readdir, stat } from 'node:fs/promises';
import { basename, extname, join, relative, resolve } from 'node:path';
import { cpus } from 'node:os';
import { detectBeats } from '../analysis/index.js';
import { ReelcutError } from '../errors.js';
import { execText } from '../media/exec.js';
import { parseEbur128Summary } from '../render/check-measure.js';
import { probeMedia, type FfmpegInfo } from '../media/index.js';
import { resolveMusicQuery, TRACKS, type Mood } from './library.js';
import {
  cachedFacts,
  defaultScanCacheFile,
  readScanCache,
  writeScanCache,
  type AudioFacts,
  type FileFacts,
} from './user-library-cache.js';

export interface UserTrack {
  /** Absolute path. */
  path: string;
  /** Path inside the scanned folder, for people. */
  file: string;
  title: string;
  title_from: 'tags' | 'file name';
  artist?: string;
  genre?: string;
  duration_ms: number;
  /** 0 when no steady beat was found. */
  bpm: number;
  bpm_confidence: number;
  /** 0 (calm) .. 1 (driving), from loudness and tempo; absent when neither could be measured. */
  energy?: number;
  /** From the genre tag when it names a mood the library knows, else guessed from tempo and energy. */
  mood: Mood | null;
  /** True when `mood` is a guess from tempo and energy, not something the file says. */
  mood_guessed: boolean;
}

export interface ScanOptions {
  /** The JSON cache (default: `<cache dir>/music-dir.json`). */
  cacheFile?: string;
  /** Folder levels below `dir` that are searched (default 4). */
  maxDepth?: number;
  /** Files looked at, at most (default 5000): a mistaken `--music-dir /` stays bounded. */
  maxFiles?: number;
  /** Called once for each file actually measured (not read from the cache). */
  onAnalyse?: (path: string) => void;
  env?: NodeJS.ProcessEnv;
}

export interface ScanResult {
  tracks: UserTrack[];
  /** Files looked at that are not music, with why. */
  skipped: Array<{ file: string; why: string }>;
  /** How many files were measured this time; the rest came from the cache. */
  analysed: number;
  from_cache: number;
}

/** The longest stretch measured for tempo and loudness; a song's middle minute says enough. */
const ANALYSE_MS = 60_000;
const INTRO_SKIP_MS = 30_000;

/**
 * Every audio file under `dir`, sorted by path. Files whose first bytes are no known audio or
 * container format are passed over without starting ffprobe; the rest are probed, and only those
 * with sound and no moving picture count.
 */
export async function scanMusicFolder(dir: string, ff: FfmpegInfo, opts: ScanOptions = {}): Promise<ScanResult> {
  const root = resolve(dir);
  const st = await stat(root).catch(() => null);
  if (!st?.isDirectory()) {
    throw new ReelcutError('FILE_NOT_FOUND', `The music folder ${root} does not exist or is not a folder. Check --music-dir / REELCUT_MUSIC_DIR.`, { dir: root });
  }
  const cacheFile = opts.cacheFile ?? defaultScanCacheFile(opts.env);
  const cache = await readScanCache(cacheFile);
  const files = await listFiles(root, opts.maxDepth ?? 4, opts.maxFiles ?? 5000);

  let analysed = 0;
  let fromCache = 0;
  const facts = new Map<string, FileFacts>();
  const seen = new Set<string>();
  await eachLimited(files, Math.max(1, Math.min(4, cpus().length)), async (path) => {
    const s = await stat(path).catch(() => null);
    if (!s) return;
    const stamp = { size: s.size, mtime_ms: Math.round(s.mtimeMs) };
    seen.add(path);
    const hit = cachedFacts(cache, path, stamp);
    if (hit) {
      fromCache++;
      facts.set(path, hit);
      return;
    }
    analysed++;
    opts.onAnalyse?.(path);
    const measured = await measureFile(path, s.size, ff);
    facts.set(path, measured);
    cache.files[path] = { ...stamp, facts: measured };
  });

  // Entries for files of this folder that are gone would only grow the cache.
  for (const p of Object.keys(cache.files)) {
    if (!seen.has(p) && !relative(root, p).startsWith('..')) delete cache.files[p];
  }
  if (analysed > 0 || fromCache !== Object.keys(cache.files).length) await writeScanCache(cacheFile, cache);

  const tracks: UserTrack[] = [];
  const skipped: ScanResult['skipped'] = [];
  for (const path of [...facts.keys()].sort()) {
    const f = facts.get(path)!;
    const file = relative(root, path);
    if (f.audio) tracks.push(describeUserTrack(path, file, f));
    else skipped.push({ file, why: f.why });
  }
  return { tracks, skipped, analysed, from_cache: fromCache };
}

/** A measured file as the resolver sees it: a title, an energy figure and a mood (known or guessed). */
export function describeUserTrack(path: string, file: string, f: AudioFacts): UserTrack {
  const energy = energyOf(f.lufs, f.bpm_confidence >= MIN_TEMPO_CONFIDENCE ? f.bpm : 0);
  const known = f.genre ? resolveMusicQuery(f.genre)?.mood ?? null : null;
  const guessed = known ? null : guessMood(f.bpm_confidence >= MIN_TEMPO_CONFIDENCE ? f.bpm : 0, energy);
  return {
    path,
    file,
    title: f.title,
    title_from: f.title_from_tags ? 'tags' : 'file name',
    ...(f.artist ? { artist: f.artist } : {}),
    ...(f.genre ? { genre: f.genre } : {}),
    duration_ms: f.duration_ms,
    bpm: f.bpm,
    bpm_confidence: f.bpm_confidence,
    ...(energy !== undefined ? { energy } : {}),
    mood: known ?? guessed,
    mood_guessed: !known && guessed !== null,
  };
}

/** Below this, detectBeats found no steady pulse worth quoting (speech, ambient pads). */
export const MIN_TEMPO_CONFIDENCE = 0.3;

/**
 * A rough 0..1 drive figure: loud, dense masters and fast tempi read as energetic. Loudness maps
 * −26 LUFS → 0 and −8 LUFS → 1; tempo maps 60 → 0 and 140 bpm → 1; each counts half when both are known.
 */
export function energyOf(lufs: number | undefined, bpm: number): number | undefined {
  const parts: number[] = [];
  if (lufs !== undefined && Number.isFinite(lufs)) parts.push(clamp01((lufs + 26) / 18));
  if (bpm > 0) parts.push(clamp01((bpm - 60) / 80));
  if (!parts.length) return undefined;
  return Math.round((parts.reduce((a, b) => a + b, 0) / parts.length) * 100) / 100;
}

/**
 * The bundled mood whose tempo and energy are nearest: a guess, for files that say nothing about
 * themselves. Null without a tempo (energy alone says too little).
 */
export function guessMood(bpm: number, energy: number | undefined): Mood | null {
  if (bpm <= 0) return null;
  let best: { mood: Mood; d: number } | null = null;
  for (const t of TRACKS) {
    const d = Math.abs(t.bpm - bpm) / 20 + (energy === undefined ? 0 : Math.abs(t.energy - energy) / 0.25);
    if (!best || d < best.d) best = { mood: t.mood, d };
  }
  return best?.mood ?? null;
}

/** "03 - Night_Drive.mp3" → "Night Drive". */
export function titleFromFileName(path: string): string {
  const stem = basename(path, extname(path));
  const words = stem.replace(/[_]+/g, ' ').replace(/^\s*\d{1,3}\s*[-.)]\s*/, '').replace(/\s+/g, ' ').trim();
  return words || stem;
}

/**
 * Whether a file's first bytes are an audio or audio-video container ffmpeg could read as music.
 * Cheap enough to run on every file of a folder full of photos and documents.
 */
export function looksLikeAudio(head: Uint8Array): boolean {
  const ascii = (at: number, s: string): boolean => [...s].every((c, i) => head[at + i] === c.charCodeAt(0));
  if (head.length < 4) return false;
  if (ascii(0, 'ID3')) return true; // MP3 (and AAC/FLAC) with an ID3v2 tag
  if ((head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0)) return true; // MPEG audio or ADTS AAC frame sync
  if (ascii(0, 'RIFF') && (ascii(8, 'WAVE') || ascii(8, 'RF64'))) return true;
  if (ascii(0, 'RF64') || ascii(0, 'BW64')) return true;
  if (ascii(4, 'ftyp')) return true; // MP4 family: m4a, mp4, mov (probing tells audio from video)
  if (ascii(0, 'fLaC') || ascii(0, 'OggS') || ascii(0, 'FORM') || ascii(0, 'caff') || ascii(0, 'MAC ') || ascii(0, 'wvpk')) return true;
  if (ascii(0, '#!AMR') || ascii(0, '.snd') || ascii(0, 'DSD ') || ascii(0, 'MPCK') || ascii(0, 'MP+')) return true;
  if (head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) return true; // Matroska / WebM
  if (head[0] === 0x30 && head[1] === 0x26 && head[2] === 0xb2 && head[3] === 0x75) return true; // ASF (wma)
  if (head[0] === 0x0b && head[1] === 0x77) return true; // AC-3
  return false;
}

async function listFiles(root: string, maxDepth: number, maxFiles: number): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (out.length >= maxFiles) return;
      // Hidden files are app droppings (.DS_Store, ._x.mp3 resource forks), not music.
      if (e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      // Folder links are not followed: a link back up would loop forever.
      if (e.isDirectory()) {
        if (depth < maxDepth) await walk(p, depth + 1);
      } else if (e.isFile() || (e.isSymbolicLink() && (await stat(p).then((s) => s.isFile()).catch(() => false)))) {
        out.push(p);
      }
    }
  };
  await walk(root, 0);
  return out;
}

async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

async function readHead(path: string): Promise<Uint8Array> {
  const f = await open(path, 'r');
  try {
    const buf = Buffer.alloc(16);
    const { bytesRead } = await f.read(buf, 0, 16, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await f.close();
  }
}

/** Everything the scan learns about one file; only a missing ffmpeg is an error, any other failure says why the file is not music. */
async function measureFile(path: string, size: number, ff: FfmpegInfo): Promise<FileFacts> {
  if (size === 0) return { audio: false, why: 'empty file' };
  const head = await readHead(path).catch(() => null);
  if (!head) return { audio: false, why: 'cannot be read' };
  if (!looksLikeAudio(head)) return { audio: false, why: 'not an audio file (by its content)' };
  let info;
  try {
    info = await probeMedia(path, ff);
  } catch (e) {
    if (e instanceof ReelcutError && e.code === 'FFMPEG_MISSING') throw e;
    return { audio: false, why: e instanceof ReelcutError ? e.message : 'ffprobe cannot read it' };
  }
  if (info.kind !== 'audio') return { audio: false, why: `it is ${info.kind === 'image' ? 'an image' : 'a video'}, not music` };
  const tags = await readTags(ff.ffprobe, path);
  const start = info.duration_ms > ANALYSE_MS + INTRO_SKIP_MS ? INTRO_SKIP_MS : 0;
  const window = { startMs: start, durationMs: Math.min(ANALYSE_MS, info.duration_ms) };
  const beats = await detectBeats(path, ff, window).catch(() => ({ bpm: 0, confidence: 0 }));
  const lufs = await loudness(ff.ffmpeg, path, window.startMs, window.durationMs);
  const fromFile = titleFromFileName(path);
  return {
    audio: true,
    title: tags.title || fromFile,
    ...(tags.title ? { title_from_tags: true } : {}),
    ...(tags.artist ? { artist: tags.artist } : {}),
    ...(tags.genre ? { genre: tags.genre } : {}),
    duration_ms: info.duration_ms,
    bpm: beats.bpm,
    bpm_confidence: beats.confidence,
    ...(lufs !== undefined ? { lufs } : {}),
  };
}

/** Title, artist and genre from the container's tags or, for Ogg/FLAC, the stream's comments. */
async function readTags(ffprobe: string, path: string): Promise<{ title?: string; artist?: string; genre?: string }> {
  try {
    const { stdout } = await execText(ffprobe, ['-v', 'error', '-of', 'json', '-show_entries', 'format_tags:stream_tags', '-i', `file:${path}`], 30_000);
    const json = JSON.parse(stdout) as { format?: { tags?: Record<string, string> }; streams?: Array<{ tags?: Record<string, string> }> };
    const all = [json.format?.tags ?? {}, ...(json.streams ?? []).map((s) => s.tags ?? {})];
    const pick = (key: string): string | undefined => {
      for (const tags of all) {
        for (const [k, v] of Object.entries(tags)) if (k.toLowerCase() === key && typeof v === 'string' && v.trim()) return v.trim().slice(0, 200);
      }
      return undefined;
    };
    const out: { title?: string; artist?: string; genre?: string } = {};
    const title = pick('title');
    const artist = pick('artist');
    const genre = pick('genre');
    if (title) out.title = title;
    if (artist) out.artist = artist;
    if (genre) out.genre = genre;
    return out;
  } catch {
    return {};
  }
}

/** Integrated loudness (LUFS) of a stretch of the file, from ffmpeg's EBU R128 meter; undefined if it cannot be had. */
async function loudness(ffmpeg: string, path: string, startMs: number, durationMs: number): Promise<number | undefined> {
  const args = ['-hide_banner', '-nostdin', '-nostats'];
  if (startMs > 0) args.push('-ss', (startMs / 1000).toFixed(3));
  args.push('-t', (durationMs / 1000).toFixed(3), '-i', `file:${path}`, '-map', '0:a:0', '-af', 'ebur128=framelog=verbose', '-f', 'null', '-');
  try {
    const { stderr } = await execText(ffmpeg, args, 120_000);
    const v = parseEbur128Summary(stderr).integrated_lufs;
    // −70 is the meter's floor: silence, not a loudness.
    return v !== null && v > -70 ? v : undefined;
  } catch {
    return undefined;
  }
}

function clamp01(x: number): number {
  return Math.max(0, Math.min(1, x));
}
