// Which engine a machine gets, decided by its settings and what is on its PATH, best first; and
// the one message a machine with none of them gets.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSpeechEngine } from '../../src/captions/index.js';
import { ReelcutError } from '../../src/errors.js';
import { getFfmpeg, type FfmpegInfo } from '../../src/media/index.js';

let root: string;
let ff: FfmpegInfo;
let bin: string;
let sphinxModel: string;
let whisperModel: string;

function program(dir: string, name: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), '#!/bin/sh\nexit 0\n');
  chmodSync(join(dir, name), 0o755);
}

beforeAll(async () => {
  ff = await getFfmpeg();
  root = mkdtempSync(join(tmpdir(), 'reelcut-engines-'));
  bin = join(root, 'bin');
  program(bin, 'whisper-cli');
  program(bin, 'pocketsphinx_continuous');
  sphinxModel = join(root, 'en-us');
  mkdirSync(sphinxModel);
  writeFileSync(join(sphinxModel, 'mdef'), '');
  whisperModel = join(root, 'ggml-base.en.bin');
  writeFileSync(whisperModel, 'not really a model');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const emptyPath = (): string => join(root, 'nothing-here');

describe('findSpeechEngine', () => {
  it('takes the server first when REELCUT_ASR_URL is set, whatever else is installed', () => {
    const env = { PATH: bin, REELCUT_ASR_URL: 'http://127.0.0.1:9', REELCUT_WHISPER_MODEL: whisperModel };
    expect(findSpeechEngine(env, ff, { pocketsphinxModel: sphinxModel }).name).toBe('openai-compatible');
  });

  it('takes whisper.cpp next, only with both the program and the model file', () => {
    expect(findSpeechEngine({ PATH: bin, REELCUT_WHISPER_MODEL: whisperModel }, ff, { pocketsphinxModel: sphinxModel }).name).toBe('whisper.cpp');
    const noModel = { PATH: bin, REELCUT_WHISPER_MODEL: join(root, 'missing.bin') };
    expect(findSpeechEngine(noModel, ff, { pocketsphinxModel: sphinxModel }).name).toBe('pocketsphinx');
  });

  it('takes pocketsphinx last, only with its English model', () => {
    expect(findSpeechEngine({ PATH: bin }, ff, { pocketsphinxModel: sphinxModel }).name).toBe('pocketsphinx');
    expect(() => findSpeechEngine({ PATH: bin }, ff, { pocketsphinxModel: join(root, 'no-model') })).toThrow(/install pocketsphinx-en-us/);
  });

  it('with nothing present, throws one error naming the three ways to get an engine', () => {
    let error: unknown;
    try {
      findSpeechEngine({ PATH: emptyPath() }, ff);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ReelcutError);
    const message = (error as ReelcutError).message;
    expect(message).toContain('REELCUT_ASR_URL');
    expect(message).toMatch(/whisper\.cpp.*REELCUT_WHISPER_MODEL/);
    expect(message).toContain('sudo apt-get install pocketsphinx pocketsphinx-en-us');
    expect(message).toMatch(/Captions from your own text, SRT or VTT need none/);
  });

  it('says why a half-set-up whisper.cpp was not used', () => {
    expect(() => findSpeechEngine({ PATH: emptyPath(), REELCUT_WHISPER_MODEL: whisperModel }, ff)).toThrow(/neither whisper-cli nor whisper-cpp is on PATH/);
  });
});
