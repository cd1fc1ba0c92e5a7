import { describe, expect, it } from 'vitest';
import { parseProgressDurationMs, parseSilences } from '../../src/analysis/index.js';

// Captured from ffmpeg 5.1 (-nostats, apad=pad_dur=1,silencedetect=n=-35dB:d=0.4 on a speech-pause-speech clip).
const CAPTURED = `
[silencedetect @ 0x55b5b95ad040] silence_start: 1.79565
[silencedetect @ 0x55b5b95ad040] silence_end: 3.29583 | silence_duration: 1.50019
[silencedetect @ 0x55b5b95ad040] silence_start: 4.68392
size=N/A time=00:00:05.68 bitrate=N/A speed=1.73e+03x    
video:0kB audio:533kB subtitle:0kB other streams:0kB global headers:0kB muxing overhead: unknown
[silencedetect @ 0x55b5b95ad040] silence_end: 5.68477 | silence_duration: 1.00085
`;

describe('parseSilences', () => {
  it('pairs each silence_start with its silence_end, in integer milliseconds', () => {
    expect(parseSilences(CAPTURED, 5685)).toEqual([
      { start_ms: 1796, end_ms: 3296 },
      { start_ms: 4684, end_ms: 5685 },
    ]);
  });

  it('adds back the offset of a read that started later in the file', () => {
    expect(parseSilences(CAPTURED, 5685, 10_000)[0]).toEqual({ start_ms: 11_796, end_ms: 13_296 });
  });

  it('ends a silence still open when the sound ended (older ffmpeg prints no end) where reading ended', () => {
    const open = '[silencedetect @ 0x1] silence_start: 2.5\n';
    expect(parseSilences(open, 4000)).toEqual([{ start_ms: 2500, end_ms: 4000 }]);
  });

  it('gives a file that begins silent a silence from 0', () => {
    // Captured: a 440 Hz tone starting at 0.8 s.
    const text = '[silencedetect @ 0x564e1c6bdb00] silence_start: 0\n[silencedetect @ 0x564e1c6bdb00] silence_end: 0.800021 | silence_duration: 0.800021\n';
    expect(parseSilences(text, 3000)).toEqual([{ start_ms: 0, end_ms: 800 }]);
  });

  it('finds nothing in output without silencedetect lines', () => {
    expect(parseSilences('size=N/A time=00:00:03.00\n', 3000)).toEqual([]);
  });
});

describe('parseProgressDurationMs', () => {
  it('reads the last out_time_us of -progress output', () => {
    expect(parseProgressDurationMs('out_time_us=42667\nprogress=continue\nout_time_us=4684771\nprogress=end\n')).toBe(4685);
    expect(parseProgressDurationMs('')).toBeNull();
  });
});
