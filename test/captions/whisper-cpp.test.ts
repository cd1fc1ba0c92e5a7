// whisper.cpp's CLI as reelcut drives it: the argv that asks for full JSON with token times, and
// that JSON (as whisper-cli writes it, raw token bytes and all) read back into words.
import { describe, expect, it } from 'vitest';
import { parseWhisperCppJson, whisperCppArgs } from '../../src/captions/whisper-cpp.js';
import { ReelcutError } from '../../src/errors.js';

const ts = (ms: number): string => {
  const s = Math.floor(ms / 1000);
  return `00:00:${String(s).padStart(2, '0')},${String(ms % 1000).padStart(3, '0')}`;
};

/** One token object exactly as whisper-cli's output_json writes it (tab-indented, raw bytes). */
function token(text: Buffer | string, from: number | null, to: number, id: number, p: number): Buffer {
  const times =
    from === null
      ? ''
      : `\t\t\t\t\t\t"timestamps": {\n\t\t\t\t\t\t\t"from": "${ts(from)}",\n\t\t\t\t\t\t\t"to": "${ts(to)}"\n\t\t\t\t\t\t},\n` +
        `\t\t\t\t\t\t"offsets": {\n\t\t\t\t\t\t\t"from": ${from},\n\t\t\t\t\t\t\t"to": ${to}\n\t\t\t\t\t\t},\n`;
  return Buffer.concat([
    Buffer.from('\t\t\t\t\t{\n\t\t\t\t\t\t"text": "'),
    typeof text === 'string' ? Buffer.from(text, 'utf8') : text,
    Buffer.from(`",\n${times}\t\t\t\t\t\t"id": ${id},\n\t\t\t\t\t\t"p": ${p},\n\t\t\t\t\t\t"t_dtw": -1\n\t\t\t\t\t}`),
  ]);
}

function segment(from: number, to: number, text: string, tokens: Buffer[]): Buffer {
  return Buffer.concat([
    Buffer.from(
      `\t\t{\n\t\t\t"timestamps": {\n\t\t\t\t"from": "${ts(from)}",\n\t\t\t\t"to": "${ts(to)}"\n\t\t\t},\n` +
        `\t\t\t"offsets": {\n\t\t\t\t"from": ${from},\n\t\t\t\t"to": ${to}\n\t\t\t},\n\t\t\t"text": "${text}",\n\t\t\t"tokens": [\n`,
    ),
    ...tokens.flatMap((t, i) => [t, Buffer.from(i === tokens.length - 1 ? '\n' : ',\n')]),
    Buffer.from('\t\t\t]\n\t\t}'),
  ]);
}

function whisperJson(language: string, segments: Buffer[]): Buffer {
  return Buffer.concat([
    Buffer.from(
      '{\n\t"systeminfo": "AVX = 1 | AVX2 = 1 | NEON = 0 | ",\n\t"model": {\n\t\t"type": "base",\n\t\t"multilingual": true,\n\t\t"vocab": 51865,\n' +
        '\t\t"audio": {\n\t\t\t"ctx": 1500,\n\t\t\t"state": 512,\n\t\t\t"head": 8,\n\t\t\t"layer": 6\n\t\t},\n' +
        '\t\t"text": {\n\t\t\t"ctx": 448,\n\t\t\t"state": 512,\n\t\t\t"head": 8,\n\t\t\t"layer": 6\n\t\t},\n\t\t"mels": 80,\n\t\t"ftype": 1\n\t},\n' +
        `\t"params": {\n\t\t"model": "models/ggml-base.bin",\n\t\t"language": "auto",\n\t\t"translate": false\n\t},\n` +
        `\t"result": {\n\t\t"language": "${language}"\n\t},\n\t"transcription": [\n`,
    ),
    ...segments.flatMap((s, i) => [s, Buffer.from(i === segments.length - 1 ? '\n' : ',\n')]),
    Buffer.from('\t]\n}\n'),
  ]);
}

describe('whisperCppArgs', () => {
  it('asks for full JSON (token timestamps) at a chosen path, no console prints, auto language by default', () => {
    expect(whisperCppArgs({ model: '/m/ggml-base.bin', wav: '/t/a.wav', outBase: '/t/out', threads: 4 })).toEqual([
      '-m', '/m/ggml-base.bin', '-f', '/t/a.wav', '-l', 'auto', '-t', '4', '-ojf', '-of', '/t/out', '-np',
    ]);
    expect(whisperCppArgs({ model: 'm', wav: 'w', outBase: 'o', threads: 1, language: 'zh' })).toContain('zh');
  });
});

describe('parseWhisperCppJson', () => {
  it('joins sub-word tokens into words, drops special tokens, averages p as confidence', () => {
    const json = whisperJson('en', [
      segment(0, 2000, ' Hello wonderful world.', [
        token('[_BEG_]', 0, 0, 50364, 0.9),
        token(' Hello', 0, 480, 2425, 0.98),
        token(' wonder', 500, 900, 2085, 0.8),
        token('ful', 900, 1100, 906, 0.6),
        token(' world', 1150, 1700, 1002, 0.9),
        token('.', 1700, 1750, 13, 0.7),
        token('[_TT_100]', 2000, 2000, 50464, 0.1),
      ]),
    ]);
    const t = parseWhisperCppJson(json);
    expect(t.language).toBe('en');
    expect(t.words.map((w) => [w.text, w.start_ms, w.end_ms])).toEqual([
      ['Hello', 0, 480],
      ['wonderful', 500, 1100],
      ['world.', 1150, 1750],
    ]);
    expect(t.words[1]!.confidence).toBeCloseTo(0.7, 5);
  });

  it('puts a Chinese character split across two tokens back together, one word per character run', () => {
    const hao = Buffer.from('好', 'utf8'); // three bytes: e5 a5 bd
    const json = whisperJson('zh', [
      segment(0, 1200, '你好', [
        token(Buffer.concat([Buffer.from(' 你'), hao.subarray(0, 2)]), 0, 500, 10000, 0.9),
        token(hao.subarray(2), 500, 800, 10001, 0.7),
        token('吗', 800, 1200, 10002, 0.8),
      ]),
    ]);
    expect(parseWhisperCppJson(json).words.map((w) => [w.text, w.start_ms, w.end_ms])).toEqual([
      ['你好', 0, 800],
      ['吗', 800, 1200],
    ]);
  });

  it('spreads a segment over its time when its tokens have no times (plain -oj output)', () => {
    const json = whisperJson('en', [segment(1000, 2000, ' two words', [token(' two', null, 0, 1, 0.5), token(' words', null, 0, 2, 0.5)])]);
    expect(parseWhisperCppJson(json).words).toEqual([
      { text: 'two', start_ms: 1000, end_ms: 1500 },
      { text: 'words', start_ms: 1500, end_ms: 2000 },
    ]);
  });

  it('says what is wrong with a file that is not its JSON', () => {
    expect(() => parseWhisperCppJson('{"transcription": [')).toThrow(ReelcutError);
    expect(() => parseWhisperCppJson('{"result": {}}')).toThrow(/no "transcription" array/);
  });
});
