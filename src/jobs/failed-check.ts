// A failed Instagram check in one line a client can show.
import type { CheckReport } from '../render/index.js';

/** One line a client can show: what the check failed on, and what it wanted instead. */
export function summariseFailedCheck(report: CheckReport): string {
  const failed = report.checks.filter((c) => c.status === 'fail');
  const items = failed.map((c) => `${c.label}: ${c.actual} (expected ${c.expected})`);
  return `The render does not meet Instagram's ${report.target} requirements: ${items.join('; ')}.`;
}
