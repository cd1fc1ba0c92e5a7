// `reelcut demo`: the seed's example edit, end to end, on a generated phone-like sample.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { getFfmpeg } from '../media/index.js';
import { planMessage } from '../planner/index.js';
import { formatReport } from '../render/index.js';
import { applyAll, describeAll, exportTimeline, loadInputs, trackSummary, type ExportOutcome } from '../cli/edit-job.js';
import { progressSink } from '../cli/progress.js';
import { makePhoneSample } from './sample.js';

export const DEMO_INSTRUCTION = "crop to square format, add music and add the title 'Urban Dreams' for the first 3 seconds";

export async function runDemo(dir: string, say: (line: string) => void, durationS = 60): Promise<ExportOutcome> {
  await mkdir(dir, { recursive: true });
  const ff = await getFfmpeg();
  say(`Using ffmpeg ${ff.version} (${ff.source}: ${ff.ffmpeg})`);
  const samplePath = join(dir, durationS === 60 ? 'phone-sample.mp4' : `phone-sample-${durationS}s.mp4`);
  say(`Generating a ${durationS} s 1080x1920 phone-like sample at ${samplePath} (once; reused next time)...`);
  await makePhoneSample(ff.ffmpeg, samplePath, { durationS });
  say(`Instruction: "${DEMO_INSTRUCTION}"`);
  const loaded = await loadInputs([samplePath]);
  const plan = planMessage(DEMO_INSTRUCTION, { timeline: loaded.timeline });
  for (const d of describeAll(plan.operations)) say(`• ${d}`);
  const timeline = await applyAll(loaded, loaded.timeline, plan.operations);
  say('');
  say(trackSummary(timeline).text);
  say('');
  const sink = progressSink(process.stderr, 'Rendering');
  const outcome = await exportTimeline(loaded, timeline, join(dir, 'urban-dreams-square.mp4'), (p) => sink.update(p));
  sink.done();
  const seconds = outcome.render.wallMs / 1000;
  say(`Wrote ${outcome.render.outPath} in ${seconds.toFixed(1)} s (${(outcome.render.plan.duration_ms / 1000 / seconds).toFixed(1)}x realtime)`);
  for (const note of outcome.render.notes) say(`note: ${note}`);
  say('');
  say(formatReport(outcome.check));
  return outcome;
}
