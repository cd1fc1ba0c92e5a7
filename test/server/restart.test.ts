// A crash of `reelcut serve` (SIGKILL of the child process) loses nothing a client was promised:
// the render in flight is queued again at the next start and completes with a valid file, no
// half-written output is left behind, the bearer token still works (tokens live in SQLite), and
// the undo history of a session is still there.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runReelcut } from '../helpers/cli.js';
import { ffmpegStderr, probe, tempDir } from '../helpers/media.js';
import { call, downloadTo, getState, newSession, newToken, phoneClip, pollRender, runSse, startChildServer, upload, type ChildServer } from './harness.js';

const children: ChildServer[] = [];
const dataDirs: string[] = [];

async function start(dataDir: string): Promise<ChildServer> {
  const c = await startChildServer(dataDir);
  children.push(c);
  return c;
}

afterAll(async () => {
  for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) await c.stop();
  // A SIGKILLed server cannot take its ffmpeg with it: the encode it started runs on, orphaned,
  // until it finishes. Those are this file's processes, found by the data dir they write to.
  for (const pid of ffmpegsWritingUnder(dataDirs)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // It finished in the meantime.
    }
  }
});

/** Alive and not a zombie waiting to be reaped. */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) [ZX] /.test(stat);
  } catch {
    return false;
  }
}

/** Pids of ffmpeg processes whose command line names one of `dirs` (Linux /proc; none elsewhere). */
function ffmpegsWritingUnder(dirs: string[]): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((n) => /^\d+$/.test(n));
  } catch {
    return [];
  }
  return entries.flatMap((n) => {
    try {
      const argv = readFileSync(`/proc/${n}/cmdline`, 'utf8').split('\0');
      return /ffmpeg$/.test(argv[0] ?? '') && dirs.some((d) => argv.some((a) => a.includes(d))) ? [Number(n)] : [];
    } catch {
      return [];
    }
  });
}

function partialFiles(dataDir: string): string[] {
  return readdirSync(join(dataDir, 'renders')).filter((n) => n.endsWith('.partial.mp4'));
}

/** Mean saturation (signalstats SATAVG, 0 for grey) of the frame at `atSeconds`. */
function saturationAt(file: string, atSeconds: number): number {
  const err = ffmpegStderr(['-ss', String(atSeconds), '-i', file, '-frames:v', '1', '-vf', 'signalstats,metadata=print:key=lavfi.signalstats.SATAVG', '-f', 'null', '-']);
  const m = /SATAVG=([\d.]+)/.exec(err);
  if (!m) throw new Error(`no SATAVG in ffmpeg's output: ${err.slice(-300)}`);
  return Number(m[1]);
}

