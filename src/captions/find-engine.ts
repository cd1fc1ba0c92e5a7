// Which speech recogniser this machine has, best first: an OpenAI-compatible server the person
// pointed us at, whisper.cpp with a model file, then pocketsphinx from Debian (what CI installs).
// Presence is decided by settings and the file system alone; nothing is run or downloaded.
import { join } from 'node:path';
import { ReelcutError } from '../errors.js';
import type { FfmpegInfo } from '../media/index.js';
import type { SpeechEngine } from './engine.js';
import { findProgram, isDirectory, isFile } from './find-program.js';
import { asrServerConfigFromEnv, OpenAiAsrEngine } from './openai-asr.js';
import { POCKETSPHINX_BINARY, POCKETSPHINX_EN_US_MODEL, PocketsphinxEngine } from './pocketsphinx.js';
import { WHISPER_CPP_BINARIES, WhisperCppEngine } from './whisper-cpp.js';

export const NO_ENGINE_HELP =
  'reelcut needs a speech recogniser to make captions from speech, and found none. Any one of these works: ' +
  '(1) set REELCUT_ASR_URL to an OpenAI-compatible transcription server (e.g. http://127.0.0.1:8000; REELCUT_ASR_API_KEY and REELCUT_ASR_MODEL if it needs them); ' +
  '(2) install whisper.cpp so `whisper-cli` is on your PATH and set REELCUT_WHISPER_MODEL to a ggml model file (e.g. ggml-base.en.bin); ' +
  '(3) `sudo apt-get install pocketsphinx pocketsphinx-en-us` (Debian/Ubuntu). ' +
  'Captions from your own text, SRT or VTT need none of these.';

export interface FindSpeechEngineOptions {
  /** Where pocketsphinx's US English model is looked for (Debian's place by default). */
  pocketsphinxModel?: string;
}

/** The best engine present; throws one ReelcutError naming the three ways to get one. */
export function findSpeechEngine(env: NodeJS.ProcessEnv, ff: FfmpegInfo, opts: FindSpeechEngineOptions = {}): SpeechEngine {
  const server = asrServerConfigFromEnv(env);
  if (server) return new OpenAiAsrEngine(server);

  const notes: string[] = [];
  const model = env.REELCUT_WHISPER_MODEL?.trim();
  if (model) {
    const whisper = findProgram(WHISPER_CPP_BINARIES, env.PATH);
    if (whisper && isFile(model)) return new WhisperCppEngine(whisper, model, ff);
    if (!isFile(model)) notes.push(`REELCUT_WHISPER_MODEL is set, but ${model} is not a file.`);
    if (!whisper) notes.push(`REELCUT_WHISPER_MODEL is set, but neither ${WHISPER_CPP_BINARIES.join(' nor ')} is on PATH.`);
  }

  const sphinx = findProgram([POCKETSPHINX_BINARY], env.PATH);
  const sphinxModel = opts.pocketsphinxModel ?? POCKETSPHINX_EN_US_MODEL;
  if (sphinx && isDirectory(sphinxModel) && isFile(join(sphinxModel, 'mdef'))) return new PocketsphinxEngine(sphinx, ff);
  if (sphinx) notes.push(`${POCKETSPHINX_BINARY} is installed, but its English model is not (${sphinxModel}): install pocketsphinx-en-us.`);

  throw new ReelcutError('MODEL_FAILED', [NO_ENGINE_HELP, ...notes].join(' '), { reason: 'no-speech-engine' });
}
