// The reference edit, timed against baselines run in this same invocation:
//   60 s 1080x1920 30 fps phone-like clip with audio → 1:1 fill, BGM at 35 %, title 0–3 s, fade out.
// Prints: realtime factor; time ÷ a plain decode of the same file; time ÷ one hand-written ffmpeg
// command doing the same edit at x264 veryfast crf 20; SSIM of both outputs against the same
// graph's uncompressed frames (what a lossless encode holds); peak RSS of the reelcut process.
// Usage: npm run bench:render [-- --seconds 60 --rounds 2]
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { makePhoneSample } from '../src/demo/sample.js';
import { getFfmpeg, probeMedia, toMediaItem } from '../src/media/index.js';
import { compileRenderPlan } from '../src/render/compile.js';
import { musicInput, resolveMusicQuery } from '../src/music/index.js';
import { apply, createTimeline, type Timeline } from '../src/timeline/index.js';
import type { Operation } from '../src/operations/index.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '60' }, rounds: { type: 'string', default: '2' } } });
const SECONDS = Number(values.seconds);
const ROUNDS = Number(values.rounds);
const dir = resolve('bench/.out');
mkdirSync(dir, { recursive: true });

const ff = await getFfmpeg();
const sample = await makePhoneSample(ff.ffmpeg, join(dir, `phone-${SECONDS}s.mp4`), { durationS: SECONDS });
const info = await probeMedia(sample, ff);

const REFERENCE_EDIT: Operation[] = [
  { op: 'set_aspect', aspect: '1:1', fit: 'fill' },
  { op: 'add_music', query: 'lofi', volume: 0.35 },
  { op: 'add_text', text: 'Urban Dreams', start_ms: 0, end_ms: 3000 },
  { op: 'fade', direction: 'out', duration_ms: 1000, target: 'both' },
] as Operation[];

let timeline: Timeline = createTimeline([{ ...toMediaItem(info, 'm1', 'phone.mp4'), path: sample }]);
for (const op of REFERENCE_EDIT) timeline = apply(timeline, op);
const timelinePath = join(dir, 'reference-timeline.json');
writeFileSync(timelinePath, JSON.stringify(timeline, null, 2));

function timeCommand(cmd: string, args: string[], cwd = dir): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr?.slice(-2000)}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** Runs the reelcut CLI as its own process, sampling its peak resident memory (VmHWM). */
async function timeReelcut(out: string, timelineFile = timelinePath): Promise<{ ms: number; renderMs: number; peakRssMb: number; checkOk: boolean }> {
  const t = process.hrtime.bigint();
  const child = spawn(process.execPath, [resolve('bin/reelcut'), 'render', timelineFile, '-o', out, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let peakKb = 0;
  const poll = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {
      /* the process has just exited */
    }
  }, 50);
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((r) => child.on('close', r));
  clearInterval(poll);
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (code !== 0 && code !== 1) throw new Error(`reelcut failed (${code}): ${stderr.slice(-2000)}`);
  const result = JSON.parse(stdout) as { wall_ms: number; check: { ok: boolean } };
  return { ms, renderMs: result.wall_ms, peakRssMb: peakKb / 1024, checkOk: result.check.ok };
}

// The same edit as one command a person would write by hand: same title file, same music source.
const plan = compileRenderPlan(timeline, new Map([['m1', info]]), ff);
for (const f of plan.files) writeFileSync(join(dir, f.name), f.content);
const track = resolveMusicQuery('lofi');
if (!track) throw new Error('no lofi track');
const music = musicInput(track, SECONDS * 1000);
const fadeStart = SECONDS - 1;
const assFile = plan.files.find((f) => f.name.endsWith('.ass'))?.name;
const handGraph = [
  `[0:v]crop=1080:1080:0:420${assFile ? `,ass=${assFile}:fontsdir=/usr/share/fonts` : ''},fade=t=out:st=${fadeStart}:d=1,format=yuv420p[v]`,
  `[1:a]volume=0.35[m]`,
  `[0:a][m]amix=inputs=2:duration=first${ff.major >= 5 ? ':normalize=0' : ''},afade=t=out:st=${fadeStart}:d=1,loudnorm=I=-14:TP=-1.5,aresample=48000[a]`,
].join(';');
const handArgs = (out: string): string[] => [
  '-hide_banner', '-y', '-i', sample, ...music.before, '-i', music.path,
  '-filter_complex', handGraph, '-map', '[v]', '-map', '[a]',
  '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p',
  '-c:a', 'aac', '-b:a', '192k', '-aac_is', '0', '-ar', '48000', '-ac', '2', '-movflags', '+faststart', out,
];

