// planInstruction's contract, pinned against a real OpenAI-format HTTP server on 127.0.0.1: the
// rules plan alone unless a model is configured and they could not fully place the message; the
// model sees only the message and the track summary; its calls pass the operation schemas; and
// any failure leaves the rules' plan standing with a note in the person's language.
import { replyLine } from '../../src/planner/reply-lines.js';
import { describe, expect, it } from 'vitest';
import { describeOperationIn, safeParseOperation, type Operation } from '../../src/operations/index.js';
import { planInstruction } from '../../src/planner/plan-instruction.js';
import { planMessage } from '../../src/planner/plan.js';
import { trackSummary } from '../../src/timeline/index.js';
import { draftThree } from './drafts.js';
import { completion, fakeServers, json, llmConfigFor, silent, startFakeServer, type FakeServer } from './fake-openai-server.js';

const serve = fakeServers();

const llm = llmConfigFor;

function userTurn(server: FakeServer, i = 0): string {
  const body = server.requests[i]!.body as { messages: Array<{ role: string; content: string }> };
  const users = body.messages.filter((m) => m.role === 'user');
  expect(users).toHaveLength(1);
  return users[0]!.content;
}

// Nothing in the rules reads any of this: they answer with "I did not understand".
const UNPLACEABLE = 'make it look like a dream sequence';
const UNPLACEABLE_ZH = '把它做成九十年代MV的感觉';

const MODEL_CALLS = [
  { name: 'apply_filter', arguments: '{"name":"vintage","intensity":0.8}' },
  { name: 'add_transition', arguments: '{"kind":"crossfade"}' },
  // Padded text: the schema trims it, so the operation that comes back is the validated one.
  { name: 'add_text', arguments: '{"text":"  1997  ","end_ms":3000}' },
];
const MODEL_OPS: Operation[] = [
  { op: 'apply_filter', name: 'vintage', intensity: 0.8 },
  { op: 'add_transition', kind: 'crossfade' },
  { op: 'add_text', text: '1997', end_ms: 3000 },
];

describe('when the rules plan alone', () => {
  it('makes no request without a model configured, even for a message the rules cannot place', async () => {
    const server = await serve(json(completion({ toolCalls: MODEL_CALLS })));
    for (const cfg of [undefined, null]) {
      const plan = await planInstruction(UNPLACEABLE, cfg === undefined ? {} : { llm: cfg });
      expect(plan.planner).toBe('rules');
      expect(plan.operations).toEqual([]);
      expect(plan.unknown).toEqual([UNPLACEABLE]);
      expect(plan.reply).toMatch(/did not understand/);
    }
    expect(server.requests).toHaveLength(0);
  });

  it('makes no request when the rules fully place the message, and returns exactly their plan', async () => {
    const server = await serve(json(completion({ toolCalls: MODEL_CALLS })));
    const message = 'crop to square and add lofi music';
    const plan = await planInstruction(message, { llm: llm(server) });
    expect(server.requests).toHaveLength(0);
    expect(plan.planner).toBe('rules');
    expect(plan.operations).toEqual([
      { op: 'set_aspect', aspect: '1:1', fit: 'fill' },
      { op: 'add_music', query: 'lofi' },
    ]);
    expect(plan).toEqual({ ...planMessage(message), planner: 'rules' });
  });

  it('makes no request for a status question or an edit resolved against the timeline', async () => {
    const server = await serve(json(completion({ toolCalls: MODEL_CALLS })));
    const timeline = draftThree();
    const status = await planInstruction('show tracks', { timeline, llm: llm(server) });
    expect(status.intent).toBe('status');
    expect(status.reply).toBe(trackSummary(timeline).text);
    const del = await planInstruction('delete the last clip', { timeline, llm: llm(server) });
    expect(del.operations).toEqual([{ op: 'delete_clip', clip: 3 }]);
    expect(server.requests).toHaveLength(0);
    expect([status.planner, del.planner]).toEqual(['rules', 'rules']);
  });
});

