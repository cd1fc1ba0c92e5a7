// Time expressions as creators type them, after number words became digits.
import { describe, expect, it } from 'vitest';
import { digitsForNumberWords } from '../../src/planner/numbers.js';
import { findSpan, parseTime } from '../../src/planner/times.js';

const read = (s: string) => digitsForNumberWords(s.toLowerCase());

describe('parseTime', () => {
  it.each([
    ['0:05', 5000],
    ['1:05', 65000],
    ['1:02:03', 3723000],
    ['0:01.5', 1500],
    ['5s', 5000],
    ['5 sec', 5000],
    ['5 seconds', 5000],
    ['1.5s', 1500],
    ['500ms', 500],
    ['2 min', 120000],
    ['1m30s', 90000],
    ['1 minute 5 seconds', 65000],
    ['1 minute and 5 seconds', 65000],
    ['30-second', 30000],
    ['3秒', 3000],
    ['1分05秒', 65000],
    ['1分钟', 60000],
    ['12', 12000],
  ])('%s is %i ms', (text, ms) => {
    expect(parseTime(text)).toBe(ms);
  });

  it('is null for what is not a time', () => {
    expect(parseTime('soon')).toBeNull();
    expect(parseTime('5x')).toBeNull();
  });
});

describe('number words', () => {
  it.each([
    ['five seconds', '5 seconds'],
    ['twenty-five seconds', '25 seconds'],
    ['half a second', '0.5 second'],
    ['a minute and a half', '1.5 minute'],
    ['三秒', '3秒'],
    ['十五秒', '15秒'],
    ['二十五秒', '25秒'],
    ['一分半', '1.5分'],
    ['半分钟', '30秒'],
    ['两倍速', '2倍速'],
  ])('%s reads as %s', (said, digits) => {
    expect(read(said)).toBe(digits);
  });

  it('leaves 一 as a word where it means "a" or "a bit" and 十分 where it means "very"', () => {
    expect(read('亮一点')).toBe('亮一点');
    expect(read('剪一下')).toBe('剪一下');
    expect(read('十分好看')).toBe('十分好看');
    expect(read('十分钟')).toBe('10分钟');
  });
});

describe('findSpan', () => {
  it.each([
    ['from 1:05 to 1:10', { start_ms: 65000, end_ms: 70000 }],
    ['between 3 and 5 seconds', { start_ms: 3000, end_ms: 5000 }],
    ['3-5s', { start_ms: 3000, end_ms: 5000 }],
    ['0:10–0:25', { start_ms: 10000, end_ms: 25000 }],
    ['from 5 to 10', { start_ms: 5000, end_ms: 10000 }],
    ['the first ten seconds', { end_ms: 10000 }],
    ['从3秒到5秒', { start_ms: 3000, end_ms: 5000 }],
    ['第3秒到第5秒', { start_ms: 3000, end_ms: 5000 }],
    ['3到5秒', { start_ms: 3000, end_ms: 5000 }],
    ['前三秒', { end_ms: 3000 }],
    ['1分05秒到1分10秒', { start_ms: 65000, end_ms: 70000 }],
  ])('%s', (text, span) => {
    expect(findSpan(read(text))).toMatchObject(span);
  });

  it('resolves the last N seconds and "to the end" against the length, and says what it needs without one', () => {
    expect(findSpan(read('the last 5 seconds'), 60000)).toMatchObject({ start_ms: 55000, end_ms: 60000 });
    expect(findSpan(read('最后5秒'), 30000)).toMatchObject({ start_ms: 25000, end_ms: 30000 });
    expect(findSpan(read('from 0:50 to the end'), 60000)).toMatchObject({ start_ms: 50000, end_ms: 60000 });
    expect(findSpan(read('the last 5 seconds'))).toMatchObject({ needs: 'the last 5 s' });
    expect(findSpan(read('from 0:50 to the end'))?.needs).toBeDefined();
  });

  it('refuses a range that runs backwards', () => {
    expect(findSpan(read('from 10 to 5 seconds'))).toBeNull();
  });
});
