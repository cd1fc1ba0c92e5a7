// `reelcut plan` as a person (or a batch evaluation) runs it: the built bin/reelcut, real draft
// files, standard input, exit codes, and a real OpenAI-format server named by the environment.
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { toDraft, trackSummary } from '../../src/timeline/index.js';
import { tempDir } from '../helpers/media.js';
import { completion, fakeServers, json, silent } from '../planner/fake-openai-server.js';
import { draftThree } from '../planner/drafts.js';

const BIN = resolve('bin/reelcut');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment without any model settings the machine running the tests may carry. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: 'true' };
  for (const k of Object.keys(env)) if (k.startsWith('REELCUT_LLM_')) delete env[k];
  return { ...env, ...extra };
}

function reelcut(args: string[], opts: { input?: string } = {}): Run {
  const r = spawnSync(process.execPath, [BIN, 'plan', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: cleanEnv(),
    ...(opts.input === undefined ? {} : { input: opts.input }),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// spawnSync would block the event loop the fake server answers on, so this one is asynchronous.
function reelcutAsync(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, 'plan', ...args], { cwd: dir, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** The one line of JSON a --json run prints, checked to carry exactly the three documented keys. */
function planOf(r: Run): { intent: string; operations: unknown[]; reply: string } {
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const lines = r.stdout.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  const parsed = JSON.parse(lines[0]!) as Record<string, unknown>;
  expect(Object.keys(parsed)).toEqual(['intent', 'operations', 'reply']);
  return parsed as { intent: string; operations: unknown[]; reply: string };
}

let dir: string;
let summary: string;
beforeAll(() => {
  dir = tempDir('reelcut-plan-');
  const timeline = draftThree();
  summary = trackSummary(timeline).text;
  writeFileSync(join(dir, 'timeline.json'), JSON.stringify(timeline, null, 2));
  writeFileSync(join(dir, 'draft.json'), JSON.stringify(toDraft(timeline)));
  writeFileSync(join(dir, 'not-a-timeline.json'), JSON.stringify({ clips: 'three of them', version: 1 }));
  writeFileSync(join(dir, 'broken.json'), '{"clips": [');
});

const serve = fakeServers();

describe('reelcut plan --json', () => {
  it('prints exactly {"intent","operations","reply"} for an English message', () => {
    const plan = planOf(reelcut(['--json', 'crop to square format, add trending music, and overlay captions']));
    expect(plan).toEqual({
      intent: 'edit',
      operations: [
        { op: 'set_aspect', aspect: '1:1', fit: 'fill' },
        { op: 'add_music', query: 'trending' },
        { op: 'add_captions' },
      ],
      reply: expect.stringMatching(/^Cropped to 1:1 .*the trending track .* at 35% and captions on/),
    });
  });

  it('prints the same shape, with a Chinese reply, for a Chinese message', () => {
    const plan = planOf(reelcut(['--json', '裁剪成正方形，加上流行音乐和字幕']));
    expect(plan.intent).toBe('edit');
    expect(plan.operations).toEqual([
      { op: 'set_aspect', aspect: '1:1', fit: 'fill' },
      { op: 'add_music', query: 'pop' },
      { op: 'add_captions' },
    ]);
    expect(plan.reply).toMatch(/^裁剪为 1:1/);
    expect(plan.reply).toMatch(/字幕。$/);
  });

  it('prints a readable plan without --json: the intent, one line per operation, the reply', () => {
    const r = reelcut(['crop to square and add lofi music']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('intent: edit');
    expect(lines[1]).toMatch(/^• Crop to 1:1 .*\{"op":"set_aspect","aspect":"1:1","fit":"fill"\}$/);
    expect(lines[2]).toMatch(/^• Add music: lofi .*\{"op":"add_music","query":"lofi"\}$/);
    expect(lines).toHaveLength(4);
  });
});

describe('reelcut plan --draft', () => {
  for (const file of ['timeline.json', 'draft.json']) {
    it(`resolves "the last clip" against the timeline in ${file}`, () => {
      const plan = planOf(reelcut(['--json', '--draft', file, 'delete the last clip']));
      expect(plan.intent).toBe('edit');
      expect(plan.operations).toEqual([{ op: 'delete_clip', clip: 3 }]);
    });

    it(`answers "show tracks" with the track summary of ${file}`, () => {
      const plan = planOf(reelcut(['--json', '--draft', file, 'show tracks']));
      expect(plan.intent).toBe('status');
      expect(plan.operations).toEqual([]);
      expect(plan.reply).toBe(summary);
      expect(plan.reply).toMatch(/3\. Video: c\.mp4 \(20-30s\).*BGM: Lofi \(0-30s, 35%\)/);
    });
  }

  it('without --draft, guesses nothing for "the last 5 seconds" and asks for the timeline', () => {
    const plan = planOf(reelcut(['--json', 'cut the last 5 seconds']));
    expect(plan.operations).toEqual([]);
    expect(plan.reply).toMatch(/need the timeline/);
    expect(plan.reply).toMatch(/--draft/);

    const withDraft = planOf(reelcut(['--json', '--draft', 'timeline.json', 'cut the last 5 seconds']));
    expect(withDraft.operations).toEqual([{ op: 'cut', start_ms: 25_000, end_ms: 30_000 }]);
  });
});

describe('reelcut plan --jsonl', () => {
  it('prints one JSON object per input line, in order, blank and Chinese lines included', () => {
    const input = ['crop to square', '', '删除第二段', 'show tracks', 'delete the last clip'].join('\n') + '\n';
    const r = reelcut(['--jsonl', '--draft', 'timeline.json'], { input });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines.at(-1)).toBe('');
    const plans = lines.slice(0, -1).map((l) => JSON.parse(l) as { intent: string; operations: unknown[]; reply: string });
    expect(plans).toHaveLength(5);
    for (const p of plans) expect(Object.keys(p)).toEqual(['intent', 'operations', 'reply']);
    expect(plans[0]!.operations).toEqual([{ op: 'set_aspect', aspect: '1:1', fit: 'fill' }]);
    expect(plans[1]!.operations).toEqual([]);
    expect(plans[1]!.reply.length).toBeGreaterThan(0);
    expect(plans[2]!.operations).toEqual([{ op: 'delete_clip', clip: 2 }]);
    expect(plans[2]!.reply).toMatch(/[\u4e00-\u9fff]/);
    expect(plans[3]!.intent).toBe('status');
    expect(plans[3]!.reply).toBe(summary);
    expect(plans[4]!.operations).toEqual([{ op: 'delete_clip', clip: 3 }]);
  });

  it('answers the last line even without a trailing newline, and Windows line ends too', () => {
    const r = reelcut(['--jsonl'], { input: 'make it square\r\nadd lofi music' });
    expect(r.code).toBe(0);
    const plans = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { operations: unknown[] });
    expect(plans.map((p) => p.operations)).toEqual([[{ op: 'set_aspect', aspect: '1:1', fit: 'fill' }], [{ op: 'add_music', query: 'lofi' }]]);
  });

  it('refuses a message argument together with --jsonl (exit 2)', () => {
    const r = reelcut(['--jsonl', 'crop to square'], { input: '' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--jsonl reads messages from standard input/);
    expect(r.stdout).toBe('');
  });
});

describe('reelcut plan refuses what it cannot use', () => {
  it('exits 3 naming a draft file that does not exist', () => {
    const r = reelcut(['--json', '--draft', 'missing.json', 'delete the last clip']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/missing\.json does not exist/);
    expect(r.stdout).toBe('');
  });

  it('exits 2 naming the file and the field when the draft is not a timeline', () => {
    const r = reelcut(['--json', '--draft', 'not-a-timeline.json', 'delete the last clip']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not-a-timeline\.json is not a reelcut timeline: \w+/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(r.stdout).toBe('');
  });

  it('exits 2 when the draft is not JSON at all', () => {
    const r = reelcut(['--json', '--draft', 'broken.json', 'show tracks']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken\.json is not JSON/);
  });

  it('exits 2 asking for a message when given none (and no --jsonl)', () => {
    for (const args of [[], ['--json'], ['   ']]) {
      const r = reelcut(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/Give a message in quotes/);
      expect(r.stdout).toBe('');
    }
  });
});

describe('reelcut plan with a language model named by REELCUT_LLM_URL and REELCUT_LLM_MODEL', () => {
  const UNPLACEABLE = 'make it look like a dream sequence';

  it("plans a message the rules cannot place with the model's operations", async () => {
    const server = await serve(
      json(
        completion({
          model: 'llama3.2:3b',
          toolCalls: [
            { name: 'apply_filter', arguments: '{"name":"fade","intensity":0.6}' },
            { name: 'add_transition', arguments: '{"kind":"crossfade","duration_ms":800}' },
          ],
        }),
      ),
    );
    const r = await reelcutAsync(['--json', '--draft', 'timeline.json', UNPLACEABLE], {
      REELCUT_LLM_URL: server.root,
      REELCUT_LLM_MODEL: 'llama3.2:3b',
    });
    const plan = planOf(r);
    expect(plan.intent).toBe('edit');
    expect(plan.operations).toEqual([
      { op: 'apply_filter', name: 'fade', intensity: 0.6 },
      { op: 'add_transition', kind: 'crossfade', duration_ms: 800 },
    ]);
    expect(plan.reply).toContain('llama3.2:3b');

    expect(server.requests).toHaveLength(1);
    const req = server.requests[0]!;
    expect(req.path).toBe('/v1/chat/completions');
    const body = req.body as { model: string; messages: Array<{ role: string; content: string }> };
    expect(body.model).toBe('llama3.2:3b');
    expect(body.messages.find((m) => m.role === 'user')!.content).toBe(`${UNPLACEABLE}\n\nCurrent tracks:\n${summary}`);
  });

  it('asks the model nothing about a message the rules place', async () => {
    const server = await serve(json(completion({ toolCalls: [{ name: 'undo', arguments: '{}' }] })));
    const r = await reelcutAsync(['--json', 'crop to square and add lofi music'], { REELCUT_LLM_URL: server.root, REELCUT_LLM_MODEL: 'm' });
    expect(planOf(r).operations).toEqual([
      { op: 'set_aspect', aspect: '1:1', fit: 'fill' },
      { op: 'add_music', query: 'lofi' },
    ]);
    expect(server.requests).toHaveLength(0);
  });

  it("keeps the rules' plan, exit 0, with a note when the model times out (REELCUT_LLM_TIMEOUT_MS)", async () => {
    const server = await serve(silent);
    const r = await reelcutAsync(['--json', 'make it look better'], {
      REELCUT_LLM_URL: server.root,
      REELCUT_LLM_MODEL: 'm',
      REELCUT_LLM_TIMEOUT_MS: '300',
    });
    const plan = planOf(r);
    expect(plan.operations).toEqual([{ op: 'adjust_color', contrast: 0.1, saturation: 0.15 }]);
    expect(plan.reply).toMatch(/The language model was not available \(.*0\.3 s.*\), so the built-in rules planned this\./);
    expect(server.requests).toHaveLength(1);
  });

  it('exits 2 naming REELCUT_LLM_URL when it is not an http address', async () => {
    const r = await reelcutAsync(['--json', 'crop to square'], { REELCUT_LLM_URL: 'ftp://127.0.0.1:1', REELCUT_LLM_MODEL: 'm' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/REELCUT_LLM_URL must start with http:\/\//);
    expect(r.stdout).toBe('');
  });
});
