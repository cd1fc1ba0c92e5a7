// `reelcut edit --music-dir`: music asked for in words comes from the person's folder when a song
// there matches, measured in the output itself; otherwise from the bundled library.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectBeats } from '../../src/analysis/index.js';
import { BIN, writeCliClip, type CliRun } from '../helpers/cli.js';
import { FFMPEG, tempDir, writeBandsClip } from '../helpers/media.js';
import { writeMusicFolder } from '../music/user-fixtures.js';

let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  dir = tempDir('reelcut-cli-music-dir-');
  writeCliClip(dir);
  // Tempo is measured over at least four beats at the slowest tempo: 8 s is enough, 4 s is not.
  writeBandsClip(join(dir, 'long.mp4'), { width: 360, heights: [214, 212, 214], colours: ['red', 'lime', 'blue'], seconds: 8, toneHz: 330 });
  writeMusicFolder(join(dir, 'music'));
  // The scan cache goes to this test's folder, not the person's own cache.
  env = { ...process.env, CI: 'true', REELCUT_CACHE_DIR: join(dir, 'cache') };
  delete env.REELCUT_MUSIC_DIR;
});

function reelcut(args: string[], extraEnv: NodeJS.ProcessEnv = {}): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...env, ...extraEnv } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('reelcut edit --music-dir', () => {
  it('"add music around 128 bpm" plays the 128 BPM song from the folder: named in the summary, 128 BPM measured in the output, check passes', async () => {
    const r = reelcut(['edit', 'long.mp4', 'add music around 128 bpm', '--music-dir', 'music', '-o', 'bpm.mp4']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Music from music: "Night Drive" \(night_drive\.m4a\), 128 bpm asked/);
    expect(r.stdout).toMatch(/BGM: Night Drive \(0-8s, 35%\)/);
    expect(r.stdout).toMatch(/Verdict: ready/);
    const beats = await detectBeats(join(dir, 'bpm.mp4'), { ffmpeg: FFMPEG });
    expect(Math.abs(beats.bpm - 128)).toBeLessThanOrEqual(2);
  });

  it('REELCUT_MUSIC_DIR does the same: a title in the words picks that song', () => {
    const r = reelcut(['edit', 'clip.mp4', 'add music Morning Coffee', '-o', 'title.mp4'], { REELCUT_MUSIC_DIR: join(dir, 'music') });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/"Morning Coffee" \(albums\/morning\.mp3\), its title matches/);
    expect(r.stdout).toMatch(/BGM: Morning Coffee/);
  });

  it('falls back to the bundled library when nothing in the folder matches', () => {
    const r = reelcut(['edit', 'clip.mp4', 'add epic music', '--music-dir', 'music', '-o', 'epic.mp4']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/No song in music matches "epic"; using the bundled library/);
    expect(r.stdout).toMatch(/BGM: Rise \(cinematic\)/);
    expect(r.stdout).toMatch(/Verdict: ready/);
  });
});
