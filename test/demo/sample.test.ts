// Where the talking sample's phrases go, and reading a WAV's length: pure, so pinned exactly.
import { describe, expect, it } from 'vitest';
import { speechSchedule, wavDurationMs } from '../../src/demo/sample.js';

describe('speechSchedule', () => {
  it('says the phrases in turn, a pause apart, starting over when they run out', () => {
    expect(speechSchedule([1000, 2000], 10_000, { leadMs: 500, pauseMs: 1000, tailMs: 300 })).toEqual([
      { phrase: 0, start_ms: 500 },
      { phrase: 1, start_ms: 2500 },
      { phrase: 0, start_ms: 5500 },
      { phrase: 1, start_ms: 7500 },
    ]);
  });

  it('never cuts a phrase off at the end', () => {
    // A second saying would run 3400-5400, past the 5200 ms that leaves its 300 ms margin.
    expect(speechSchedule([2000], 5500, { leadMs: 500, pauseMs: 900, tailMs: 300 })).toEqual([{ phrase: 0, start_ms: 500 }]);
    expect(speechSchedule([2000], 5700, { leadMs: 500, pauseMs: 900, tailMs: 300 })).toHaveLength(2);
  });

  it('says the first phrase even when the sample is shorter than it', () => {
    expect(speechSchedule([4000], 3000)).toEqual([{ phrase: 0, start_ms: 500 }]);
  });
});

describe('wavDurationMs', () => {
  function wav(samples: number, rate: number, declared = samples * 2): Buffer {
    const head = Buffer.alloc(44);
    head.write('RIFF', 0, 'ascii');
    head.writeUInt32LE(36 + declared, 4);
    head.write('WAVEfmt ', 8, 'ascii');
    head.writeUInt32LE(16, 16);
    head.writeUInt16LE(1, 20);
    head.writeUInt16LE(1, 22);
    head.writeUInt32LE(rate, 24);
    head.writeUInt32LE(rate * 2, 28);
    head.writeUInt16LE(2, 32);
    head.writeUInt16LE(16, 34);
    head.write('data', 36, 'ascii');
    head.writeUInt32LE(declared, 40);
    return Buffer.concat([head, Buffer.alloc(samples * 2)]);
  }

  it('reads the length from the format and data chunks', () => {
    expect(wavDurationMs(wav(22050 * 3, 22050))).toBe(3000);
  });

  it('trusts the bytes that are there over a size a cut-short writer left', () => {
    expect(wavDurationMs(wav(22050, 22050, 0x7fffffff))).toBe(1000);
  });
});
