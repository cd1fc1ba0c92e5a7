// `reelcut serve --music-dir`: music asked for in a chat turn comes from the person's folder when
// a song there matches (title, then tempo, then mood), is copied into the session's bin once, and
// is what the render plays (its tempo measured in the download). Otherwise the bundled library.
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { resolveServerOptions } from '../../src/server/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectBeats } from '../../src/analysis/index.js';
import { FFMPEG, tempDir } from '../helpers/media.js';
import { writeMusicFolder } from '../music/user-fixtures.js';
import { call, downloadTo, getState, newSession, newToken, phoneClip, runSse, startChildServer, startServer, upload, waitForRender, type ChildServer } from './harness.js';

let dir: string;
let srv: ChildServer;

beforeAll(async () => {
  dir = tempDir('reelcut-serve-music-dir-');
  writeMusicFolder(join(dir, 'music'));
  srv = await startChildServer(join(dir, 'data'), ['--music-dir', join(dir, 'music')]);
});

afterAll(async () => {
  await srv?.stop();
});

interface Segment { m: { media_id: string } }
const bgm = (state: any): Segment[] => (state.draft.t as Array<{ tt: number; sg: Segment[] }>).filter((t) => t.tt === 1).flatMap((t) => t.sg);
const binEntry = (state: any, id: string) => (state.video_infos as Array<{ media_id: string; name: string }>).find((v) => v.media_id === id);

async function sessionWithClip(): Promise<{ token: string; sid: string }> {
  const token = await newToken(srv.url);
  const sid = await newSession(srv.url, token);
  expect((await upload(srv.url, token, sid, [phoneClip(dir, 8)])).body.code).toBe(0);
  return { token, sid };
}

describe('reelcut serve --music-dir', () => {
  it('"add music around 128 bpm" picks the 128 BPM song, says so, and the rendered download plays 128 BPM', async () => {
    const { token, sid } = await sessionWithClip();
    const turn = await runSse(srv.url, token, sid, 'add music around 128 bpm');
    expect(turn.text).toMatch(/Music from your music folder: "Night Drive" \(night_drive\.m4a\), 128 bpm asked/);
    expect(turn.text).toMatch(/Added music: "night_drive\.m4a"/);
    const state = await getState(srv.url, token, sid);
    const [seg] = bgm(state);
    expect(binEntry(state, seg!.m.media_id)).toMatchObject({ name: 'night_drive.m4a' });

    const id = `render_${Date.now()}`;
    const posted = await call(srv.url, 'POST', '/api/render/proxy/lambda', { token, json: { id, sessionId: sid, draft: state.draft } });
    expect(posted.body.code).toBe(0);
    const done = await waitForRender(srv.url, token, id);
    expect(done.body.data.status).toBe('completed');
    const out = join(dir, 'bpm.mp4');
    expect((await downloadTo(done.body.data.output.url, out, token)).status).toBe(200);
    const beats = await detectBeats(out, { ffmpeg: FFMPEG });
    expect(Math.abs(beats.bpm - 128)).toBeLessThanOrEqual(2);
  });

  it('a title in the words picks that song; asking for the same song again reuses its copy in the bin', async () => {
    const { token, sid } = await sessionWithClip();
    const first = await runSse(srv.url, token, sid, 'add the song Morning Coffee');
    expect(first.text).toMatch(/"Morning Coffee" \(albums\/morning\.mp3\), its title matches/);
    const a = await getState(srv.url, token, sid);
    const binBefore = a.video_infos.length;
    const again = await runSse(srv.url, token, sid, 'put the song Morning Coffee on it, fading in');
    expect(again.text).toMatch(/"Morning Coffee" \(albums\/morning\.mp3\), its title matches/);
    const b = await getState(srv.url, token, sid);
    expect(b.video_infos.length).toBe(binBefore);
    expect(bgm(b).map((s) => s.m.media_id)).toEqual(bgm(a).map((s) => s.m.media_id));
  });

  it('nothing in the folder matching "epic" falls back to the bundled library and says so', async () => {
    const { token, sid } = await sessionWithClip();
    const turn = await runSse(srv.url, token, sid, 'add epic music');
    expect(turn.text).toMatch(/No song in your music folder matches "epic"; using the bundled library/);
    const state = await getState(srv.url, token, sid);
    expect(bgm(state)[0]!.m.media_id).toBe('lib:cinematic-rise');
    expect(state.video_infos).toHaveLength(1);
  });

  it('refuses to start with a music folder that is not there, saying which setting named it', () => {
    expect(() => resolveServerOptions({ musicDir: join(dir, 'nope') }, {})).toThrow(/--music-dir: .*nope is not a folder \(from --music-dir\)/);
    expect(() => resolveServerOptions({}, { REELCUT_MUSIC_DIR: join(dir, 'nope') })).toThrow(/from REELCUT_MUSIC_DIR/);
    const r = spawnSync(process.execPath, ['bin/reelcut', 'serve', '--port', '0', '--music-dir', join(dir, 'nope')], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/is not a folder/);
  });

  it('a folder gone since the start leaves music to the bundled library, and the turn says so', async () => {
    const moving = join(dir, 'moving');
    cpSync(join(dir, 'music'), moving, { recursive: true });
    const s = await startServer({ musicDir: moving, dataDir: join(dir, 'data-moving') });
    try {
      rmSync(moving, { recursive: true });
      const token = await newToken(s.url);
      const sid = await newSession(s.url, token);
      expect((await upload(s.url, token, sid, [phoneClip(dir, 8)])).body.code).toBe(0);
      const turn = await runSse(s.url, token, sid, 'add music around 128 bpm');
      expect(turn.text).toMatch(/music folder cannot be read now/);
      const state = await getState(s.url, token, sid);
      expect(bgm(state)[0]!.m.media_id).toBe('lib:electro-pulse');
    } finally {
      await s.close();
    }
  });

  it('a song over the upload limit is not copied: the turn says why and changes nothing', async () => {
    const s = await startServer({ musicDir: join(dir, 'music'), dataDir: join(dir, 'data-small'), maxUploadBytes: 1_000_000 });
    try {
      const token = await newToken(s.url);
      const sid = await newSession(s.url, token);
      const clip = phoneClip(dir, 2, 'tiny.mp4', '64x112');
      expect((await upload(s.url, token, sid, [clip])).body.code).toBe(0);
      const before = await getState(s.url, token, sid);
      // slow-walk.wav is 1.7 MB of PCM.
      const turn = await runSse(s.url, token, sid, 'add the song Slow Walk');
      expect(turn.text).toMatch(/Could not use your music folder: slow-walk\.wav is \d+ MB; the limit is/);
      expect(turn.text).toMatch(/The timeline is unchanged/);
      const after = await getState(s.url, token, sid);
      expect(after.version_id).toBe(before.version_id);
      expect(after.video_infos).toHaveLength(1);
    } finally {
      await s.close();
    }
  });
});