/** SSIM (All) of an encoded file against the reelcut graph's own uncompressed output. */
function ssimAgainstGraph(encoded: string): number {
  const n = plan.inputs.length;
  const args = [
    '-hide_banner', '-nostats',
    ...plan.inputs.flatMap((i) => [...i.before, '-i', i.path]),
    '-i', encoded,
    '-filter_complex', [...plan.chains, `[${n}:v]format=yuv420p[enc]`, `[enc]${plan.videoOut}ssim[ssimv]`].join(';'),
    '-map', '[ssimv]', '-map', plan.audioOut, '-f', 'null', '-',
  ];
  const r = spawnSync(ff.ffmpeg, args, { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const m = /SSIM .*All:([\d.]+)/.exec(r.stderr);
  if (!m) throw new Error(`ssim failed: ${r.stderr.slice(-1500)}`);
  return Number(m[1]);
}

const rows: Array<{ decode: number; hand: number; reelcut: number; render: number; rss: number; ok: boolean }> = [];
for (let round = 1; round <= ROUNDS; round++) {
  const decode = timeCommand(ff.ffmpeg, ['-hide_banner', '-v', 'error', '-i', sample, '-map', '0:v', '-map', '0:a', '-f', 'null', '-']);
  const hand = timeCommand(ff.ffmpeg, handArgs(join(dir, 'hand.mp4')));
  const r = await timeReelcut(join(dir, 'reelcut.mp4'));
  rows.push({ decode, hand, reelcut: r.ms, render: r.renderMs, rss: r.peakRssMb, ok: r.checkOk });
  console.log(
    `round ${round}: decode ${(decode / 1000).toFixed(2)} s, hand-written ffmpeg ${(hand / 1000).toFixed(2)} s, ` +
      `reelcut export ${(r.renderMs / 1000).toFixed(2)} s (whole CLI incl. check ${(r.ms / 1000).toFixed(2)} s), peak RSS ${r.peakRssMb.toFixed(0)} MB`,
  );
}
const best = (k: 'decode' | 'hand' | 'render' | 'reelcut'): number => Math.min(...rows.map((r) => r[k]));
const ssimReelcut = ssimAgainstGraph(join(dir, 'reelcut.mp4'));
const ssimHand = ssimAgainstGraph(join(dir, 'hand.mp4'));
const sizeMb = (p: string): number => Number(spawnSync('stat', ['-c', '%s', p], { encoding: 'utf8' }).stdout) / 1e6;

console.log('\nreference edit: %d s 1080x1920 30 fps → 1:1 fill, BGM 35 %%, title 0–3 s, fade out (best of %d)', SECONDS, ROUNDS);
console.log(`  ffmpeg ${ff.version} (${ff.source}), ${(await import('node:os')).cpus().length} cores`);
console.log(`  realtime factor (export):        ${(SECONDS * 1000 / best('render')).toFixed(2)}x   target ≥ 5x`);
console.log(`  export ÷ plain decode:            ${(best('render') / best('decode')).toFixed(2)}`);
console.log(`  export ÷ hand-written veryfast:   ${(best('render') / best('hand')).toFixed(2)}   target ≤ 0.6`);
console.log(`  whole CLI (incl. check) ÷ decode: ${(best('reelcut') / best('decode')).toFixed(2)}`);
console.log(`  SSIM vs lossless graph: reelcut ${ssimReelcut.toFixed(4)}, hand-written ${ssimHand.toFixed(4)}   target ≥ 0.97`);
console.log(`  output size: reelcut ${sizeMb(join(dir, 'reelcut.mp4')).toFixed(1)} MB, hand-written ${sizeMb(join(dir, 'hand.mp4')).toFixed(1)} MB`);
console.log(`  peak RSS of the reelcut process:  ${Math.max(...rows.map((r) => r.rss)).toFixed(0)} MB   target < 300 MB`);
console.log(`  Instagram check: ${rows.every((r) => r.ok) ? 'pass' : 'FAIL'}`);

// Second scenario, "not encoding": music only on the Reels-ready sample. reelcut copies the
// picture; the hand-written command re-encodes it as a person would.
let musicOnly: Timeline = createTimeline([{ ...toMediaItem(info, 'm1', 'phone.mp4'), path: sample }]);
musicOnly = apply(musicOnly, { op: 'add_music', query: 'lofi', volume: 0.35 } as Operation);
const musicOnlyPath = join(dir, 'music-only-timeline.json');
writeFileSync(musicOnlyPath, JSON.stringify(musicOnly, null, 2));
const handMusicOnly = timeCommand(ff.ffmpeg, [
  '-hide_banner', '-y', '-i', sample, ...music.before, '-i', music.path,
  '-filter_complex', `[1:a]volume=0.35[m];[0:a][m]amix=inputs=2:duration=first${ff.major >= 5 ? ':normalize=0' : ''},loudnorm=I=-14:TP=-1.5,aresample=48000[a]`,
  '-map', '0:v', '-map', '[a]', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p',
  '-c:a', 'aac', '-b:a', '192k', '-aac_is', '0', '-ar', '48000', '-ac', '2', '-movflags', '+faststart', join(dir, 'hand-music-only.mp4'),
]);
const copied = await timeReelcut(join(dir, 'reelcut-music-only.mp4'), musicOnlyPath);
console.log('\nmusic only on the Reels-ready sample (picture copied, not encoded):');
console.log(`  reelcut export ${(copied.renderMs / 1000).toFixed(2)} s = ${(SECONDS * 1000 / copied.renderMs).toFixed(1)}x realtime; hand-written re-encode ${(handMusicOnly / 1000).toFixed(2)} s`);
console.log(`  export ÷ hand-written veryfast:   ${(copied.renderMs / handMusicOnly).toFixed(3)}   Instagram check: ${copied.checkOk ? 'pass' : 'FAIL'}`);
