// Which Instagram check a finished render must pass: the one its aspect promises. The same
// mapping the CLI's export uses (cli/edit-job.ts checkTargetFor); kept here because jobs/ may not
// reach up into cli/.
import type { CheckReport, CheckTarget } from '../render/index.js';
import type { Timeline } from '../timeline/schema.js';

const ASPECT_TARGET: Record<Timeline['format']['aspect'], CheckTarget> = {
  '9:16': 'reels',
  '1:1': 'square',
  '4:5': 'portrait',
  '16:9': 'landscape',
  '1.91:1': 'landscape',
};

export function checkTargetFor(timeline: Timeline): CheckTarget {
  return ASPECT_TARGET[timeline.format.aspect];
}

/** One line a client can show: what the check failed on, and what it wanted instead. */
export function summariseFailedCheck(report: CheckReport): string {
  const failed = report.checks.filter((c) => c.status === 'fail');
  const items = failed.map((c) => `${c.label}: ${c.actual} (expected ${c.expected})`);
  return `The render does not meet Instagram's ${report.target} requirements: ${items.join('; ')}.`;
}
