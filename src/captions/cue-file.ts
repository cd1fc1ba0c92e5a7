// What SRT and WebVTT share: the lines of a file (BOM and CR LF removed), the timing line
// `start --> end [settings]`, and errors that name the line a person has to fix.
import { invalidInput, type ReelcutError } from '../errors.js';
import { parseTimestamp } from './timestamps.js';
import type { Cue } from './transcript.js';

export type CueFormat = 'SRT' | 'WebVTT';

export function fileLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
}

export function isBlank(line: string): boolean {
  return line.trim() === '';
}

export function isTimingLine(line: string): boolean {
  return line.includes('-->');
}

export function malformed(format: CueFormat, lineNo: number, why: string): ReelcutError {
  return invalidInput(`${format} line ${lineNo}: ${why}`, { line: lineNo });
}

const EXAMPLE: Record<CueFormat, string> = { SRT: '00:00:01,000 --> 00:00:02,500', WebVTT: '00:00:01.000 --> 00:00:02.500' };

/** Start and end of a timing line; cue settings after the end time are read past. */
export function parseTiming(format: CueFormat, line: string, lineNo: number): { start_ms: number; end_ms: number } {
  const m = /^\s*(\S+)\s+-->\s+(\S+)(?:\s.*)?$/.exec(line);
  if (!m) throw malformed(format, lineNo, `expected a timing line like "${EXAMPLE[format]}", found ${JSON.stringify(line)}.`);
  const [, rawStart = '', rawEnd = ''] = m;
  const start_ms = parseTimestamp(rawStart);
  const end_ms = parseTimestamp(rawEnd);
  for (const [raw, ms] of [[rawStart, start_ms], [rawEnd, end_ms]] as const) {
    if (ms === null) {
      throw malformed(format, lineNo, `${JSON.stringify(raw)} is not a timestamp; write it as in "${EXAMPLE[format]}".`);
    }
  }
  if (end_ms! < start_ms!) {
    throw malformed(format, lineNo, `the cue ends (${rawEnd}) before it starts (${rawStart}).`);
  }
  return { start_ms: start_ms!, end_ms: end_ms! };
}

/** Cue text as lines a file can hold: no blank lines (they would end the cue), no trailing spaces. */
export function textLines(cue: Cue): string[] {
  return cue.text
    .split(/\r\n?|\n/)
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '');
}
