// A small music folder for the --music-dir tests: click tracks of known tempo in three formats,
// with title tags, in two folder levels, beside files that only look like music by name.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ffmpeg } from '../helpers/media.js';

export interface FolderTrack {
  file: string;
  title: string;
  bpm: number;
}

export const FOLDER_TRACKS: FolderTrack[] = [
  { file: 'slow-walk.wav', title: 'Slow Walk', bpm: 90 },
  { file: 'night_drive.m4a', title: 'Night Drive', bpm: 128 },
  { file: join('albums', 'morning.mp3'), title: 'Morning Coffee', bpm: 90 },
];

/** A click every beat: 50 ms decaying 1.5 kHz bursts from 0.25 s, as an aevalsrc graph. */
function clicks(bpm: number, seconds: number): string {
  const period = 60 / bpm;
  const phase = `mod(t+${period}-0.25,${period})`;
  const expr = `0.8*sin(2*PI*1500*t)*exp(-80*${phase})*lt(${phase},0.05)*gte(t,0.25)`;
  return `aevalsrc=${expr.replace(/,/g, '\\,')}:s=44100:d=${seconds}`;
}

/**
 * Writes the folder: the three tracks (10 s each), `fake.mp3` (text), `cover.mp3` that is really
 * a one-second video, and a hidden `.notes.mp3`. Returns its path.
 */
export function writeMusicFolder(dir: string): string {
  mkdirSync(join(dir, 'albums'), { recursive: true });
  for (const t of FOLDER_TRACKS) {
    ffmpeg(['-f', 'lavfi', '-i', clicks(t.bpm, 10), '-ac', '2', '-metadata', `title=${t.title}`, join(dir, t.file)]);
  }
  writeFileSync(join(dir, 'fake.mp3'), 'This is a shopping list, not a song.\n'.repeat(50));
  writeFileSync(join(dir, '.notes.mp3'), 'hidden');
  ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=64x64:r=10:d=1', '-f', 'lavfi', '-i', clicks(120, 1), '-shortest', '-c:v', 'libx264', '-c:a', 'aac', '-f', 'mp4', join(dir, 'cover.mp3')]);
  return dir;
}
