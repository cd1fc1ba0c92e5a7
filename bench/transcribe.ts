// Speech recognition on ~30 s of generated speech (espeak-ng, ten phrases with pauses, over a
// faint noise floor), for each engine this machine has: realtime factor, time ÷ a plain ffmpeg
// decode of the same file (run in this same invocation), and word error rate against the script
// espeak-ng read. pocketsphinx hears espeak's voice badly: expect a high WER from it.
// Usage: npx tsx bench/transcribe.ts [-- --rounds 3]
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { asrServerConfigFromEnv, findSpeechEngine, OpenAiAsrEngine, transcribeMedia, type SpeechEngine } from '../src/captions/index.js';
import { ReelcutError } from '../src/errors.js';
import { getFfmpeg } from '../src/media/index.js';
import { writeSpokenPhrases } from '../test/captions/speech.js';

const SCRIPT = [
  'hello everyone and welcome back to my channel',
  'today we are going to the beach with my friends',
  'the weather is really nice and the water is warm',
  'first we stop for coffee in the old town',
  'then we walk along the river for an hour',
  'this is the best place to watch the sunset',
  'do not forget to like and subscribe',
  'let me know in the comments what you think',
  'i will see you in the next video',
  'thank you so much for watching',
];

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '2' } } });
const ROUNDS = Math.max(1, Number(values.rounds));
const dir = resolve('bench/.out/transcribe');
mkdirSync(dir, { recursive: true });

const ff = await getFfmpeg();
const wav = join(dir, 'speech-30s.wav');
writeSpokenPhrases(wav, dir, SCRIPT, { pauseMs: 600, leadMs: 500 });
const audioS = Number(
  spawnSync(ff.ffprobe, ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', wav], { encoding: 'utf8' }).stdout,
);

function engines(): SpeechEngine[] {
  const found: SpeechEngine[] = [];
  const server = asrServerConfigFromEnv(process.env);
  if (server) found.push(new OpenAiAsrEngine(server));
  for (const env of [{ ...process.env, REELCUT_ASR_URL: '' }, { ...process.env, REELCUT_ASR_URL: '', REELCUT_WHISPER_MODEL: '' }]) {
    try {
      const e = findSpeechEngine(env, ff);
      if (!found.some((f) => f.name === e.name)) found.push(e);
    } catch (e) {
      if (!(e instanceof ReelcutError)) throw e;
    }
  }
  return found;
}

async function bestMs(run: () => Promise<unknown> | unknown): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    await run();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

const normalise = (text: string): string[] =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}'\s]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);

/** Word error rate: word-level edit distance ÷ reference length. */
function wer(reference: string[], hypothesis: string[]): number {
  let prev = Array.from({ length: hypothesis.length + 1 }, (_, j) => j);
  for (let i = 1; i <= reference.length; i++) {
    const row = [i];
    for (let j = 1; j <= hypothesis.length; j++) {
      const sub = prev[j - 1]! + (reference[i - 1] === hypothesis[j - 1] ? 0 : 1);
      row.push(Math.min(sub, prev[j]! + 1, row[j - 1]! + 1));
    }
    prev = row;
  }
  return prev[hypothesis.length]! / reference.length;
}

const decodeMs = await bestMs(() => spawnSync(ff.ffmpeg, ['-hide_banner', '-nostats', '-i', wav, '-f', 'null', '-']));
const reference = normalise(SCRIPT.join(' '));

console.log(`\ntranscription: ${audioS.toFixed(1)} s of espeak-ng speech, ${reference.length} words (best of ${ROUNDS})`);
console.log(`  ffmpeg ${ff.version}, ${cpus().length} cores; plain decode of the file: ${decodeMs.toFixed(0)} ms`);
const found = engines();
if (found.length === 0) console.log('  no speech engine on this machine: nothing to measure');
for (const engine of found) {
  let words: string[] = [];
  const ms = await bestMs(async () => {
    const t = await transcribeMedia(wav, ff, engine, { language: 'en' });
    words = t.words.map((w) => w.text);
  });
  const hyp = normalise(words.join(' '));
  console.log(`  ${engine.name}:`);
  console.log(`    realtime factor:        ${((audioS * 1000) / ms).toFixed(1)}x (${ms.toFixed(0)} ms)`);
  console.log(`    time ÷ plain decode:    ${(ms / decodeMs).toFixed(0)}`);
  console.log(`    word error rate:        ${(wer(reference, hyp) * 100).toFixed(0)} % (${hyp.length} words heard)`);
  console.log(`    heard: ${hyp.slice(0, 24).join(' ')}${hyp.length > 24 ? ' …' : ''}`);
}
