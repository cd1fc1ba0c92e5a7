// SubRip (.srt): numbered cues, `HH:MM:SS,mmm` times, cues separated by one blank line.
import { fileLines, isBlank, isTimingLine, malformed, parseTiming, textLines } from './cue-file.js';
import { formatTimestamp } from './timestamps.js';
import type { Cue } from './transcript.js';

export function formatSrt(cues: readonly Cue[]): string {
  return cues
    .map((cue, i) => {
      const timing = `${formatTimestamp(cue.start_ms, ',')} --> ${formatTimestamp(cue.end_ms, ',')}`;
      // A text line holding "-->" would read back as a timing line: SRT has no escape for it.
      const text = textLines(cue).map((l) => l.replace(/-->/g, '->'));
      return [String(i + 1), timing, ...text].join('\n') + '\n';
    })
    .join('\n');
}

// Players honour a few HTML-like tags and ASS position codes in SRT text; as captions we burn
// the words ourselves, so the markup is dropped rather than shown as text.
const SRT_MARKUP = /<\/?(?:i|b|u|font)(?:\s[^>]*)?>|\{\\an?\d+\}/gi;

/**
 * Cues of an SRT file. Tolerates a BOM, CR LF, missing or wrong cue numbers, several blank lines,
 * and a missing blank line before the next cue's number; reports anything else with its line.
 */
export function parseSrt(text: string): Cue[] {
  const lines = fileLines(text);
  const cues: Cue[] = [];
  let i = 0;
  const startsCue = (at: number): boolean => {
    const line = lines[at] ?? '';
    if (isTimingLine(line)) return true;
    return /^\s*\d+\s*$/.test(line) && isTimingLine(lines[at + 1] ?? '');
  };
  while (i < lines.length) {
    const line = lines[i]!;
    if (isBlank(line)) {
      i += 1;
      continue;
    }
    if (/^\s*\d+\s*$/.test(line)) i += 1; // the cue number; players renumber, so its value is not checked
    const timingLine = lines[i];
    if (timingLine === undefined || !isTimingLine(timingLine)) {
      throw malformed('SRT', i + 1, `expected a cue number or a timing line like "00:00:01,000 --> 00:00:02,500", found ${JSON.stringify(timingLine ?? '(end of file)')}.`);
    }
    const { start_ms, end_ms } = parseTiming('SRT', timingLine, i + 1);
    i += 1;
    const body: string[] = [];
    while (i < lines.length && !isBlank(lines[i]!) && !(body.length > 0 && startsCue(i))) {
      body.push(lines[i]!.trimEnd());
      i += 1;
    }
    cues.push({ start_ms, end_ms, text: body.join('\n').replace(SRT_MARKUP, '') });
  }
  return cues;
}
