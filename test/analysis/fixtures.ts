// Media the analysis tests measure, generated with the real espeak-ng, sox and ffmpeg.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ffmpeg } from '../helpers/media.js';

/** Duration in ms of an audio file, as sox reads it. */
export function soxDurationMs(path: string): number {
  return Math.round(Number(execFileSync('soxi', ['-D', path], { encoding: 'utf8' }).trim()) * 1000);
}

/** espeak-ng saying `words`, with its leading and trailing silence trimmed off by sox. */
export function spokenWords(dir: string, name: string, words: string): string {
  const raw = join(dir, `${name}-raw.wav`);
  const trimmed = join(dir, `${name}.wav`);
  execFileSync('espeak-ng', ['-w', raw, words]);
  execFileSync('sox', [raw, trimmed, 'silence', '1', '0.01', '0.1%', 'reverse', 'silence', '1', '0.01', '0.1%', 'reverse']);
  return trimmed;
}

export interface SpeechPauseSpeech {
  path: string;
  /** Where the pause starts and ends in the clip. */
  pauseStartMs: number;
  pauseEndMs: number;
  durationMs: number;
}

/** Words, `pauseMs` of digital silence, words: a 48 kHz WAV. */
export function speechPauseSpeech(dir: string, pauseMs: number): SpeechPauseSpeech {
  const first = spokenWords(dir, 'first', 'Welcome back to the channel everyone');
  const second = spokenWords(dir, 'second', 'today we are making a video');
  const path = join(dir, 'speech-pause-speech.wav');
  ffmpeg([
    '-i', first, '-i', second,
    '-filter_complex', `[0:a]apad=pad_dur=${pauseMs / 1000}[a];[a][1:a]concat=n=2:v=0:a=1,aresample=48000[o]`,
    '-map', '[o]', path,
  ]);
  const firstMs = soxDurationMs(first);
  return { path, pauseStartMs: firstMs, pauseEndMs: firstMs + pauseMs, durationMs: soxDurationMs(path) };
}

/**
 * A click every beat from `firstMs`: 50 ms decaying 1.5 kHz bursts, 44.1 kHz mono. Returns the
 * path and the true click times.
 */
export function clickTrack(dir: string, bpm: number, seconds: number, firstMs = 250, noise = 0): { path: string; clicksMs: number[] } {
  const period = 60 / bpm;
  const phase = `mod(t+${period}-${firstMs / 1000},${period})`;
  const expr = `0.8*sin(2*PI*1500*t)*exp(-80*${phase})*lt(${phase},0.05)*gte(t,${firstMs / 1000})`;
  const path = join(dir, `click-${bpm}${noise ? '-noisy' : ''}.wav`);
  const clicks = ['-f', 'lavfi', '-i', `aevalsrc=${expr.replace(/,/g, '\\,')}:s=44100:d=${seconds}`];
  if (noise > 0) {
    ffmpeg([...clicks, '-f', 'lavfi', '-i', `anoisesrc=a=${noise}:c=pink:d=${seconds}:r=44100`, '-filter_complex', '[0:a][1:a]amix=inputs=2:normalize=0', path]);
  } else {
    ffmpeg([...clicks, path]);
  }
  const clicksMs: number[] = [];
  for (let t = firstMs; t < seconds * 1000; t += period * 1000) clicksMs.push(t);
  return { path, clicksMs };
}
