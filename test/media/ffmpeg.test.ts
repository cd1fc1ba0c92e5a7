import { execFileSync } from 'node:child_process';
import { chmodSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findFfmpeg, getFfmpeg, probeMedia } from '../../src/media/index.js';
import { tempDir } from '../helpers/media.js';
import { failure } from '../helpers/errors.js';
import { ALL_CAPS } from '../helpers/capabilities.js';

const requireHere = createRequire(import.meta.url);
const BUNDLED_FFMPEG = join(dirname(requireHere.resolve('@ffmpeg-installer/linux-x64/package.json')), 'ffmpeg');
const BUNDLED_FFPROBE = join(dirname(requireHere.resolve('@ffprobe-installer/linux-x64/package.json')), 'ffprobe');
const SYSTEM_FFMPEG = execFileSync('sh', ['-c', 'command -v ffmpeg'], { encoding: 'utf8' }).trim();
const SYSTEM_DIR = dirname(SYSTEM_FFMPEG);


function expectInstallHelp(message: string): void {
  expect(message).toContain('sudo apt-get install ffmpeg');
  expect(message).toContain('brew install ffmpeg');
  expect(message).toContain('npm install');
  expect(message).toContain('REELCUT_FFMPEG');
}

describe('findFfmpeg: where ffmpeg comes from', () => {
  it('uses REELCUT_FFMPEG over an ffmpeg on PATH', async () => {
    const info = await findFfmpeg({ env: { REELCUT_FFMPEG: BUNDLED_FFMPEG, PATH: SYSTEM_DIR } });
    expect(info.source).toBe('env');
    expect(info.ffmpeg).toBe(BUNDLED_FFMPEG);
    expect(info.major).toBe(4);
  });

  it('resolves a bare command name in REELCUT_FFMPEG on PATH, with REELCUT_FFPROBE taken as given', async () => {
    const info = await findFfmpeg({ env: { REELCUT_FFMPEG: 'ffmpeg', REELCUT_FFPROBE: BUNDLED_FFPROBE, PATH: SYSTEM_DIR } });
    expect(info.source).toBe('env');
    expect(info.ffmpeg).toBe(join(SYSTEM_DIR, 'ffmpeg'));
    expect(info.ffprobe).toBe(BUNDLED_FFPROBE);
  });

  it('finds ffmpeg and the ffprobe beside it on PATH, skipping folders without them, as absolute paths', async () => {
    const dir = tempDir('reelcut-path-');
    symlinkSync(SYSTEM_FFMPEG, join(dir, 'ffmpeg'));
    symlinkSync(join(SYSTEM_DIR, 'ffprobe'), join(dir, 'ffprobe'));
    const info = await findFfmpeg({ env: { PATH: `/nonexistent-reelcut:${tempDir()}:${dir}` } });
    expect(info.source).toBe('path');
    expect(info.ffmpeg).toBe(join(dir, 'ffmpeg'));
    expect(info.ffprobe).toBe(join(dir, 'ffprobe'));
  });

  it('falls back to the npm-bundled static build when PATH has no ffmpeg', async () => {
    const info = await findFfmpeg({ env: { PATH: '' } });
    expect(info.source).toBe('bundled');
    expect(info.ffmpeg).toBe(BUNDLED_FFMPEG);
    expect(info.ffprobe).toBe(BUNDLED_FFPROBE);
  });

  it('REELCUT_FFMPEG=bundled and prefer: "bundled" both pick the bundled build over PATH', async () => {
    const byEnv = await findFfmpeg({ env: { REELCUT_FFMPEG: 'bundled', PATH: SYSTEM_DIR } });
    const byOption = await findFfmpeg({ env: { PATH: SYSTEM_DIR }, prefer: 'bundled' });
    for (const info of [byEnv, byOption]) {
      expect(info.source).toBe('bundled');
      expect(info.ffmpeg).toBe(BUNDLED_FFMPEG);
      expect(info.ffprobe).toBe(BUNDLED_FFPROBE);
    }
  });

  it('getFfmpeg finds the process ffmpeg once and hands back the same answer', async () => {
    const first = getFfmpeg();
    expect(getFfmpeg()).toBe(first);
    const info = await first;
    expect(info.caps.libx264).toBe(true);
  });
});

