// The audio every local recogniser reads: 16 kHz, mono, 16-bit PCM WAV, cut from any media file
// by ffmpeg. `readWavFormat` looks at a WAV's header so a file already in that form is used as is.
import { open, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReelcutError, UnsupportedMedia } from '../errors.js';
import { execText, ExecFailed, type FfmpegInfo } from '../media/index.js';
import { lastWords } from './last-words.js';

export const SPEECH_SAMPLE_RATE = 16_000;

export function speechWavArgs(input: string, output: string): string[] {
  return [
    '-hide_banner', '-loglevel', 'error', '-nostdin', '-y',
    '-i', input,
    '-map', '0:a:0', '-vn', '-sn', '-dn',
    '-ac', '1', '-ar', String(SPEECH_SAMPLE_RATE), '-c:a', 'pcm_s16le',
    '-f', 'wav', output,
  ];
}

export interface WavFormat {
  /** 1 = integer PCM; 0xfffe (extensible) is read through to its sub-format. */
  audioFormat: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
}

/** The `fmt ` chunk of a RIFF/WAVE header, or null when the bytes are not a WAV file. */
export function readWavFormat(header: Uint8Array): WavFormat | null {
  const b = Buffer.from(header.buffer, header.byteOffset, header.byteLength);
  if (b.length < 12 || b.toString('latin1', 0, 4) !== 'RIFF' || b.toString('latin1', 8, 12) !== 'WAVE') return null;
  let at = 12;
  while (at + 8 <= b.length) {
    const id = b.toString('latin1', at, at + 4);
    const size = b.readUInt32LE(at + 4);
    if (id === 'fmt ' && at + 8 + 16 <= b.length) {
      let audioFormat = b.readUInt16LE(at + 8);
      if (audioFormat === 0xfffe && size >= 40 && at + 8 + 26 <= b.length) audioFormat = b.readUInt16LE(at + 8 + 24);
      return {
        audioFormat,
        channels: b.readUInt16LE(at + 10),
        sampleRate: b.readUInt32LE(at + 12),
        bitsPerSample: b.readUInt16LE(at + 22),
      };
    }
    at += 8 + size + (size % 2); // chunks are padded to an even length
  }
  return null;
}

export function isSpeechWavFormat(f: WavFormat | null): boolean {
  return f !== null && f.audioFormat === 1 && f.channels === 1 && f.sampleRate === SPEECH_SAMPLE_RATE && f.bitsPerSample === 16;
}

async function headerOf(path: string): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Writes the first audio stream of `input` to `output` as a 16 kHz mono 16-bit WAV. */
export async function extractSpeechWav(input: string, output: string, ff: FfmpegInfo, signal?: AbortSignal): Promise<void> {
  try {
    await execText(ff.ffmpeg, speechWavArgs(input, output), 30 * 60_000, signal ? { signal } : {});
  } catch (e) {
    if (!(e instanceof ExecFailed)) throw e;
    if (e.cancelled) throw new ReelcutError('RENDER_CANCELLED', 'Transcription was cancelled.');
    if (/matches no streams|does not contain any stream/i.test(e.stderr)) {
      throw new UnsupportedMedia(input, 'it has no sound to transcribe');
    }
    if (/No such file or directory/i.test(e.stderr)) {
      throw new ReelcutError('FILE_NOT_FOUND', `${input} was not found.`, { file: input });
    }
    throw new ReelcutError('FFMPEG_FAILED', `ffmpeg could not take the sound out of ${input}: ${lastWords(e.stderr) || e.message}`, {
      file: input,
    });
  }
}

/**
 * Runs `use` on a speech WAV of `input`: the file itself when it already is one, else a
 * temporary conversion that is removed afterwards, whatever happens.
 */
export async function withSpeechWav<T>(input: string, ff: FfmpegInfo, signal: AbortSignal | undefined, use: (wav: string) => Promise<T>): Promise<T> {
  let header: Uint8Array | null = null;
  try {
    header = await headerOf(input);
  } catch {
    // unreadable here: let ffmpeg say what is wrong with it
  }
  if (header && isSpeechWavFormat(readWavFormat(header))) return use(input);
  const dir = await mkdtemp(join(tmpdir(), 'reelcut-speech-'));
  try {
    const wav = join(dir, 'speech.wav');
    await extractSpeechWav(input, wav, ff, signal);
    return await use(wav);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
