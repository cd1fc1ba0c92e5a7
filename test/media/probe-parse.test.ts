import { describe, expect, it } from 'vitest';
import { capabilitiesFrom, parseListing, parseVersion } from '../../src/media/ffmpeg-capabilities.js';
import {
  bitDepthOf,
  displaySize,
  imageRotation,
  isVariableFrameRate,
  normaliseClockwise,
  rotationOf,
  sampleAspectOf,
  transferOf,
} from '../../src/media/probe-parse.js';

describe('parseVersion', () => {
  it.each([
    ['ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2026', '5.1.9', 5],
    ['ffmpeg version n6.1.1 Copyright', '6.1.1', 6],
    ['ffmpeg version 7.0 Copyright', '7.0', 7],
  ])('reads the release number from %j', (text, version, major) => {
    expect(parseVersion(text)).toEqual({ version, major });
  });

  it('reads a git snapshot build by its libavutil version (56 is ffmpeg 4)', () => {
    const text = 'ffmpeg version N-47683-g0e8eb07980-static https://johnvansickle.com/ffmpeg/\nlibavutil      56. 24.101 / 56. 24.101\n';
    expect(parseVersion(text)).toEqual({ version: 'N-47683-g0e8eb07980-static', major: 4 });
  });
});

describe('parseListing and capabilitiesFrom', () => {
  const filters = [
    'Filters:',
    '  T.. = Timeline support',
    '  | = Source or sink filter',
    ' ... ass               V->V       Render ASS subtitles onto input video using the libass library.',
    ' T.C drawtext          V->V       Draw text on top of video frames using libfreetype library.',
    ' .S. xfade             VV->V      Cross fade one video with another video.',
    ' ... vidstabdetect     V->V       Extract relative transformations.',
  ].join('\n');
  const encoders = ['Encoders:', ' V..... = Video', ' ------', ' V....D libx264              libx264 H.264'].join('\n');

  it('lists names, not legend lines', () => {
    expect([...parseListing(filters)]).toEqual(['ass', 'drawtext', 'xfade', 'vidstabdetect']);
    expect([...parseListing(encoders)]).toEqual(['libx264']);
  });

  it('needs both vidstab passes for vidstab, and reports what is absent as false', () => {
    const caps = capabilitiesFrom(parseListing(filters), parseListing(encoders));
    expect(caps).toEqual({
      libx264: true,
      libass: true,
      drawtext: true,
      xfade: true,
      loudnorm: false,
      zscale: false,
      tonemap: false,
      vidstab: false,
      ebur128: false,
    });
  });
});

describe('rotation: one clockwise convention', () => {
  it.each([
    [0, 0], [-90, 90], [90, 270], [180, 180], [-180, 180], [270, 90], [-270, 270], [-89.99, 90], [360, 0],
  ])('display matrix rotation %d (ffprobe, counter-clockwise) is %d clockwise', (ccw, cw) => {
    expect(rotationOf({ index: 0, side_data_list: [{ side_data_type: 'Display Matrix', rotation: ccw }] })).toBe(cw);
  });

  it('reads the legacy rotate tag as clockwise', () => {
    expect(rotationOf({ index: 0, tags: { rotate: '90' } })).toBe(90);
    expect(rotationOf({ index: 0, tags: { rotate: '270' } })).toBe(270);
  });

  it('trusts the display matrix over the tag when both are there', () => {
    expect(rotationOf({ index: 0, tags: { rotate: '0' }, side_data_list: [{ rotation: -90 }] })).toBe(90);
  });

  it('normalises any angle to the nearest quarter turn', () => {
    expect([-450, -360, 44, 46, 135, 719].map(normaliseClockwise)).toEqual([270, 0, 0, 90, 180, 0]);
  });
});

