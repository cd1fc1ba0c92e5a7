// whisper.cpp's command-line program (`whisper-cli`; `whisper-cpp` in some packages) with a ggml
// model file named by REELCUT_WHISPER_MODEL. `-ojf` (--output-json-full) writes `<-of>.json` and
// turns on per-token timestamps:
//   { "result": { "language": "en" },
//     "transcription": [ { "offsets": { "from": 0, "to": 2480 }, "text": " Hello world.",
//        "tokens": [ { "text": "[_BEG_]", ... },
//                    { "text": " Hello", "offsets": { "from": 0, "to": 620 }, "id": 15947, "p": 0.93, ... } ] } ] }
// Offsets are milliseconds. Tokens are pieces of words: one that starts with a space starts a
// word. The file holds the tokens' raw bytes, and one Chinese character can be split across two
// tokens, so the JSON is read byte for byte (latin1) and each word decoded as UTF-8 once whole.
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReelcutError } from '../errors.js';
import { captionTokens, spreadWords } from '../timeline/index.js';
import type { SpeechEngine, TranscribeOptions } from './engine.js';
import { execText, ExecFailed, type FfmpegInfo } from '../media/index.js';
import { lastWords } from './last-words.js';
import { withSpeechWav } from './speech-wav.js';
import type { Transcript, TranscriptWord } from './transcript.js';

/** A recogniser's transcript of hours of speech is a few MB; room to spare. */
const RECOGNISER_OUTPUT_BYTES = 256 * 1024 * 1024;

/** Names the program goes by, newest first (`main` was its old name, too generic to look for). */
export const WHISPER_CPP_BINARIES = ['whisper-cli', 'whisper-cpp'] as const;

export function whisperCppArgs(o: { model: string; wav: string; outBase: string; language?: string; threads: number }): string[] {
  return ['-m', o.model, '-f', o.wav, '-l', o.language ?? 'auto', '-t', String(o.threads), '-ojf', '-of', o.outBase, '-np'];
}

interface Offsets {
  from: number;
  to: number;
}

const SPECIAL = /^(?:\[_[^\]]*\]|<\|[^|]*\|>)$/;
const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/u;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function utf8(bytes: Buffer): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

function offsetsOf(v: unknown): Offsets | null {
  if (typeof v !== 'object' || v === null) return null;
  const { from, to } = v as Record<string, unknown>;
  return typeof from === 'number' && typeof to === 'number' && to >= from ? { from, to } : null;
}

function bad(why: string): ReelcutError {
  return new ReelcutError('MODEL_FAILED', `whisper.cpp wrote JSON reelcut cannot read: ${why}.`, { engine: 'whisper.cpp' });
}

interface Piece {
  bytes: Buffer;
  from: number;
  to: number;
  p: number[];
}

/** Words of one segment from its tokens; null when the tokens carry no times. */
function wordsFromTokens(tokens: unknown[]): TranscriptWord[] | null {
  const pieces: Piece[] = [];
  let timed = false;
  for (const t of tokens) {
    if (typeof t !== 'object' || t === null) continue;
    const { text, offsets, p } = t as Record<string, unknown>;
    if (typeof text !== 'string' || SPECIAL.test(text)) continue;
    const at = offsetsOf(offsets);
    if (!at) continue;
    timed = true;
    const bytes = Buffer.from(text, 'latin1');
    const prev = pieces.at(-1);
    const prevText = prev ? utf8(prev.bytes) : null;
    const startsWord =
      !prev ||
      (prevText !== null && (bytes[0] === 0x20 || CJK.test(prevText.at(-1) ?? '') || CJK.test(utf8(bytes)?.[0] ?? '')));
    if (startsWord) pieces.push({ bytes, from: at.from, to: at.to, p: typeof p === 'number' ? [p] : [] });
    else {
      prev!.bytes = Buffer.concat([prev!.bytes, bytes]);
      prev!.to = Math.max(prev!.to, at.to);
      if (typeof p === 'number') prev!.p.push(p);
    }
  }
  if (!timed) return null;
  return pieces.flatMap((piece) => {
    const text = piece.bytes.toString('utf8').trim();
    if (text === '') return [];
    const word: TranscriptWord = { text, start_ms: piece.from, end_ms: piece.to };
    if (piece.p.length > 0) word.confidence = piece.p.reduce((a, b) => a + b, 0) / piece.p.length;
    return [word];
  });
}

