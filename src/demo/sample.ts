// A phone-like sample clip made on this machine, so the demo and the benchmark need no
// downloaded media: 1080x1920 portrait, 30 fps, H.264 High at about a phone's 16 Mbit/s, with
// textured motion (so the encoder has real work). Its sound is either a creator talking to the
// camera (espeak-ng, when asked for) or, without a speech synthesiser, speech-like tone bursts.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ReelcutError } from '../errors.js';

const run = promisify(execFile);

export interface SampleOptions {
  durationS?: number;
  width?: number;
  height?: number;
  fps?: number;
  bitrateKbps?: number;
  /** Make the soundtrack speech: the espeak-ng program to say `SAMPLE_PHRASES` with. */
  speech?: { espeakNg: string };
}

/** What the talking sample says: short lines a creator says to camera, repeated to fill it. */
export const SAMPLE_PHRASES: readonly string[] = [
  'Hey everyone, welcome back to my channel.',
  'Today I am taking you around the city.',
  'This little coffee shop is my favourite spot.',
  'Look at that view from the bridge.',
  'Do not forget to like and follow for more.',
];

export interface SpeechSlot {
  /** Index into the phrases. */
  phrase: number;
  start_ms: number;
}

/**
 * Where each phrase is said: after `leadMs`, phrases in turn (starting over when they run out),
 * `pauseMs` apart, as long as a whole phrase still ends `tailMs` before the end. A phrase is never
 * cut off, so the captions of the last one match what is heard; the first is always said.
 */
export function speechSchedule(
  phraseMs: readonly number[],
  totalMs: number,
  opts: { leadMs?: number; pauseMs?: number; tailMs?: number } = {},
): SpeechSlot[] {
  const lead = opts.leadMs ?? 500;
  const pause = opts.pauseMs ?? 900;
  const tail = opts.tailMs ?? 300;
  const slots: SpeechSlot[] = [];
  if (!phraseMs.length) return slots;
  let t = lead;
  for (let i = 0; ; i++) {
    const phrase = i % phraseMs.length;
    const len = phraseMs[phrase]!;
    if (t + len > totalMs - tail && slots.length > 0) break;
    slots.push({ phrase, start_ms: t });
    t += len + pause;
  }
  return slots;
}

/** Length of a PCM WAV file's sound in ms, from its header (espeak-ng writes 16-bit mono). */
export function wavDurationMs(wav: Buffer): number {
  if (wav.toString('ascii', 0, 4) !== 'RIFF' || wav.toString('ascii', 8, 12) !== 'WAVE') throw new Error('not a WAV file');
  let byteRate = 0;
  for (let at = 12; at + 8 <= wav.length; ) {
    const id = wav.toString('ascii', at, at + 4);
    const size = wav.readUInt32LE(at + 4);
    if (id === 'fmt ') byteRate = wav.readUInt32LE(at + 16);
    if (id === 'data') {
      if (!byteRate) break;
      // A writer that was cut short leaves a size larger than what is there.
      const bytes = Math.min(size, wav.length - (at + 8));
      return Math.round((bytes / byteRate) * 1000);
    }
    at += 8 + size + (size % 2);
  }
  throw new Error('WAV file without a format or data chunk');
}

export async function makePhoneSample(ffmpeg: string, outPath: string, opts: SampleOptions = {}): Promise<string> {
  const exists = await stat(outPath).then((s) => s.size > 0).catch(() => false);
  if (exists) return outPath;
  const d = opts.durationS ?? 60;
  const w = opts.width ?? 1080;
  const h = opts.height ?? 1920;
  const fps = opts.fps ?? 30;
  const kbps = opts.bitrateKbps ?? 16000;
  // Moving test pattern with film-like grain: a flat synthetic picture would compress to nothing
  // and make every speed figure meaningless.
  const video = `testsrc2=size=${w}x${h}:rate=${fps}:duration=${d},noise=alls=6:allf=t+u,format=yuv420p`;
  const work = await mkdtemp(join(tmpdir(), 'reelcut-sample-'));
  // Written beside the target and renamed when whole, so a run cut short never leaves a file the
  // cache above would take for a finished sample.
  const partial = `${outPath}.${process.pid}.partial.mp4`;
  try {
    const audio = opts.speech ? await speechInputs(opts.speech.espeakNg, work, d) : toneInputs(d);
    await run(
      ffmpeg,
      [
        '-hide_banner', '-loglevel', 'error', '-y',
        '-f', 'lavfi', '-i', video,
        ...audio.inputs,
        '-filter_complex', audio.graph, '-map', '0:v', '-map', '[aout]',
        '-c:v', 'libx264', '-preset', 'superfast', '-profile:v', 'high',
        '-b:v', `${kbps}k`, '-maxrate', `${kbps}k`, '-bufsize', `${kbps * 2}k`,
        '-g', String(fps), '-pix_fmt', 'yuv420p',
        '-c:a', 'aac', '-b:a', '128k', '-ar', '48000',
        '-t', String(d), '-movflags', '+faststart', partial,
      ],
      { maxBuffer: 16 * 1024 * 1024 },
    );
    await rename(partial, outPath);
  } finally {
    await rm(partial, { force: true });
    await rm(work, { recursive: true, force: true });
  }
  return outPath;
}