describe('imageRotation: EXIF turns a still only when ffprobe says nothing', () => {
  it('no rotation from ffprobe: the EXIF orientation decides', () => {
    expect(imageRotation({ index: 0 }, 6)).toBe(90);
    expect(imageRotation({ index: 0 }, 8)).toBe(270);
    expect(imageRotation({ index: 0 }, null)).toBe(0);
  });

  it("a rotation from ffprobe (display matrix or tag) is taken as it is, never added to the EXIF one", () => {
    expect(imageRotation({ index: 0, side_data_list: [{ side_data_type: 'Display Matrix', rotation: -90 }] }, 6)).toBe(90);
    expect(imageRotation({ index: 0, side_data_list: [{ side_data_type: 'Display Matrix', rotation: 180 }] }, 6)).toBe(180);
    expect(imageRotation({ index: 0, tags: { rotate: '270' } }, 6)).toBe(270);
  });
});

describe('display size', () => {
  it('applies the pixel shape to the width, then swaps for quarter turns', () => {
    expect(displaySize(480, 568, [2, 3], 0)).toEqual({ width: 320, height: 568 });
    expect(displaySize(568, 320, [1, 1], 90)).toEqual({ width: 320, height: 568 });
    expect(displaySize(568, 320, [1, 1], 180)).toEqual({ width: 568, height: 320 });
    expect(displaySize(720, 480, [32, 27], 270)).toEqual({ width: 480, height: 853 });
  });

  it('takes unknown or zero sample aspect as square pixels', () => {
    expect(sampleAspectOf({ index: 0, sample_aspect_ratio: '0:1' })).toEqual([1, 1]);
    expect(sampleAspectOf({ index: 0 })).toEqual([1, 1]);
    expect(sampleAspectOf({ index: 0, sample_aspect_ratio: '4:3' })).toEqual([4, 3]);
  });
});

describe('colour and depth', () => {
  it('maps HLG and PQ transfers, everything else is SDR', () => {
    expect(transferOf('arib-std-b67')).toBe('hlg');
    expect(transferOf('smpte2084')).toBe('pq');
    expect(transferOf('bt709')).toBe('sdr');
    expect(transferOf(undefined)).toBe('sdr');
  });

  it('reads bit depth from the raw sample size, else the pixel format', () => {
    expect(bitDepthOf({ index: 0, bits_per_raw_sample: '10', pix_fmt: 'yuv420p' })).toBe(10);
    expect(bitDepthOf({ index: 0, pix_fmt: 'yuv420p10le' })).toBe(10);
    expect(bitDepthOf({ index: 0, pix_fmt: 'p010le' })).toBe(10);
    expect(bitDepthOf({ index: 0, pix_fmt: 'yuv420p' })).toBe(8);
  });
});

describe('isVariableFrameRate', () => {
  const cfr = (n: number, step: number) => Array.from({ length: n }, (_, i) => i * step);

  it('is false for an even pace, in any order (B-frames come out of order)', () => {
    const pts = cfr(60, 512);
    expect(isVariableFrameRate(pts)).toBe(false);
    expect(isVariableFrameRate([...pts].reverse())).toBe(false);
  });

  it('is false for millisecond time bases that round 33.3 ms to 33 or 34', () => {
    expect(isVariableFrameRate(cfr(60, 1000 / 30).map(Math.round))).toBe(false);
  });

  it('is true when some frames arrive late', () => {
    const pts = cfr(60, 3000).map((t, i) => (i % 4 === 1 ? t + 1350 : t));
    expect(isVariableFrameRate(pts)).toBe(true);
  });

  it('is true when the rate drops halfway (low light on a phone)', () => {
    const pts = [...cfr(30, 20), ...cfr(30, 25).map((t) => t + 600)];
    expect(isVariableFrameRate(pts)).toBe(true);
  });

  it('cannot tell from fewer than three frames, so says false', () => {
    expect(isVariableFrameRate([0, 100])).toBe(false);
    expect(isVariableFrameRate([])).toBe(false);
  });
});
