import { describe, expect, it } from 'vitest';
import { captionLines, captionTokens, spreadWords } from '../../src/timeline/index.js';

describe('caption words', () => {
  it('splits on spaces, and Chinese into characters with their punctuation', () => {
    expect(captionTokens('  hello   world ')).toEqual(['hello', 'world']);
    expect(captionTokens('今天，很好！ ok')).toEqual(['今', '天，', '很', '好！', 'ok']);
    expect(captionTokens('我爱NYC')).toEqual(['我', '爱', 'NYC']);
  });

  it('spreads words evenly over a span', () => {
    expect(spreadWords(['a', 'b', 'c'], 1000, 2000).map((w) => [w.start_ms, w.end_ms])).toEqual([
      [1000, 1333],
      [1333, 1667],
      [1667, 2000],
    ]);
  });

  it('groups words into lines at sentence ends, pauses, 7 words or 3 s', () => {
    const w = (text: string, start_ms: number, end_ms: number) => ({ text, start_ms, end_ms });
    const lines = captionLines([
      w('Hi.', 0, 200),
      w('this', 200, 400),
      w('is', 400, 600),
      w('after', 1000, 1200),
      ...'a b c d e f g h'.split(' ').map((t, i) => w(t, 1200 + i * 200, 1400 + i * 200)),
    ]);
    expect(lines.map((l) => l.text)).toEqual(['Hi.', 'this is', 'after a b c d e f', 'g h']);
    expect(lines[2]).toMatchObject({ first: 3, count: 7, start_ms: 1000, end_ms: 2400 });
    const slow = captionLines([w('one', 0, 1500), w('two', 1500, 3000), w('three', 3000, 4500)]);
    expect(slow.map((l) => l.text)).toEqual(['one two', 'three']);
  });
});
