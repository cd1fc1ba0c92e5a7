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
  `\\b(?:${NOUN})\\s*(?:#|no\\.?|number)?\\s*(\\d+)\\b|\\b(?:the\\s+)?${ORD}\\s+${NOUN}\\b|\\b(?:the\\s+)?(last|final)\\s+${NOUN}\\b|第\\s*(\\d+)\\s*${ZH_NOUN}|(最后)\\s*(?:一|1)?\\s*${ZH_NOUN}`,
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
  if (m[3] || m[5]) {
    if (!facts) return { needs: 'the last clip', match: m[0] };
    return { clip: facts.clipCount, match: m[0] };
  }
  const n = m[1] ?? m[4] ? Number(m[1] ?? m[4]) : ordinal(m[2]!);
  if (!n || n < 1) return null;
  return { clip: n, match: m[0] };
}