describe('when the model plans', () => {
  it("turns the model's valid tool calls into the operations and names the model in the reply", async () => {
    const server = await serve(json(completion({ model: 'qwen2.5:7b-instruct', toolCalls: MODEL_CALLS })));
    const plan = await planInstruction(UNPLACEABLE, { llm: llm(server) });
    expect(server.requests).toHaveLength(1);
    expect(plan.planner).toBe('model');
    expect(plan.intent).toBe('edit');
    expect(plan.operations).toEqual(MODEL_OPS);
    for (const op of plan.operations) expect(safeParseOperation(op).ok).toBe(true);
    expect(plan.reply).toContain('qwen2.5:7b-instruct');
    // The reply joins the reply lines into one sentence, lower-casing all but the first.
    for (const op of MODEL_OPS) expect(plan.reply.toLowerCase()).toContain(replyLine('en', op, {}).toLowerCase());
    expect(plan.reply).not.toMatch(/did not understand/);
    expect(plan.unknown).toEqual([]);
    expect(plan.needs).toEqual([]);
  });

  it('sends the message alone as the user turn when there is no timeline', async () => {
    const server = await serve(json(completion({ toolCalls: MODEL_CALLS })));
    await planInstruction(UNPLACEABLE, { llm: llm(server) });
    expect(userTurn(server)).toBe(UNPLACEABLE);
  });

  it('sends the message and the track summary, and nothing else from the timeline', async () => {
    const server = await serve(json(completion({ toolCalls: MODEL_CALLS })));
    const timeline = draftThree();
    // A path on disk and a caption's words are in the timeline but must not reach the model.
    timeline.media[0]!.path = '/home/someone/private/a-original.mp4';
    const summary = trackSummary(timeline).text;
    expect(summary).toMatch(/Video: a\.mp4 .*BGM: Lofi .*Captions: 5 words/);

    const plan = await planInstruction(UNPLACEABLE, { timeline, llm: llm(server) });
    expect(plan.planner).toBe('model');
    const user = userTurn(server);
    expect(user).toContain(UNPLACEABLE);
    expect(user).toContain(summary);
    const rest = user.replace(UNPLACEABLE, '').replace(summary, '');
    expect(rest.trim().length).toBeLessThan(30);
    expect(rest).not.toMatch(/[\\/.]|\d/);
    const wire = JSON.stringify(server.requests[0]!.body);
    expect(wire).not.toContain('/home/someone');
    expect(wire).not.toContain('hello from the beach');
  });

  it("replaces the rules' default for a vague wish with the model's operations", async () => {
    const message = 'make it look better';
    const rules = planMessage(message);
    expect(rules.vague).toBe(true);
    expect(rules.operations).toEqual([{ op: 'adjust_color', contrast: 0.1, saturation: 0.15 }]);

    const server = await serve(json(completion({ toolCalls: [{ name: 'apply_filter', arguments: '{"name":"cinematic"}' }] })));
    const plan = await planInstruction(message, { llm: llm(server) });
    expect(server.requests).toHaveLength(1);
    expect(userTurn(server)).toBe(message);
    expect(plan.planner).toBe('model');
    expect(plan.operations).toEqual([{ op: 'apply_filter', name: 'cinematic' }]);
    expect(plan.vague).toBe(false);
    expect(plan.reply).not.toMatch(/contrast \+10%/);
  });

  it('asks the model about a vague wish the rules answer only with choices', async () => {
    const server = await serve(json(completion({ toolCalls: [{ name: 'set_aspect', arguments: '{"aspect":"9:16","fit":"fill"}' }] })));
    const plan = await planInstruction('make it viral', { llm: llm(server) });
    expect(server.requests).toHaveLength(1);
    expect(plan.planner).toBe('model');
    expect(plan.operations).toEqual([{ op: 'set_aspect', aspect: '9:16', fit: 'fill' }]);
  });

  it('answers a Chinese message in Chinese, naming the model', async () => {
    const server = await serve(json(completion({ model: 'qwen2.5:3b', toolCalls: [{ name: 'apply_filter', arguments: '{"name":"vintage"}' }] })));
    const plan = await planInstruction(UNPLACEABLE_ZH, { llm: llm(server) });
    expect(userTurn(server)).toBe(UNPLACEABLE_ZH);
    expect(plan.planner).toBe('model');
    expect(plan.language).toBe('zh');
    expect(plan.operations).toEqual([{ op: 'apply_filter', name: 'vintage' }]);
    expect(plan.reply).toContain('由语言模型 qwen2.5:3b 规划');
    expect(plan.reply).toContain(describeOperationIn('zh', { op: 'apply_filter', name: 'vintage' }, {}));
  });

  // docs/PLANNER.md: the model gets "messages the rules cannot fully place". This one the rules
  // read only as "music" (add_music trending) and drop "feel like a 90s ... video" unsaid.
  it('sends a message the rules only half read ("make it feel like a 90s music video") to the model', async () => {
    const server = await serve(json(completion({ toolCalls: MODEL_CALLS })));
    const plan = await planInstruction('make it feel like a 90s music video', { llm: llm(server) });
    expect(server.requests).toHaveLength(1);
    expect(plan.planner).toBe('model');
    expect(plan.operations).toEqual(MODEL_OPS);
  });
});

