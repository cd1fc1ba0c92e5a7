// How a check report reads to a person: one line a check (✓ pass, ! warn, ✗ fail) with what
// Instagram expects and what the file has, then one verdict line. `--json` prints the report
// object itself (formatReportJson).
import type { CheckReport, CheckStatus } from './check.js';
import { TARGET_SPECS } from './check-rules.js';

const MARK: Record<CheckStatus, string> = { pass: '✓', warn: '!', fail: '✗' };

export function formatReport(report: CheckReport): string {
  const spec = TARGET_SPECS[report.target];
  const labelWidth = Math.max(...report.checks.map((c) => c.label.length), 5);
  const expectedWidth = Math.max(...report.checks.map((c) => c.expected.length), 8);
  const lines = [`${report.file} — Instagram ${spec.label} (${spec.aspects.map((a) => a.name).join(' or ')})`];
  for (const c of report.checks) {
    lines.push(`${MARK[c.status]} ${c.label.padEnd(labelWidth)}  ${c.expected.padEnd(expectedWidth)}  ${c.actual}`);
  }
  lines.push(verdictLine(report));
  return lines.join('\n');
}

export function verdictLine(report: CheckReport): string {
  const fails = report.checks.filter((c) => c.status === 'fail').length;
  const warns = report.checks.filter((c) => c.status === 'warn').length;
  const label = TARGET_SPECS[report.target].label;
  const warnText = warns ? ` (${plural(warns, 'warning')})` : '';
  return report.ok
    ? `Verdict: ready for Instagram ${label}${warnText}.`
    : `Verdict: NOT ready for Instagram ${label}: ${plural(fails, 'check')} failed${warns ? `, ${plural(warns, 'warning')}` : ''}.`;
}

export function formatReportJson(report: CheckReport): string {
  return JSON.stringify(report, null, 2);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
