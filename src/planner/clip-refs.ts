// "clip 2", "the second clip", "第二段", "the last clip": 1-based clip numbers as people count them.
import type { TimelineFacts } from './rules/types.js';

const ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
};
const ORD = `(${Object.keys(ORDINALS).join('|')}|\\d+(?:st|nd|rd|th))`;
const NOUN = `(?:clip|video|shot|part|segment|scene|section|one|file)s?`;
const ZH_NOUN = `(?:段|个|条|部分|片段|镜头|个片段|段视频|个视频|个镜头)`;

export interface ClipRef {
  clip?: number;
  /** "the last clip" with no timeline to count. */
  needs?: string;
  match: string;
}

export const CLIP_REF = new RegExp(
  [
    String.raw`\b(?:${NOUN})\s*(?:#|no\.?|number)?\s*(\d+)\b`,
    String.raw`\b(?:the\s+)?${ORD}\s+${NOUN}\b`,
    String.raw`\b(?:the\s+)?(last|final|closing)\s+${NOUN}\b|(最后|末尾)\s*(?:那|这)?\s*(?:一|1)?\s*${ZH_NOUN}`,
    String.raw`\b(?:the\s+)?(second[- ]to[- ]last|penultimate|next[- ]to[- ]last)\s+${NOUN}\b|倒数第\s*(\d+)\s*${ZH_NOUN}`,
    String.raw`第\s*(\d+)\s*${ZH_NOUN}`,
    String.raw`\b(?:the\s+)?(middle|center|centre)\s+${NOUN}\b|(中间)\s*(?:那|的那|的|一|1)?\s*${ZH_NOUN}(?!\s*(?:\d|从))`,
    String.raw`\b(?:the\s+)?(opening)\s+${NOUN}\b|(开头|最前面)\s*(?:那|的那|的|一|1)?\s*${ZH_NOUN}`,
  ].join('|'),
);

export function ordinal(word: string): number | undefined {
  if (word in ORDINALS) return ORDINALS[word];
  const m = /^(\d+)(?:st|nd|rd|th)$/.exec(word);
  return m ? Number(m[1]) : undefined;
}

/** The first clip reference in `text`, resolved against the timeline where it needs one. */
export function findClipRef(text: string, facts?: TimelineFacts): ClipRef | null {
  const m = CLIP_REF.exec(text);
  if (!m) return null;
  // Groups: 1 clip N, 2 ordinal, 3/4 last, 5/6 counted from the end, 7 第N段, 8/9 middle, 10/11 opening.
  if (m[10] || m[11]) return { clip: 1, match: m[0] };
  if (m[8] || m[9]) {
    if (!facts) return { needs: 'the middle clip', match: m[0] };
    // Of an even number of clips there is no one middle clip.
    return facts.clipCount % 2 === 1 ? { clip: (facts.clipCount + 1) / 2, match: m[0] } : null;
  }
  const fromEnd = m[5] ? 2 : m[6] ? Number(m[6]) : m[3] || m[4] ? 1 : 0;
  if (fromEnd) {
    if (!facts) return { needs: fromEnd === 1 ? 'the last clip' : `clip ${fromEnd} from the end`, match: m[0] };
    const n = facts.clipCount - fromEnd + 1;
    return n >= 1 ? { clip: n, match: m[0] } : null;
  }
  const n = m[1] ?? m[7] ? Number(m[1] ?? m[7]) : ordinal(m[2]!);
  if (!n || n < 1) return null;
  return { clip: n, match: m[0] };
}
