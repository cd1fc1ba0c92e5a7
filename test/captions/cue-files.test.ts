// SRT and WebVTT as files people and players exchange: exact bytes out, forgiving in, and a
// malformed file answered with the line to fix.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatSrt, formatVtt, parseSrt, parseVtt, type Cue } from '../../src/captions/index.js';
import { ReelcutError } from '../../src/errors.js';

const cues: Cue[] = [
  { start_ms: 1000, end_ms: 2500, text: 'Hello world' },
  { start_ms: 3_723_004, end_ms: 3_725_000, text: '两行字幕\nsecond line 😀' },
];

function errorOf(f: () => unknown): ReelcutError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ReelcutError);
    return e as ReelcutError;
  }
  throw new Error('expected an error');
}

describe('formatSrt', () => {
  it('numbers cues, writes HH:MM:SS,mmm and separates cues by one blank line', () => {
    expect(formatSrt(cues)).toBe(
      '1\n00:00:01,000 --> 00:00:02,500\nHello world\n\n' + '2\n01:02:03,004 --> 01:02:05,000\n两行字幕\nsecond line 😀\n',
    );
  });

  it('drops blank lines inside a cue (they would end it) and "-->" in text (it would read as a timing)', () => {
    expect(formatSrt([{ start_ms: 0, end_ms: 1, text: 'a\n\n b  \n-->' }])).toBe('1\n00:00:00,000 --> 00:00:00,001\na\n b\n->\n');
  });

  it('writes nothing for no cues', () => {
    expect(formatSrt([])).toBe('');
  });
});

describe('formatVtt', () => {
  it('writes the header, HH:MM:SS.mmm and escapes &, < and >', () => {
    expect(formatVtt([{ start_ms: 1000, end_ms: 2500, text: 'Tom & <Jerry> -->' }])).toBe(
      'WEBVTT\n\n00:00:01.000 --> 00:00:02.500\nTom &amp; &lt;Jerry&gt; --&gt;\n',
    );
    expect(formatVtt([])).toBe('WEBVTT\n');
  });
});

describe('parseSrt', () => {
  it('reads a file with a BOM, CR LF, extra blank lines, markup and no final newline', () => {
    const text = '\uFEFF1\r\n00:00:01,000 --> 00:00:02,500\r\n<i>Hello</i> world\r\n\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000 X1:10 X2:20\r\n{\\an8}top\r\nline two';
    expect(parseSrt(text)).toEqual([
      { start_ms: 1000, end_ms: 2500, text: 'Hello world' },
      { start_ms: 3000, end_ms: 4000, text: 'top\nline two' },
    ]);
  });

  it('reads cues with no numbers, a dot separator and a missing blank line between cues', () => {
    const text = '00:00:01.5 --> 00:00:02,000\nfirst\n7\n00:00:03,000 --> 00:00:04,000\nsecond\n';
    expect(parseSrt(text)).toEqual([
      { start_ms: 1500, end_ms: 2000, text: 'first' },
      { start_ms: 3000, end_ms: 4000, text: 'second' },
    ]);
  });

  it('names the line of a bad timestamp', () => {
    const e = errorOf(() => parseSrt('1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n00:00:03,000 --> 00:0x:04,000\nbad\n'));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toMatch(/^SRT line 6: "00:0x:04,000" is not a timestamp/);
  });

  it('names the line where a timing line was expected', () => {
    expect(errorOf(() => parseSrt('1\nHello\n')).message).toMatch(/^SRT line 2: expected a cue number or a timing line/);
  });

  it('names the line of a cue that ends before it starts', () => {
    expect(errorOf(() => parseSrt('1\n00:00:05,000 --> 00:00:04,000\nx\n')).message).toMatch(/^SRT line 2: the cue ends/);
  });
});

describe('parseVtt', () => {
  it('reads past header text, NOTE and STYLE blocks, identifiers, settings, tags and entities', () => {
    const text = [
      'WEBVTT - made by hand',
      'Kind: captions',
      '',
      'NOTE this is',
      'a comment',
      '',
      'STYLE',
      '::cue { color: red }',
      '',
      'intro',
      '00:01.000 --> 00:02.500 align:start position:10%',
      '<v Roger>Hello &amp; <b>welcome</b>',
      'line two',
      '',
      '01:00:00.000 --> 01:00:01.000',
      '<00:00:00.500>karaoke&gt;',
      '',
    ].join('\r\n');
    expect(parseVtt('\uFEFF' + text)).toEqual([
      { start_ms: 1000, end_ms: 2500, text: 'Hello & welcome\nline two' },
      { start_ms: 3_600_000, end_ms: 3_601_000, text: 'karaoke>' },
    ]);
  });

  it('requires the WEBVTT header on line 1', () => {
    expect(errorOf(() => parseVtt('1\n00:00:01.000 --> 00:00:02.000\nx\n')).message).toMatch(/^WebVTT line 1: a WebVTT file starts with "WEBVTT"/);
  });

  it('names the line of an identifier with no timing after it', () => {
    expect(errorOf(() => parseVtt('WEBVTT\n\nintro\nHello\n')).message).toMatch(/^WebVTT line 4: expected a timing line/);
  });

  it('names the line of a timing line inside a cue (a missing blank line)', () => {
    const e = errorOf(() => parseVtt('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nx\n00:00:03.000 --> 00:00:04.000\ny\n'));
    expect(e.message).toMatch(/^WebVTT line 5:/);
  });
});

describe('round trip', () => {
  // Text as a file can hold it: non-empty lines without surrounding spaces; CJK, emoji and the
  // characters each format has to escape or avoid included.
  const piece = fc.constantFrom('a', 'Z', '7', ' ', '中', '文', 'é', '😀', '👍🏽', '👨‍👩‍👧', '&', '<', '>', '-->', '.', '?', '&amp;');
  const line = fc
    .array(piece, { minLength: 1, maxLength: 12 })
    .map((p) => p.join('').trim())
    .filter((l) => l !== '');
  const cue = fc
    .record({ start_ms: fc.integer({ min: 0, max: 360_000_000 }), length: fc.integer({ min: 0, max: 60_000 }), lines: fc.array(line, { minLength: 1, maxLength: 3 }) })
    .map(({ start_ms, length, lines }) => ({ start_ms, end_ms: start_ms + length, text: lines.join('\n') }));
  const cueList = fc.array(cue, { maxLength: 8 });

  it('parseVtt(formatVtt(cues)) gives the cues back', () => {
    fc.assert(
      fc.property(cueList, (cs) => {
        expect(parseVtt(formatVtt(cs))).toEqual(cs);
      }),
    );
  });

  it('parseSrt(formatSrt(cues)) gives the cues back, "-->" written as "->"', () => {
    fc.assert(
      fc.property(cueList, (cs) => {
        expect(parseSrt(formatSrt(cs))).toEqual(cs.map((c) => ({ ...c, text: c.text.replace(/-->/g, '->') })));
      }),
    );
  });

  it('survives UTF-8 bytes on disk', () => {
    const bytes = Buffer.from(formatSrt(cues), 'utf8');
    expect(parseSrt(bytes.toString('utf8'))).toEqual(cues);
  });
});