describe('findFfmpeg: what the ffmpeg can do', () => {
  it('detects every capability of the system ffmpeg (Debian 5.1 with libx264, libass, vidstab, zscale...)', async () => {
    const info = await findFfmpeg({ env: { PATH: SYSTEM_DIR }, skipBundled: true });
    expect(info.source).toBe('path');
    expect(info.version).toMatch(/^\d+\.\d+/);
    expect(info.major).toBeGreaterThanOrEqual(5);
    expect(info.caps).toEqual(ALL_CAPS);
  });

  it('reads the bundled snapshot build as ffmpeg 4 and sees it has no xfade (added in 4.3)', async () => {
    const info = await findFfmpeg({ prefer: 'bundled' });
    expect(info.major).toBe(4);
    expect(info.caps.libx264).toBe(true);
    expect(info.caps.loudnorm).toBe(true);
    expect(info.caps.xfade).toBe(false);
  });

  it('smoke render: the bundled ffmpeg 4.1 encodes a 1 s testsrc clip with libx264 and the bundled ffprobe reads it', async () => {
    const info = await findFfmpeg({ env: { REELCUT_FFMPEG: 'bundled', PATH: '' } });
    const out = join(tempDir('reelcut-bundled-'), 'smoke.mp4');
    execFileSync(info.ffmpeg, [
      '-hide_banner', '-loglevel', 'error', '-y',
      '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=30:duration=1',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', out,
    ]);
    const media = await probeMedia(out, info);
    expect(media.kind).toBe('video');
    expect(media.video?.codec).toBe('h264');
    expect([media.width, media.height]).toEqual([320, 240]);
    expect(media.duration_ms).toBeGreaterThanOrEqual(950);
    expect(media.duration_ms).toBeLessThanOrEqual(1050);
    expect(media.video?.frames).toBe(30);
  });
});

describe('findFfmpeg: when there is no usable ffmpeg', () => {
  it('says how to install ffmpeg when PATH is empty and the bundled build is off', async () => {
    const e = await failure(findFfmpeg({ env: { PATH: '' }, skipBundled: true }));
    expect(e.code).toBe('FFMPEG_MISSING');
    expect(e.message).toMatch(/^ffmpeg was not found/);
    expectInstallHelp(e.message);
  });

  it('names the bad REELCUT_FFMPEG path rather than silently using another ffmpeg', async () => {
    const e = await failure(findFfmpeg({ env: { REELCUT_FFMPEG: '/nowhere/ffmpeg', PATH: SYSTEM_DIR }, skipBundled: true }));
    expect(e.code).toBe('FFMPEG_MISSING');
    expect(e.message).toContain('/nowhere/ffmpeg');
    expectInstallHelp(e.message);
  });

  it('says a binary without the exec bit is not executable and how to fix it', async () => {
    const fake = join(tempDir('reelcut-noexec-'), 'ffmpeg');
    writeFileSync(fake, '#!/bin/sh\nexit 0\n');
    chmodSync(fake, 0o644);
    const e = await failure(findFfmpeg({ env: { REELCUT_FFMPEG: fake, PATH: SYSTEM_DIR } }));
    expect(e.code).toBe('FFMPEG_MISSING');
    expect(e.message).toContain('not executable');
    expect(e.message).toContain(`chmod +x ${fake}`);
  });

  it('says a binary that cannot start (not a program for this system) could not be run', async () => {
    const fake = join(tempDir('reelcut-badexec-'), 'ffmpeg');
    writeFileSync(fake, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 0])); // a truncated ELF header
    chmodSync(fake, 0o755);
    const e = await failure(findFfmpeg({ env: { REELCUT_FFMPEG: fake, PATH: SYSTEM_DIR } }));
    expect(e.code).toBe('FFMPEG_MISSING');
    expect(e.message).toContain(`${fake} could not be run`);
  });

  it('says ffprobe is missing when only ffmpeg can be found', async () => {
    const dir = tempDir('reelcut-noprobe-');
    symlinkSync(SYSTEM_FFMPEG, join(dir, 'ffmpeg'));
    const e = await failure(findFfmpeg({ env: { PATH: dir }, skipBundled: true }));
    expect(e.code).toBe('FFMPEG_MISSING');
    expect(e.message).toContain('not ffprobe');
  });
});
