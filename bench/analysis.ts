// Speed of each analysis on a generated phone-like clip (1080x1920 30 fps, speech-like sound),
// against a plain decode of the same file run in this same invocation:
//   realtime factor = media seconds ÷ wall seconds; ratio = analysis time ÷ plain decode time.
// Also a 60 s loop of a bundled track for the beat detector, where the tempo is known.
// Usage: npx tsx bench/analysis.ts [--seconds 60 --rounds 2]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { detectBeats, detectScenes, detectSilences } from '../src/analysis/index.js';
import { measureLevels } from '../src/analysis/levels.js';
import { utimes } from 'node:fs/promises';
import { makePhoneSample } from '../src/demo/sample.js';
import { getFfmpeg } from '../src/media/index.js';
import { ensureLoopFile, requireTrack } from '../src/music/index.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '60' }, rounds: { type: 'string', default: '2' } } });
const SECONDS = Number(values.seconds);
const ROUNDS = Number(values.rounds);
const dir = resolve('bench/.out');
mkdirSync(dir, { recursive: true });

const ff = await getFfmpeg();
const sample = await makePhoneSample(ff.ffmpeg, join(dir, `phone-${SECONDS}s.mp4`), { durationS: SECONDS });
const track = requireTrack('electro');
const music = join(dir, `${track.id}-${SECONDS}s.wav`);
execFileSync(ff.ffmpeg, ['-v', 'error', '-y', '-stream_loop', '-1', '-i', await ensureLoopFile(ff.ffmpeg, track, join(dir, 'music')), '-t', String(SECONDS), music]);

function decode(path: string, extra: string[] = []): void {
  const r = spawnSync(ff.ffmpeg, ['-v', 'error', '-nostdin', '-i', path, ...extra, '-f', 'null', '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`decode failed: ${r.stderr.slice(-500)}`);
}

async function bestMs(fn: () => unknown): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < ROUNDS; i++) {
    const t = process.hrtime.bigint();
    await fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e6);
  }
  return best;
}

const rows: Array<[string, number, number]> = [];
async function measure(name: string, baselineMs: number, fn: () => unknown): Promise<void> {
  rows.push([name, await bestMs(fn), baselineMs]);
}

const decodeAll = await bestMs(() => decode(sample));
const decodeSound = await bestMs(() => decode(sample, ['-vn']));
const decodeMusic = await bestMs(() => decode(music));
let beatsFound = { bpm: 0, confidence: 0 };
await measure('plain decode (picture + sound)', decodeAll, () => decode(sample));
await measure('plain decode, sound only (-vn)', decodeAll, () => decode(sample, ['-vn']));
// Silences are remembered per file version: touching the file makes each round measure again.
await measure('detectSilences', decodeAll, async () => {
  const now = new Date();
  await utimes(sample, now, now);
  return detectSilences(sample, {}, ff);
});
await measure('measureLevels (pause edges of remove_silence)', decodeAll, () => measureLevels(sample, {}, ff));
await measure('detectBeats', decodeAll, () => detectBeats(sample, ff));
await measure('detectScenes', decodeAll, () => detectScenes(sample, ff));
await measure(`detectBeats on ${track.id} (wav)`, decodeMusic, async () => {
  beatsFound = await detectBeats(music, ff);
});

console.log(`\nanalysis: ${SECONDS} s 1080x1920 30 fps phone-like clip (best of ${ROUNDS}); ffmpeg ${ff.version} (${ff.source}), ${cpus().length} cores`);
console.log(`  plain decode of the clip: ${decodeAll.toFixed(0)} ms; sound only: ${decodeSound.toFixed(0)} ms; music wav: ${decodeMusic.toFixed(0)} ms\n`);
console.log('  what                                     ms   realtime   ÷ plain decode of the same file');
for (const [name, ms, base] of rows) {
  console.log(`  ${name.padEnd(36)} ${ms.toFixed(0).padStart(6)}   ${(SECONDS * 1000 / ms).toFixed(0).padStart(6)}x   ${(ms / base).toFixed(2)}`);
}
console.log(`\n  ${track.id}: ${beatsFound.bpm} BPM found (metadata ${track.bpm}), confidence ${beatsFound.confidence}`);