describe("when the model's answer is partly or wholly unusable", () => {
  it('drops invalid tool calls with a note in the reply and keeps the valid ones', async () => {
    const server = await serve(
      json(
        completion({
          toolCalls: [
            { name: 'apply_filter', arguments: '{"name":"vintage"}' },
            { name: 'make_it_90s', arguments: '{}' },
            { name: 'set_speed', arguments: '{"factor":10}' },
            { name: 'add_transition', arguments: '{"kind":"crossfade"}' },
          ],
        }),
      ),
    );
    const plan = await planInstruction(UNPLACEABLE, { llm: llm(server) });
    expect(plan.planner).toBe('model');
    expect(plan.operations).toEqual([
      { op: 'apply_filter', name: 'vintage' },
      { op: 'add_transition', kind: 'crossfade' },
    ]);
    expect(plan.reply).toMatch(/Ignored 2 invalid calls from the model/);
    expect(plan.reply).toContain('make_it_90s (not a reelcut operation)');
    expect(plan.reply).toMatch(/set_speed \(set_speed: .*factor/);
  });

  it('keeps the rules\' plan when every call is invalid, and says why', async () => {
    const server = await serve(json(completion({ toolCalls: [{ name: 'set_aspect', arguments: '{"aspect":"3:2"}' }] })));
    const plan = await planInstruction(UNPLACEABLE, { llm: llm(server) });
    expect(plan.planner).toBe('rules');
    expect(plan.operations).toEqual([]);
    expect(plan.reply).toMatch(/did not understand/);
    expect(plan.reply).toMatch(/Ignored 1 invalid call from the model: set_aspect/);
  });

  it("keeps the rules' plan and adds the model's words when it calls no tool", async () => {
    const said = 'I can add a VHS look if you like: say "vintage".';
    const server = await serve(json(completion({ content: said })));
    const vague = 'make it look better';
    const plan = await planInstruction(vague, { llm: llm(server) });
    expect(server.requests).toHaveLength(1);
    const rules = planMessage(vague);
    expect(plan.planner).toBe('rules');
    expect(plan.operations).toEqual(rules.operations);
    expect(plan.reply).toContain(rules.reply);
    expect(plan.reply).toContain(said);

    const plan2 = await planInstruction(UNPLACEABLE, { llm: llm(server) });
    expect(plan2.planner).toBe('rules');
    expect(plan2.operations).toEqual([]);
    expect(plan2.reply).toContain(said);
  });
});

describe('when the model is not available', () => {
  it("falls back to the rules' plan with a note when the model never answers", async () => {
    const server = await serve(silent);
    const message = 'make it look better';
    const started = Date.now();
    const plan = await planInstruction(message, { llm: llm(server, { timeoutMs: 300 }) });
    expect(Date.now() - started).toBeLessThan(4000);
    expect(server.requests).toHaveLength(1);
    const rules = planMessage(message);
    expect(plan.planner).toBe('rules');
    expect(plan.operations).toEqual(rules.operations);
    expect(plan.reply.startsWith(rules.reply)).toBe(true);
    expect(plan.reply).toMatch(/The language model was not available \(.*did not answer within 0\.3 s.*\), so the built-in rules planned this\./);
    expect(plan.notes.at(-1)).toMatch(/not available/);
  });

  it('says so in Chinese for a Chinese message', async () => {
    const server = await serve(silent);
    const message = '好看一点';
    const plan = await planInstruction(message, { llm: llm(server, { timeoutMs: 300 }) });
    const rules = planMessage(message);
    expect(plan.planner).toBe('rules');
    expect(plan.operations).toEqual(rules.operations);
    expect(plan.reply.startsWith(rules.reply)).toBe(true);
    expect(plan.reply).toMatch(/语言模型不可用（.*），改用内置规则。$/);
  });

  it("falls back to the rules' plan with a note on HTTP 500", async () => {
    const server = await serve(json({ error: { message: 'model crashed while loading' } }, 500));
    const plan = await planInstruction(UNPLACEABLE, { llm: llm(server) });
    expect(server.requests).toHaveLength(1);
    expect(plan.planner).toBe('rules');
    expect(plan.operations).toEqual([]);
    expect(plan.reply).toMatch(/did not understand/);
    expect(plan.reply).toMatch(/The language model was not available \(.*HTTP 500: model crashed while loading\)/);

    const zh = await planInstruction(UNPLACEABLE_ZH, { llm: llm(server) });
    expect(zh.planner).toBe('rules');
    expect(zh.reply).toMatch(/语言模型不可用（.*HTTP 500.*），改用内置规则。/);
  });

  it('falls back when nothing listens at the address', async () => {
    // Started outside `serve`, so nothing closes it a second time.
    const server = await startFakeServer(silent);
    const cfg = llm(server);
    await server.close();
    const plan = await planInstruction(UNPLACEABLE, { llm: cfg });
    expect(plan.planner).toBe('rules');
    expect(plan.reply).toMatch(/The language model was not available \(could not reach/);
  });
});
