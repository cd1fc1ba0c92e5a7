// Spoken test media made here and now: espeak-ng says each phrase, ffmpeg joins them with known
// silences, and ffmpeg's silencedetect measures where the speech really is. No vitest imports,
// so the benchmark uses it too.
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { FFMPEG, ffmpeg } from '../helpers/media.js';

export interface Burst {
  start_ms: number;
  end_ms: number;
}

/**
 * Writes `out` (16 kHz mono WAV): `leadMs` of silence, then each phrase followed by `pauseMs`
 * of silence (the last by `leadMs`), over a faint noise floor.
 */
export function writeSpokenPhrases(out: string, workDir: string, phrases: string[], opts: { pauseMs?: number; leadMs?: number } = {}): void {
  const pause = (opts.pauseMs ?? 1000) / 1000;
  const lead = (opts.leadMs ?? 500) / 1000;
  const inputs: string[] = [];
  phrases.forEach((text, i) => {
    const wav = join(workDir, `phrase-${i}.wav`);
    execFileSync('espeak-ng', ['-v', 'en-us', '-s', '160', '-w', wav, '--', text]);
    inputs.push('-i', wav);
  });
  const parts: string[] = [];
  const silence = (label: string, seconds: number): string =>
    `anullsrc=r=22050:cl=mono,atrim=duration=${seconds}[${label}]`;
  const graph: string[] = [silence('lead', lead)];
  parts.push('[lead]');
  phrases.forEach((_, i) => {
    graph.push(`[${i}:a]aformat=sample_rates=22050:channel_layouts=mono[p${i}]`);
    graph.push(silence(`g${i}`, i === phrases.length - 1 ? lead : pause));
    parts.push(`[p${i}]`, `[g${i}]`);
  });
  graph.push(`${parts.join('')}concat=n=${parts.length}:v=0:a=1[speech]`);
  // A room's noise floor (pink, about -50 dBFS): real recordings have one, and pocketsphinx's
  // noise tracking takes espeak's digital silence between phrases for something else.
  graph.push('anoisesrc=r=22050:amplitude=0.003:color=pink:seed=7[floor]');
  graph.push('[speech][floor]amix=inputs=2:duration=first:normalize=0[out]');
  ffmpeg([...inputs, '-filter_complex', graph.join(';'), '-map', '[out]', '-ac', '1', '-ar', '16000', '-c:a', 'pcm_s16le', out]);
}

/** Where the sound is louder than -40 dB, ignoring dips shorter than `minSilenceMs`. */
export function speechBursts(path: string, minSilenceMs = 300): Burst[] {
  const r = spawnSync(
    FFMPEG,
    ['-hide_banner', '-nostats', '-i', path, '-af', `silencedetect=noise=-40dB:duration=${minSilenceMs / 1000}`, '-f', 'null', '-'],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`silencedetect failed: ${r.stderr.slice(-400)}`);
  const duration = durationMs(r.stderr);
  const bursts: Burst[] = [];
  let start = 0;
  for (const m of r.stderr.matchAll(/silence_(start|end): (-?[\d.]+)/g)) {
    const t = Math.round(Number(m[2]) * 1000);
    if (m[1] === 'start') {
      if (t > start) bursts.push({ start_ms: start, end_ms: t });
      start = Number.POSITIVE_INFINITY;
    } else {
      start = t;
    }
  }
  if (start < duration) bursts.push({ start_ms: start, end_ms: duration });
  // silencedetect closes a silence that runs to the end of the file a few samples early.
  return bursts.filter((b) => b.end_ms - b.start_ms >= 50);
}

function durationMs(stderr: string): number {
  const m = /Duration: (\d+):(\d+):([\d.]+)/.exec(stderr);
  if (!m) throw new Error('no duration in ffmpeg output');
  return Math.round((Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])) * 1000);
}
