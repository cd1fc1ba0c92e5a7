// A media file's speech as a transcript: its sound cut to a temporary 16 kHz mono WAV by ffmpeg,
// handed to the engine, and the temporary file removed whatever happens.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FfmpegInfo } from '../media/index.js';
import type { SpeechEngine, TranscribeOptions } from './engine.js';
import { extractSpeechWav } from './speech-wav.js';
import type { Transcript } from './transcript.js';

export async function transcribeMedia(path: string, ff: FfmpegInfo, engine: SpeechEngine, opts: TranscribeOptions = {}): Promise<Transcript> {
  const dir = await mkdtemp(join(tmpdir(), 'reelcut-transcribe-'));
  try {
    const wav = join(dir, 'speech.wav');
    await extractSpeechWav(path, wav, ff, opts.signal);
    return await engine.transcribe(wav, opts);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
