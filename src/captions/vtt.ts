// WebVTT (.vtt): a `WEBVTT` header, optional cue identifiers, `HH:MM:SS.mmm` times with optional
// cue settings, and text in which `&`, `<` and `>` are escaped.
import { fileLines, isBlank, isTimingLine, malformed, parseTiming, textLines } from './cue-file.js';
import { formatTimestamp } from './timestamps.js';
import type { Cue } from './transcript.js';

function escapeVtt(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', nbsp: '\u00a0', lrm: '\u200e', rlm: '\u200f', quot: '"', apos: "'" };

function unescapeVtt(text: string): string {
  // Tags (<v Roger>, <c.loud>, <i>, <00:00:01.000>) are styling and karaoke timing, not words.
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|nbsp|lrm|rlm|quot|apos);/g, (_, name: string) => ENTITIES[name] ?? '');
}

export function formatVtt(cues: readonly Cue[]): string {
  const blocks = cues.map((cue) => {
    const timing = `${formatTimestamp(cue.start_ms, '.')} --> ${formatTimestamp(cue.end_ms, '.')}`;
    return [timing, ...textLines(cue).map(escapeVtt)].join('\n') + '\n';
  });
  return ['WEBVTT\n', ...blocks].join('\n');
}

/**
 * Cues of a WebVTT file. Reads past the header's text, NOTE, STYLE and REGION blocks, cue
 * identifiers and cue settings; reports a missing header or a block without timing by its line.
 */
export function parseVtt(text: string): Cue[] {
  const lines = fileLines(text);
  if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? '')) {
    throw malformed('WebVTT', 1, `a WebVTT file starts with "WEBVTT"; found ${JSON.stringify(lines[0] ?? '')}.`);
  }
  let i = 1;
  while (i < lines.length && !isBlank(lines[i]!)) i += 1; // header text ends at the first blank line
  const cues: Cue[] = [];
  while (i < lines.length) {
    if (isBlank(lines[i]!)) {
      i += 1;
      continue;
    }
    const first = lines[i]!;
    if (/^(?:NOTE|STYLE|REGION)(?:[ \t].*)?$/.test(first) && !isTimingLine(first)) {
      while (i < lines.length && !isBlank(lines[i]!)) i += 1;
      continue;
    }
    if (!isTimingLine(first)) i += 1; // a cue identifier
    const timingLine = lines[i];
    if (timingLine === undefined || isBlank(timingLine) || !isTimingLine(timingLine)) {
      throw malformed('WebVTT', i + 1, `expected a timing line like "00:00:01.000 --> 00:00:02.500" after the cue identifier ${JSON.stringify(first)}.`);
    }
    const { start_ms, end_ms } = parseTiming('WebVTT', timingLine, i + 1);
    i += 1;
    const body: string[] = [];
    while (i < lines.length && !isBlank(lines[i]!)) {
      if (isTimingLine(lines[i]!)) {
        throw malformed('WebVTT', i + 1, 'a cue\'s text cannot contain "-->"; is a blank line missing before this cue?');
      }
      body.push(lines[i]!.trimEnd());
      i += 1;
    }
    cues.push({ start_ms, end_ms, text: unescapeVtt(body.join('\n')) });
  }
  return cues;
}