/** The transcript in whisper.cpp's `-ojf` JSON, given as the file's bytes (or its text). */
export function parseWhisperCppJson(file: Buffer | string): Transcript {
  const raw = typeof file === 'string' ? Buffer.from(file, 'utf8') : file;
  let doc: unknown;
  try {
    doc = JSON.parse(raw.toString('latin1'));
  } catch (e) {
    throw bad(`not JSON (${(e as Error).message})`);
  }
  if (typeof doc !== 'object' || doc === null) throw bad('not a JSON object');
  const { transcription, result } = doc as Record<string, unknown>;
  if (!Array.isArray(transcription)) throw bad('no "transcription" array');
  const words: TranscriptWord[] = [];
  for (const seg of transcription) {
    if (typeof seg !== 'object' || seg === null) continue;
    const { tokens, offsets, text } = seg as Record<string, unknown>;
    const fromTokens = Array.isArray(tokens) ? wordsFromTokens(tokens) : null;
    if (fromTokens) {
      words.push(...fromTokens);
      continue;
    }
    // Plain -oj output has segment times only: spread the segment's words over it.
    const at = offsetsOf(offsets);
    if (!at || typeof text !== 'string') continue;
    words.push(...spreadWords(captionTokens(Buffer.from(text, 'latin1').toString('utf8')), at.from, at.to));
  }
  const language = typeof result === 'object' && result !== null ? (result as Record<string, unknown>).language : undefined;
  return { ...(typeof language === 'string' ? { language } : {}), words };
}

export class WhisperCppEngine implements SpeechEngine {
  readonly name = 'whisper.cpp';
  constructor(
    private readonly binary: string,
    private readonly model: string,
    private readonly ff: FfmpegInfo,
  ) {}

  async transcribe(wavPath: string, opts: TranscribeOptions = {}): Promise<Transcript> {
    return withSpeechWav(wavPath, this.ff, opts.signal, async (wav) => {
      const dir = await mkdtemp(join(tmpdir(), 'reelcut-whisper-'));
      try {
        const outBase = join(dir, 'transcript');
        const args = whisperCppArgs({
          model: this.model,
          wav,
          outBase,
          threads: Math.min(8, availableParallelism()),
          ...(opts.language ? { language: opts.language } : {}),
        });
        try {
          await execText(this.binary, args, 6 * 60 * 60_000, { maxBuffer: RECOGNISER_OUTPUT_BYTES, ...(opts.signal ? { signal: opts.signal } : {}) });
        } catch (e) {
          if (!(e instanceof ExecFailed)) throw e;
          if (e.cancelled) throw new ReelcutError('RENDER_CANCELLED', 'Transcription was cancelled.');
          throw new ReelcutError('MODEL_FAILED', `whisper.cpp (${this.binary}) failed: ${lastWords(e.stderr) || e.message}`, {
            engine: this.name,
          });
        }
        let json: Buffer;
        try {
          json = await readFile(`${outBase}.json`);
        } catch {
          // whisper-cli exits 0 when it cannot read the WAV; it just writes nothing.
          throw new ReelcutError('MODEL_FAILED', `whisper.cpp (${this.binary}) finished without writing a transcript for ${wavPath}.`, {
            engine: this.name,
          });
        }
        const transcript = parseWhisperCppJson(json);
        return opts.language ? { ...transcript, language: opts.language } : transcript;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  }
}