interface AudioInputs {
  /** ffmpeg input arguments; their streams start at input 1 (input 0 is the picture). */
  inputs: string[];
  /** A filter graph ending in `[aout]`: stereo, 48 kHz, exactly the sample's length. */
  graph: string;
}

function toneInputs(d: number): AudioInputs {
  // A 220 Hz tone gated on and off like speech over quiet room noise, in stereo.
  const tone =
    `aevalsrc=exprs='0.25*sin(2*PI*220*t)*(0.5+0.5*sin(2*PI*3*t))*gt(sin(2*PI*0.4*t)\\,0)+0.01*(random(0)-0.5)'` +
    `:sample_rate=48000:duration=${d}`;
  return { inputs: ['-f', 'lavfi', '-i', tone], graph: '[1:a]pan=stereo|c0=c0|c1=c0[aout]' };
}

async function speechInputs(espeakNg: string, work: string, d: number): Promise<AudioInputs> {
  const wavs: string[] = [];
  const lengths: number[] = [];
  for (const [i, text] of SAMPLE_PHRASES.entries()) {
    const wav = join(work, `phrase-${i}.wav`);
    try {
      await run(espeakNg, ['-v', 'en-us', '-s', '165', '-w', wav, '--', text]);
    } catch (err) {
      throw new ReelcutError(
        'MODEL_FAILED',
        `espeak-ng could not make the sample's speech (${(err as Error).message.split('\n')[0]}). Reinstall it (sudo apt-get install espeak-ng), or take it off PATH for the silent demo.`,
        { reason: 'speech-synthesis-failed' },
      );
    }
    wavs.push(wav);
    lengths.push(wavDurationMs(await readFile(wav)));
  }
  const slots = speechSchedule(lengths, d * 1000);
  const uses = SAMPLE_PHRASES.map((_, i) => slots.filter((s) => s.phrase === i).length);
  const graph: string[] = [];
  // A phrase said several times is one input split into as many copies.
  const copies: string[][] = uses.map((n, i) => {
    if (n === 0) return [];
    const labels = Array.from({ length: n }, (_, k) => `p${i}c${k}`);
    graph.push(`[${i + 1}:a]aresample=48000,aformat=sample_fmts=fltp:channel_layouts=mono,asplit=${n}${labels.map((l) => `[${l}]`).join('')}`);
    return labels;
  });
  const next = uses.map(() => 0);
  const parts: string[] = [];
  let t = 0;
  slots.forEach((slot, k) => {
    const gap = slot.start_ms - t;
    graph.push(`anullsrc=r=48000:cl=mono,atrim=duration=${(gap / 1000).toFixed(3)},aformat=sample_fmts=fltp[g${k}]`);
    parts.push(`[g${k}]`, `[${copies[slot.phrase]![next[slot.phrase]!++]}]`);
    t = slot.start_ms + lengths[slot.phrase]!;
  });
  graph.push(`${parts.join('')}concat=n=${parts.length}:v=0:a=1,apad=whole_dur=${d}[speech]`);
  // A room's noise floor (pink, about -50 dBFS): real recordings have one, and pocketsphinx's
  // noise tracking takes espeak's digital silence between phrases for something else.
  graph.push(`anoisesrc=r=48000:amplitude=0.003:color=pink:seed=7:duration=${d}[floor]`);
  graph.push('[speech][floor]amix=inputs=2:duration=longest:normalize=0,pan=stereo|c0=c0|c1=c0[aout]');
  return { inputs: wavs.flatMap((wav) => ['-i', wav]), graph: graph.join(';') };
}
