// `reelcut demo`: the seed's example edit, end to end, on a generated phone-like sample of a
// creator talking. A machine with only Node and ffmpeg still gets a demo: the silent sample and
// an edit that needs no speech (a title instead of captions), and one line on what to install.
import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { findSpeechEngine } from '../captions/index.js';
import { getFfmpeg, type FfmpegInfo } from '../media/index.js';
import { planMessage } from '../planner/index.js';
import { formatReport } from '../render/index.js';
import { applyAll, describeAll, exportTimeline, loadInputs, trackSummary, type ExportOutcome } from '../cli/edit-job.js';
import { progressSink } from '../cli/progress.js';
import { makePhoneSample } from './sample.js';

/** The seed's own example, word for word. */
export const DEMO_INSTRUCTION = 'crop to square format, add trending music, and overlay captions';
/** What the demo asks for when this machine cannot make or hear speech. */
export const SILENT_DEMO_INSTRUCTION = "crop to square format, add music and add the title 'Urban Dreams' for the first 3 seconds";
export const TALKING_DEMO_HINT =
  'For the talking demo with captions, install a speech synthesiser and recogniser: sudo apt-get install espeak-ng pocketsphinx pocketsphinx-en-us';

interface DemoPlan {
  espeakNg?: string;
  instruction: string;
  sampleName: string;
  outName: string;
}

export async function runDemo(dir: string, say: (line: string) => void, durationS = 60, env: NodeJS.ProcessEnv = process.env): Promise<ExportOutcome> {
  const started = Date.now();
  await mkdir(dir, { recursive: true });
  const ff = await getFfmpeg();
  say(`Using ffmpeg ${ff.version} (${ff.source}: ${ff.ffmpeg})`);
  const demo = await chooseDemo(ff, durationS, env);
  if (!demo.espeakNg) say(TALKING_DEMO_HINT);
  const samplePath = join(dir, demo.sampleName);
  const talking = demo.espeakNg ? ' talking' : '';
  say(`Generating a ${durationS} s 1080x1920${talking} phone-like sample at ${samplePath} (once; reused next time)...`);
  await makePhoneSample(ff.ffmpeg, samplePath, { durationS, ...(demo.espeakNg ? { speech: { espeakNg: demo.espeakNg } } : {}) });
  say(`Instruction: "${demo.instruction}"`);
  const loaded = await loadInputs([samplePath]);
  const plan = planMessage(demo.instruction, { timeline: loaded.timeline });
  for (const d of describeAll(plan.operations)) say(`• ${d}`);
  const prepared = Date.now();
  const timeline = await applyAll(loaded, loaded.timeline, plan.operations);
  if (demo.espeakNg) say(`Transcribed the speech in ${((Date.now() - prepared) / 1000).toFixed(1)} s`);
  say('');
  say(trackSummary(timeline).text);
  say('');
  const sink = progressSink(process.stderr, 'Rendering');
  const outcome = await exportTimeline(loaded, timeline, join(dir, demo.outName), (p) => sink.update(p));
  sink.done();
  const seconds = outcome.render.wallMs / 1000;
  say(`Wrote ${outcome.render.outPath} in ${seconds.toFixed(1)} s (${(outcome.render.plan.duration_ms / 1000 / seconds).toFixed(1)}x realtime)`);
  for (const note of outcome.render.notes) say(`note: ${note}`);
  say(`The whole demo took ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  say('');
  say(formatReport(outcome.check));
  return outcome;
}

/** The talking demo when espeak-ng and a speech recogniser are both here, else the silent one. */
async function chooseDemo(ff: FfmpegInfo, durationS: number, env: NodeJS.ProcessEnv): Promise<DemoPlan> {
  const seconds = durationS === 60 ? '' : `-${durationS}s`;
  const espeakNg = await findOnPath('espeak-ng', env.PATH);
  let canHear = true;
  try {
    findSpeechEngine(env, ff);
  } catch {
    canHear = false;
  }
  if (espeakNg && canHear) {
    // "talking" in the name: a silent sample cached by an older demo is never taken for this one.
    return { espeakNg, instruction: DEMO_INSTRUCTION, sampleName: `phone-sample-talking${seconds}.mp4`, outName: 'seed-example-square.mp4' };
  }
  return { instruction: SILENT_DEMO_INSTRUCTION, sampleName: `phone-sample${seconds}.mp4`, outName: 'urban-dreams-square.mp4' };
}

async function findOnPath(program: string, path: string | undefined): Promise<string | undefined> {
  for (const folder of (path ?? '').split(delimiter)) {
    if (!folder) continue;
    const candidate = join(folder, program);
    if (await access(candidate, constants.X_OK).then(() => true, () => false)) return candidate;
  }
  return undefined;
}
