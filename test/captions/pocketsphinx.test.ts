// pocketsphinx as CI runs it: its word lines read exactly, and on real generated speech (espeak-ng
// phrases between 1 s pauses) the cues of its words start and end where ffmpeg hears speech.
// pocketsphinx hears espeak's voice as other words, so the timings are pinned, not the words.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSpeechEngine, groupCues, transcribeMedia, type Transcript } from '../../src/captions/index.js';
import { parsePocketsphinxOutput, pocketsphinxArgs } from '../../src/captions/pocketsphinx.js';
import { getFfmpeg } from '../../src/media/index.js';
import { ffmpeg } from '../helpers/media.js';
import { speechBursts, writeSpokenPhrases, type Burst } from './speech.js';

describe('reading pocketsphinx_continuous -time yes', () => {
  const output = [
    'we probably got it',
    '<s> 0.000 0.220 1.000000',
    'we 0.230 0.350 0.231016',
    '<sil> 0.360 0.460 0.845760',
    'probably(2) 0.470 0.740 0.042064',
    '[NOISE] 0.750 0.800 0.5',
    '++BREATH++ 0.800 0.810 0.5',
    'got 0.810 1.000 0.239030',
    '</s> 1.090 1.630 1.000000',
    'INFO: ngram_search.c(301): TOTAL bestpath 0.01 CPU 0.004 xRT',
  ].join('\n');

  it('keeps words with times in ms and confidence, drops silences and fillers, strips "(2)"', () => {
    expect(parsePocketsphinxOutput(output)).toEqual([
      { text: 'we', start_ms: 230, end_ms: 350, confidence: 0.231016 },
      { text: 'probably', start_ms: 470, end_ms: 740, confidence: 0.042064 },
      { text: 'got', start_ms: 810, end_ms: 1000, confidence: 0.23903 },
    ]);
  });

  it('asks for word times on the given file', () => {
    expect(pocketsphinxArgs('/tmp/a b.wav')).toEqual(['-infile', '/tmp/a b.wav', '-time', 'yes']);
  });
});

describe('pocketsphinx on espeak-ng speech', () => {
  let dir: string;
  let bursts: Burst[];
  let transcript: Transcript;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'reelcut-sphinx-'));
    const wav = join(dir, 'speech.wav');
    writeSpokenPhrases(wav, dir, ['hello everyone welcome back', 'today we are going to the beach', 'thank you for watching']);
    // A video file, so transcribeMedia's own extraction is part of what is measured.
    const video = join(dir, 'talk.mp4');
    ffmpeg(['-f', 'lavfi', '-i', 'color=c=gray:s=160x120:r=15', '-i', wav, '-shortest', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-b:a', '96k', video]);
    bursts = speechBursts(wav);
    const ff = await getFfmpeg();
    const engine = findSpeechEngine(process.env, ff);
    expect(engine.name).toBe('pocketsphinx');
    transcript = await transcribeMedia(video, ff, engine, { language: 'en' });
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('measures three bursts of speech in the fixture', () => {
    expect(bursts).toHaveLength(3);
  });

  it('times every word inside a burst of speech (±300 ms)', () => {
    expect(transcript.words.length).toBeGreaterThanOrEqual(6);
    for (const w of transcript.words) {
      const inside = bursts.some((b) => w.start_ms >= b.start_ms - 300 && w.end_ms <= b.end_ms + 300);
      expect(inside, `${w.text} ${w.start_ms}-${w.end_ms} in ${JSON.stringify(bursts)}`).toBe(true);
    }
  });

  it('makes one cue per phrase, starting and ending within 300 ms of its burst', () => {
    const cues = groupCues(transcript.words, { maxGapMs: 600, maxMs: 5000, maxChars: 80 });
    expect(cues).toHaveLength(bursts.length);
    cues.forEach((cue, i) => {
      const b = bursts[i]!;
      expect(Math.abs(cue.start_ms - b.start_ms), `cue ${i} start`).toBeLessThanOrEqual(300);
      expect(Math.abs(cue.end_ms - b.end_ms), `cue ${i} end`).toBeLessThanOrEqual(300);
    });
  });

  it('says the transcript is English and gives every word a confidence in 0..1', () => {
    expect(transcript.language).toBe('en');
    for (const w of transcript.words) expect(w.confidence).toBeGreaterThanOrEqual(0);
    for (const w of transcript.words) expect(w.confidence).toBeLessThanOrEqual(1);
  });

  it('refuses a language it has no model for, naming the alternatives', async () => {
    const engine = findSpeechEngine(process.env, await getFfmpeg());
    await expect(engine.transcribe(join(dir, 'speech.wav'), { language: 'zh' })).rejects.toThrow(/REELCUT_ASR_URL/);
  });
});
