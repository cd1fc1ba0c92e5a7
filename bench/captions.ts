// What captions cost an export: the same 1080x1920 talking sample rendered with and without
// burned captions (classic, karaoke, bold), in this one invocation, so the ratio is what the
// libass pass adds. Transcription (the speech engine) is timed apart, once.
// Usage: npx tsx bench/captions.ts [-- --seconds 30 --rounds 2]
import { mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { prepareOperation } from '../src/analysis/index.js';
import { makePhoneSample } from '../src/demo/sample.js';
import { getFfmpeg, probeMedia, toMediaItem } from '../src/media/index.js';
import { renderTimeline } from '../src/render/index.js';
import { apply, createTimeline, type Timeline } from '../src/timeline/index.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '30' }, rounds: { type: 'string', default: '2' } } });
const SECONDS = Number(values.seconds);
const ROUNDS = Math.max(1, Number(values.rounds));
const dir = resolve('bench/.out/captions');
mkdirSync(dir, { recursive: true });

const ff = await getFfmpeg();
const sample = await makePhoneSample(ff.ffmpeg, join(dir, `talking-${SECONDS}s.mp4`), { durationS: SECONDS, speech: { espeakNg: 'espeak-ng' } });
const info = await probeMedia(sample, ff);
const media = new Map([['m1', info]]);
// Cropped to square, as in the seed's example: both exports re-encode the picture, so the ratio
// is the captions' own cost (an untouched Instagram-ready clip would be copied, not encoded).
const base: Timeline = apply(createTimeline([{ ...toMediaItem(info, 'm1', 'talking.mp4'), path: sample }]), { op: 'set_aspect', aspect: '1:1' });

const t0 = performance.now();
const [captioned] = await prepareOperation({ op: 'add_captions', source: 'speech' }, base, { ff, media });
const transcribeMs = performance.now() - t0;
const words = captioned?.op === 'add_captions' ? (captioned.words?.length ?? 0) : 0;

async function best(t: Timeline, name: string): Promise<number> {
  let ms = Infinity;
  for (let i = 0; i < ROUNDS; i++) {
    const r = await renderTimeline({ timeline: t, media, outPath: join(dir, `${name}.mp4`), ff });
    ms = Math.min(ms, r.wallMs);
  }
  return ms;
}

console.log(`captions bench: ${cpus().length} cores, load ${loadavg()[0]!.toFixed(2)}, ${SECONDS} s 1080x1920 talking sample, best of ${ROUNDS}`);
console.log(`transcription (${words} words heard): ${(transcribeMs / 1000).toFixed(1)} s, ${(SECONDS / (transcribeMs / 1000)).toFixed(1)}x realtime`);
const without = await best(base, 'plain');
console.log(`square export without captions   ${(without / 1000).toFixed(2)} s  (baseline)`);
for (const style of ['classic', 'karaoke', 'bold'] as const) {
  const t = apply(base, { ...captioned!, style } as never);
  const ms = await best(t, style);
  console.log(`square export, ${style.padEnd(8)} captions ${(ms / 1000).toFixed(2)} s  ratio ${(ms / without).toFixed(3)}`);
}
