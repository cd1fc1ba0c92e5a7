// A phone-like sample clip made by ffmpeg's own sources, so the demo and the benchmark need no
// downloaded media: 1080x1920 portrait, 30 fps, H.264 High at about a phone's 16 Mbit/s, with
// textured motion (so the encoder has real work) and a stereo soundtrack with speech-like bursts.
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface SampleOptions {
  durationS?: number;
  width?: number;
  height?: number;
  fps?: number;
  bitrateKbps?: number;
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
  // A 220 Hz tone gated on and off like speech over quiet room noise, in stereo.
  const audio =
    `aevalsrc=exprs='0.25*sin(2*PI*220*t)*(0.5+0.5*sin(2*PI*3*t))*gt(sin(2*PI*0.4*t)\\,0)+0.01*(random(0)-0.5)'` +
    `:sample_rate=48000:duration=${d},pan=stereo|c0=c0|c1=c0`;
  await run(
    ffmpeg,
    [
      '-hide_banner', '-loglevel', 'error', '-y',
      '-f', 'lavfi', '-i', video,
      '-f', 'lavfi', '-i', audio,
      '-c:v', 'libx264', '-preset', 'superfast', '-profile:v', 'high',
      '-b:v', `${kbps}k`, '-maxrate', `${kbps}k`, '-bufsize', `${kbps * 2}k`,
      '-g', String(fps), '-pix_fmt', 'yuv420p',
      '-c:a', 'aac', '-b:a', '128k', '-ar', '48000',
      '-shortest', '-movflags', '+faststart', outPath,
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  return outPath;
}
