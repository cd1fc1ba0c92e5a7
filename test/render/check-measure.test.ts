// Reading ffprobe's packet lines and ebur128's summary, and what the packet timing says about
// frame rate, constancy, keyframe spacing and open GOPs. Pure functions on known inputs.
import { describe, expect, it } from 'vitest';
import {
  analyseVideoPackets,
  displaySize,
  parseEbur128Summary,
  packetsOfStream,
  rotationOf,
  type PacketSample,
} from '../../src/render/check-measure.js';

/** Packets in decode order of an IPBB... stream: I0 P3 B1 B2 P6 B4 B5 ..., keyframe every `gop` frames. */
function closedGopPackets(frames: number, fps: number, gop: number): PacketSample[] {
  const out: PacketSample[] = [];
  for (let start = 0; start < frames; start += gop) {
    const end = Math.min(start + gop, frames);
    out.push({ pts: start / fps, dts: null, key: true });
    for (let anchor = start + 3; anchor - 2 < end; anchor += 3) {
      const p = Math.min(anchor, end - 1);
      out.push({ pts: p / fps, dts: null, key: false });
      for (let b = anchor - 2; b < p; b++) out.push({ pts: b / fps, dts: null, key: false });
    }
  }
  return out;
}

describe('packetsOfStream', () => {
  it("keeps one stream's packets in file order, reading N/A times as null and K as keyframe", () => {
    const probe = {
      packets: [
        { stream_index: 0, pts_time: '0.066667', dts_time: '-0.066667', flags: 'K_' },
        { stream_index: 1, pts_time: '0.000000', dts_time: '0.000000', flags: 'K_' },
        { stream_index: 0, pts_time: 'N/A', dts_time: '0.000000', flags: '__' },
      ],
    };
    expect(packetsOfStream(probe, 0)).toEqual([
      { pts: 0.066667, dts: -0.066667, key: true },
      { pts: null, dts: 0, key: false },
    ]);
  });
});

describe('analyseVideoPackets', () => {
  it('measures 30 fps, no jitter, 2 s keyframe spacing and a closed GOP from B-frame decode order', () => {
    const t = analyseVideoPackets(closedGopPackets(120, 30, 60));
    expect(t.packets).toBe(120);
    expect(t.fps).toBeCloseTo(30, 6);
    expect(t.max_jitter_ms).toBeCloseTo(0, 6);
    expect(t.keyframes).toBe(2);
    expect(t.max_keyframe_interval_s).toBeCloseTo(2, 6);
    expect(t.open_gop).toBe(false);
  });

  it('sees an open GOP when frames decoded after a keyframe are shown before it', () => {
    const decodeOrder = (ptsList: Array<[number, boolean]>) => ptsList.map(([pts, key]) => ({ pts: pts / 30, dts: null, key }));
    // Closed: each keyframe is the first picture shown of its group.
    const closed = decodeOrder([[0, true], [2, false], [1, false], [3, true], [5, false], [4, false]]);
    // Open: pictures 3 and 4 come after keyframe 5 in the stream but are shown before it.
    const open = decodeOrder([[0, true], [2, false], [1, false], [5, true], [3, false], [4, false]]);
    expect(analyseVideoPackets(closed).open_gop).toBe(false);
    expect(analyseVideoPackets(open).open_gop).toBe(true);
    expect(analyseVideoPackets(open).max_jitter_ms).toBeCloseTo(0, 6);
  });

  it('keeps millisecond-rounded timestamps (33, 33, 34 ms) within the 1 ms jitter budget', () => {
    const packets = Array.from({ length: 90 }, (_, i) => ({ pts: Math.round((i * 1000) / 30) / 1000, dts: null, key: i === 0 }));
    const t = analyseVideoPackets(packets);
    expect(t.max_jitter_ms).toBeLessThanOrEqual(1);
    expect(t.fps).toBeCloseTo(30, 1);
  });

  it('finds the jitter of a dropped frame', () => {
    const packets = Array.from({ length: 60 }, (_, i) => ({ pts: (i < 30 ? i : i + 1) / 30, dts: null, key: i === 0 }));
    expect(analyseVideoPackets(packets).max_jitter_ms).toBeGreaterThan(30);
  });

  it('counts the stretch after the last keyframe to the end of the stream', () => {
    const packets = Array.from({ length: 150 }, (_, i) => ({ pts: i / 30, dts: null, key: i === 0 || i === 30 }));
    expect(analyseVideoPackets(packets).max_keyframe_interval_s).toBeCloseTo(4, 6);
  });

  it('gives no rate for a single frame', () => {
    const t = analyseVideoPackets([{ pts: 0, dts: 0, key: true }]);
    expect(t.fps).toBeNull();
    expect(t.interval_ms).toBeNull();
  });
});

describe('parseEbur128Summary', () => {
  const summary = (i: string, peak: string) =>
    [
      '[Parsed_ebur128_0 @ 0x55] Summary:',
      '',
      '  Integrated loudness:',
      `    I:         ${i} LUFS`,
      '    Threshold: -24.3 LUFS',
      '',
      '  Loudness range:',
      '    LRA:         2.5 LU',
      '    Threshold: -34.0 LUFS',
      '',
      '  True peak:',
      `    Peak:       ${peak} dBFS`,
    ].join('\n');

  it('reads integrated loudness, loudness range and true peak from the last summary', () => {
    const log = `${summary('-30.0', '-9.0')}\nmore\n${summary('-14.2', '-1.3')}`;
    expect(parseEbur128Summary(log)).toEqual({ integrated_lufs: -14.2, true_peak_dbtp: -1.3, loudness_range_lu: 2.5 });
  });

  it('reads a positive peak and takes -inf (silence) as no peak', () => {
    expect(parseEbur128Summary(summary('-3.1', '0.4')).true_peak_dbtp).toBe(0.4);
    expect(parseEbur128Summary(summary('-70.0', '-inf')).true_peak_dbtp).toBeNull();
  });

  it('gives nulls when there is no summary', () => {
    expect(parseEbur128Summary('ffmpeg said nothing useful')).toEqual({ integrated_lufs: null, true_peak_dbtp: null, loudness_range_lu: null });
  });
});

describe('display size', () => {
  it('swaps width and height for a quarter-turn display matrix and applies the sample aspect', () => {
    const rotated = { index: 0, width: 1920, height: 1080, side_data_list: [{ side_data_type: 'Display Matrix', rotation: -90 }] };
    expect(rotationOf(rotated)).toBe(90);
    expect(displaySize(rotated)).toEqual({ width: 1080, height: 1920 });
    const anamorphic = { index: 0, width: 1440, height: 1080, sample_aspect_ratio: '4:3' };
    expect(displaySize(anamorphic)).toEqual({ width: 1920, height: 1080 });
  });
});
