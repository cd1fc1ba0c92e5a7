// Render plan → one ffmpeg argv (without the binary). Pure; the runner adds its own progress
// options in front and spawns it with an argv array, never a shell.
import type { RenderPlan } from './plan.js';

export function planToArgs(plan: RenderPlan, outPath: string): string[] {
  const args = ['-hide_banner', '-y'];
  for (const input of plan.inputs) args.push(...input.before, '-i', input.path);
  args.push('-filter_complex', plan.chains.join(';'));
  args.push('-map', plan.videoOut, '-map', plan.audioOut);
  args.push(...plan.output, outPath);
  return args;
}
