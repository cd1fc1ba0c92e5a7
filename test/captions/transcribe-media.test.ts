// transcribeMedia hands the engine a 16 kHz mono 16-bit WAV cut from any media, and removes it
// afterwards whether the engine succeeds or fails; media without sound is refused by name.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transcribeMedia, type SpeechEngine, type Transcript } from '../../src/captions/index.js';
import { readWavFormat, speechWavArgs } from '../../src/captions/speech-wav.js';
import { ReelcutError } from '../../src/errors.js';
import { getFfmpeg, type FfmpegInfo } from '../../src/media/index.js';
import { ffmpeg } from '../helpers/media.js';

let dir: string;
let ff: FfmpegInfo;
let clip: string;

/** An engine that keeps what it was handed, to see the WAV it got and whether it outlived the call. */
class RecordingEngine implements SpeechEngine {
  readonly name = 'recording';
  seen: Array<{ path: string; header: Buffer; bytes: number }> = [];
  constructor(private readonly fail = false) {}
  async transcribe(wavPath: string): Promise<Transcript> {
    const bytes = readFileSync(wavPath);
    this.seen.push({ path: wavPath, header: bytes.subarray(0, 64), bytes: bytes.length });
    if (this.fail) throw new Error('engine broke');
    return { language: 'en', words: [{ text: 'hi', start_ms: 0, end_ms: 100 }] };
  }
}

beforeAll(async () => {
  ff = await getFfmpeg();
  dir = mkdtempSync(join(tmpdir(), 'reelcut-transcribe-test-'));
  clip = join(dir, 'stereo 48k.mp4');
  ffmpeg([
    '-f', 'lavfi', '-i', 'testsrc2=s=160x120:r=15:d=1',
    '-f', 'lavfi', '-i', 'sine=f=440:r=48000:d=1', '-ac', '2',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-shortest', clip,
  ]);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('transcribeMedia', () => {
  it('gives the engine a 16 kHz mono 16-bit PCM WAV of the sound, and removes it afterwards', async () => {
    const engine = new RecordingEngine();
    const t = await transcribeMedia(clip, ff, engine);
    expect(t.words).toHaveLength(1);
    const seen = engine.seen[0]!;
    expect(readWavFormat(seen.header)).toEqual({ audioFormat: 1, channels: 1, sampleRate: 16000, bitsPerSample: 16 });
    // about one second of 16-bit samples at 16 kHz
    expect(seen.bytes).toBeGreaterThan(30_000);
    expect(seen.bytes).toBeLessThan(36_000);
    expect(existsSync(seen.path)).toBe(false);
  });

  it('removes the WAV when the engine fails, and lets the failure through', async () => {
    const engine = new RecordingEngine(true);
    await expect(transcribeMedia(clip, ff, engine)).rejects.toThrow('engine broke');
    expect(existsSync(engine.seen[0]!.path)).toBe(false);
  });

  it('refuses media with no sound, naming the file', async () => {
    const silentClip = join(dir, 'no-audio.mp4');
    ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=160x120:r=15:d=1', '-c:v', 'libx264', '-preset', 'ultrafast', silentClip]);
    const e = await transcribeMedia(silentClip, ff, new RecordingEngine()).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ReelcutError);
    expect((e as ReelcutError).code).toBe('UNSUPPORTED_MEDIA');
    expect((e as ReelcutError).message).toMatch(/no-audio\.mp4: it has no sound to transcribe/);
  });

  it('passes file names to ffmpeg as argv, never through a shell', () => {
    const args = speechWavArgs('a; rm -rf ~.mp4', '/t/out.wav');
    expect(args).toContain('a; rm -rf ~.mp4');
    expect(args.slice(-3)).toEqual(['-f', 'wav', '/t/out.wav']);
  });
});

describe('readWavFormat', () => {
  it('is null for bytes that are not a WAV', () => {
    expect(readWavFormat(Buffer.from('ID3 not a wav at all'))).toBeNull();
  });
});
