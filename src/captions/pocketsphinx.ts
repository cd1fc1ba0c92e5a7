// pocketsphinx from Debian (0.8+5prealpha in bookworm): `pocketsphinx_continuous -infile x.wav
// -time yes` prints, per utterance, the hypothesis and then one line per segment,
// `word start end posterior` with times in seconds on the file's clock:
//     we probably got it
//     <s> 0.000 0.220 1.000000
//     probably(2) 0.470 0.740 0.042064
// Silences and fillers (<s>, </s>, <sil>, [NOISE], ++BREATH++) are not words, and "(2)" marks
// an alternative pronunciation from the dictionary, not part of the word.
import { ReelcutError } from '../errors.js';
import type { SpeechEngine, TranscribeOptions } from './engine.js';
import { execText, ExecFailed, type FfmpegInfo } from '../media/index.js';
import { lastWords } from './last-words.js';
import { withSpeechWav } from './speech-wav.js';
import { secondsToMs, type Transcript, type TranscriptWord } from './transcript.js';

/** A recogniser's transcript of hours of speech is a few MB; room to spare. */
const RECOGNISER_OUTPUT_BYTES = 256 * 1024 * 1024;

export const POCKETSPHINX_BINARY = 'pocketsphinx_continuous';
/** Where Debian's pocketsphinx-en-us puts the acoustic model the binary loads by default. */
export const POCKETSPHINX_EN_US_MODEL = '/usr/share/pocketsphinx/model/en-us/en-us';

export function pocketsphinxArgs(wav: string): string[] {
  return ['-infile', wav, '-time', 'yes'];
}

const WORD_LINE = /^(\S+)\s+(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?(?:e-?\d+)?)$/i;
const FILLER = /^(?:<[^>]*>|\[[^\]]*\]|\+\+[^+]*\+\+)$/;

export function parsePocketsphinxOutput(stdout: string): TranscriptWord[] {
  const words: TranscriptWord[] = [];
  for (const raw of stdout.split(/\r?\n/)) {
    const m = WORD_LINE.exec(raw.trim());
    if (!m) continue; // a hypothesis line or a log line
    const [, token = '', start = '0', end = '0', prob = '0'] = m;
    if (FILLER.test(token)) continue;
    const text = token.replace(/\(\d+\)$/, '');
    if (text === '') continue;
    words.push({
      text,
      start_ms: secondsToMs(Number(start)),
      end_ms: secondsToMs(Number(end)),
      confidence: Math.min(1, Math.max(0, Number(prob))),
    });
  }
  return words;
}

export class PocketsphinxEngine implements SpeechEngine {
  readonly name = 'pocketsphinx';
  constructor(
    private readonly binary: string,
    private readonly ff: FfmpegInfo,
  ) {}

  async transcribe(wavPath: string, opts: TranscribeOptions = {}): Promise<Transcript> {
    if (opts.language && !/^en\b/i.test(opts.language)) {
      throw new ReelcutError(
        'MODEL_FAILED',
        `pocketsphinx has only its US English model here, and the speech was said to be "${opts.language}". ` +
          'For other languages set REELCUT_ASR_URL to an OpenAI-compatible speech server, or install whisper.cpp and set REELCUT_WHISPER_MODEL to a multilingual model.',
        { engine: this.name },
      );
    }
    return withSpeechWav(wavPath, this.ff, opts.signal, async (wav) => {
      try {
        // Decoding runs at a fraction of real time; an hour is a hung process, not a long file.
        const { stdout } = await execText(this.binary, pocketsphinxArgs(wav), 60 * 60_000, {
          maxBuffer: RECOGNISER_OUTPUT_BYTES,
          ...(opts.signal ? { signal: opts.signal } : {}),
        });
        return { language: 'en', words: parsePocketsphinxOutput(stdout) };
      } catch (e) {
        if (!(e instanceof ExecFailed)) throw e;
        if (e.cancelled) throw new ReelcutError('RENDER_CANCELLED', 'Transcription was cancelled.');
        throw new ReelcutError(
          'MODEL_FAILED',
          `pocketsphinx could not transcribe ${wavPath}: ${lastWords(e.stderr) || e.message}. ` +
            'Check that the pocketsphinx-en-us package is installed (`sudo apt-get install pocketsphinx pocketsphinx-en-us`).',
          { engine: this.name },
        );
      }
    });
  }
}
