// Number words become digits before any rule runs, so every rule reads "5 seconds" whether the
// person typed "five seconds", "5 seconds" or "五秒".

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };

const UNIT_WORDS = Object.keys(UNITS).join('|');
const TENS_WORDS = Object.keys(TENS).join('|');
const ENGLISH_NUMBER = new RegExp(`\\b(?:(${TENS_WORDS})(?:[- ](${UNIT_WORDS}))?|(${UNIT_WORDS}))\\b`, 'g');

const ZH_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Value of a Chinese numeral up to 999 ("十五", "二十", "一百零五"); NaN when it is not one. */
export function chineseNumeral(s: string): number {
  let total = 0;
  let digit = -1;
  for (const ch of s) {
    if (ch in ZH_DIGITS) digit = ZH_DIGITS[ch]!;
    else if (ch === '十') {
      total += (digit < 0 ? 1 : digit) * 10;
      digit = -1;
    } else if (ch === '百') {
      total += (digit < 0 ? 1 : digit) * 100;
      digit = -1;
    } else return Number.NaN;
  }
  return total + (digit < 0 ? 0 : digit);
}

// 一 is also "a"/"one of" (一点 a bit, 一下 briefly, 一起 together) and 十分 means "very":
// those stay words.
const ZH_NUMBER = /(?<![统唯单同万])[零〇一二两三四五六七八九十百]+(?![点些下起样直定般切刀半丢会])/gu;

export function digitsForNumberWords(text: string): string {
  let out = text
    .replace(/\b(?:a|one) and a half\b/g, '1.5')
    .replace(/\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten) and a half\b/g, (_m, n: string) => `${(UNITS[n] ?? Number(n)) + 0.5}`)
    .replace(/\bhalf an? (second|minute|sec|min)\b/g, '0.5 $1')
    .replace(/\ba (minute|min) and a half\b/g, '1.5 $1')
    .replace(/\ba couple(?: of)?\b/g, '2')
    .replace(/\ban? (minute|min) and\b/g, '1 $1 and')
    .replace(/\b(first|last|final|opening)\s+(second|minute)\b(?!\s+(?:clip|video|shot|one|title|song|track|part))/g, '$1 1 $2')
    // "under a minute", "for a second": here "a" is one (but "a second clip" stays an ordinal).
    .replace(/\b(under|within|less than|more than|about|around|over|for|in|of|than|max|at most|only|just|after)\s+an?\s+(minute|min|second|sec)\b(?!\s+(?:clip|video|shot|one|title|song|track))/g, '$1 1 $2')
    .replace(ENGLISH_NUMBER, (_m, tens?: string, unit2?: string, unit?: string) => {
      if (tens) return String(TENS[tens]! + (unit2 ? UNITS[unit2]! : 0));
      return String(UNITS[unit!]);
    });
  const zhDigits = (s: string) => (/^\d+$/.test(s) ? s : [...s].map((ch) => String(ZH_DIGITS[ch] ?? ch)).join(''));
  out = out
    .replace(/一分为二/g, '分成两半')
    // 十二点五秒, 零点五倍速, 一点五: a decimal point said as 点 (一点 alone is still "a bit").
    .replace(/([零〇一二两三四五六七八九十百\d]+)点([零〇一二三四五六七八九\d]+)/g, (m, a: string, b: string) => {
      const whole = /^\d+$/.test(a) ? Number(a) : chineseNumeral(a);
      return Number.isNaN(whole) ? m : `${whole}.${zhDigits(b)}`;
    })
    .replace(/([零〇一二两三四五六七八九十\d]+)秒半/g, (m, a: string) => {
      const whole = /^\d+$/.test(a) ? Number(a) : chineseNumeral(a);
      return Number.isNaN(whole) ? m : `${whole}.5秒`;
    })
    // 八成 is 80%.
    .replace(/([一二两三四五六七八九])成(?![品片为功绩])/g, (_m, a: string) => `${chineseNumeral(a) * 10}%`)
    .replace(/百分之([零一二两三四五六七八九十百\d]+)/g, (_m, n: string) => `${/\d/.test(n) ? n : chineseNumeral(n)}%`)
    .replace(/([一二两三四五六七八九十\d]+)分之([一二两三四五六七八九十\d]+)/g, (_m, d: string, n: string) => {
      const den = /\d/.test(d) ? Number(d) : chineseNumeral(d);
      const num = /\d/.test(n) ? Number(n) : chineseNumeral(n);
      return den > 0 ? String(Math.round((num / den) * 1000) / 1000) : _m;
    })
    .replace(/一分半/g, '1.5分')
    .replace(/(\d+)分半/g, '$1.5分')
    .replace(/半分钟/g, '30秒')
    .replace(/半秒/g, '0.5秒')
    .replace(ZH_NUMBER, (m, offset: number, whole: string) => {
      if (m === '十' && whole[offset + 1] === '分' && whole[offset + 2] !== '钟') return m;
      // 那一帧 is "that frame", not frame 1.
      if (m === '一' && whole[offset + 1] === '帧') return m;
      if (m.endsWith('十') && whole[offset + m.length] === '分' && !/[钟\d]/.test(whole[offset + m.length + 1] ?? '')) return m;
      const v = chineseNumeral(m);
      return Number.isNaN(v) ? m : String(v);
    });
  // "from the 10 second mark", "before the 0:50 mark": the mark is just the time.
  return out.replace(/\bthe\s+([\d.:]+)(?:[\s-]*(seconds?|secs?|s|minutes?|mins?)\b)?[\s-]*mark\b/g, (_m, t: string, unit?: string) => (unit ? `${t} ${unit}` : t));
}