describe('reelcut serve killed and started again on the same data dir', () => {
  it('a render in flight when the server is SIGKILLed is queued again at start and completes with a valid file, leaving no partial output', async () => {
    const dataDir = tempDir('reelcut-restart-');
    dataDirs.push(dataDir);
    const work = tempDir('reelcut-restart-work-');
    // Long enough, and re-encoded by the look, that the render is still running when it is killed.
    const clip = phoneClip(work, 20, 'long.mp4', '720x1280');
    let server = await start(dataDir);
    const token = await newToken(server.url);
    const sid = await newSession(server.url, token);
    const up = await upload(server.url, token, sid, [clip]);
    expect(up.body.code).toBe(0);
    const bw = await runSse(server.url, token, sid, 'black and white');
    expect(bw.events.flatMap((e) => e.content.parts.flatMap((p) => (p.function_call ? [p.function_call.name] : [])))).toEqual(['apply_filter']);
    const state = await getState(server.url, token, sid);
    expect(state.draft.m.format.filters.map((f: { name: string }) => f.name)).toEqual(['bw']);

    const renderId = `render_${Date.now()}`;
    const posted = await call(server.url, 'POST', '/api/render/proxy/lambda', {
      token,
      json: { id: renderId, sessionId: sid, draft: state.draft, output: { format: 'mp4', quality: 'high' } },
    });
    expect(posted.body.code).toBe(0);
    const mid = await pollRender(server.url, token, renderId, { until: (d) => d.status === 'rendering' && d.progress > 0, intervalMs: 50 });
    expect(mid.last.body.data.status).toBe('rendering');
    expect(mid.last.body.data.progress).toBeGreaterThan(0);
    expect(mid.last.body.data.progress).toBeLessThan(95);
    // The kill lands while the output is being written.
    expect(partialFiles(dataDir)).toHaveLength(1);
    const encodes = ffmpegsWritingUnder([dataDir]);
    expect(encodes).toHaveLength(1);
    await server.kill();

    server = await start(dataDir);
    // The encode the dead server started would run on, orphaned, competing for the cores: the
    // new server stops it before it starts rendering.
    expect(encodes.filter(isRunning)).toEqual([]);
    // The token was stored, not held in memory: it still opens the same account.
    const balance = await call(server.url, 'GET', '/api/credits/balance/simple', { token });
    expect(balance.body.code).toBe(0);
    const again = await call(server.url, 'GET', `/api/render/proxy/lambda/${renderId}`, { token });
    expect(again.body.code).toBe(0);
    expect(['queued', 'rendering', 'completed']).toContain(again.body.data.status);
    const done = await pollRender(server.url, token, renderId, { timeoutMs: 240_000 });
    expect(done.last.body.data).toMatchObject({ id: renderId, status: 'completed', progress: 100 });
    expect(partialFiles(dataDir)).toEqual([]);

    const out = join(work, 'after-restart.mp4');
    const got = await downloadTo(done.last.body.data.output.url, out, token);
    expect(got.status).toBe(200);
    const check = runReelcut(['check', out, '--target', 'reels', '--json'], work);
    const report = JSON.parse(check.stdout) as { ok: boolean; checks: Array<{ status: string }> };
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(report.ok).toBe(true);
    expect(check.code).toBe(0);
    const p = probe(out);
    const v = p.streams.find((s) => s.codec_type === 'video')!;
    expect(v).toMatchObject({ codec_name: 'h264', profile: 'High', pix_fmt: 'yuv420p', width: 1080, height: 1920 });
    expect(p.streams.find((s) => s.codec_type === 'audio')?.codec_name).toBe('aac');
    // Within two frames at 30 fps of the timeline's length: the whole render, not the half before the kill.
    expect(Math.abs(Number(p.format.duration) * 1000 - state.draft.d)).toBeLessThanOrEqual(70);
    // It is the timeline that was asked for: black and white where the source is colourful.
    expect(saturationAt(clip, 10)).toBeGreaterThan(20);
    expect(saturationAt(out, 10)).toBeLessThan(2);
    await server.stop();
    expect(partialFiles(dataDir)).toEqual([]);
  }, 300_000);

  it('the undo history survives a crash: after a restart, "undo" restores the draft from before the last turn', async () => {
    const dataDir = tempDir('reelcut-restart-undo-');
    dataDirs.push(dataDir);
    const work = tempDir('reelcut-restart-work-');
    let server = await start(dataDir);
    const token = await newToken(server.url);
    const sid = await newSession(server.url, token);
    expect((await upload(server.url, token, sid, [phoneClip(work, 3)])).body.code).toBe(0);
    const first = await getState(server.url, token, sid);
    await runSse(server.url, token, sid, 'make it square');
    const square = await getState(server.url, token, sid);
    expect(square.draft.m.format.aspect).toBe('1:1');
    await server.kill();

    server = await start(dataDir);
    const reopened = await getState(server.url, token, sid);
    expect(reopened.draft).toEqual(square.draft);
    expect(reopened.version_id).toBe(square.version_id);
    expect(reopened.can_undo).toBe(true);
    const undo = await runSse(server.url, token, sid, 'undo');
    expect(undo.events.at(-1)?.turn_complete).toBe(true);
    const back = await getState(server.url, token, sid);
    expect(back.draft).toEqual(first.draft);
    expect(back.version_id).toBe(first.version_id);
    await server.stop();
  });
});
