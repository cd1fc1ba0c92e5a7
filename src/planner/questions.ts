// Questions are not edits. A question about Instagram gets its answer (docs INSTAGRAM.md); any
// other question gets what reelcut can do. "Can you add music?" is a request, not a question.
import type { Language } from './text.js';

// "do a horizontal flip" is a request; "do I need…" asks.
const QUESTION = /^(?:so\s+|and\s+|but\s+)?(?:how|what|when|why|which|where|who|is|are|should|will it|would it|whats|what's|how's)\b|^(?:so\s+|and\s+|but\s+)?(?:does|do|did)\s+(?:i|you|we|they|it|this|that|reelcut|instagram)\b|\b(?:is|are) asking (?:whether|if|why|how|what)\b|\bwants? to know (?:why|whether|if|how|what)\b|\bwonder(?:s|ing)? (?:whether|if|why|how)\b/;
const REQUEST = /\b(?:can|could|would|will) you\b|\bwould it be possible\b|\bwould you mind\b|\bis there a way to\b|\b(?:can|could) (?:i|we)\b|\bis it possible\b|\bi (?:want|need|would like)\b|\bi'd like\b|\bhow about\b|\bwhat about\b|\bwhy not\b|\bplease\b|\bpls\b/;
const ZH_QUESTION = /什么尺寸|多大尺寸|是什么|(?:吗|呢|多少|多长|多久|几秒|什么|怎么|为什么|哪)[?？]?$|^(?:怎么|为什么|什么|多长|多久)|最适合|多长的|多久的|什么时候|有没有|是不是|能不能(?!帮)/;
const ZH_REQUEST = /帮我|请|给我|能不能|可不可以|可以.*吗/;

interface Faq {
  re: RegExp;
  en: string;
  zh: string;
}

const FAQ: Faq[] = [
  {
    re: /\b(?:how long|length|max(?:imum)?|minutes?|seconds?)\b.*\b(?:reels?|story|stories|video)\b|\b(?:reels?|story|stories)\b.*\b(?:how long|length|max(?:imum)?)\b|多长|多久|几秒|时长/,
    en: 'Reels run 3 s to 3 min in the Instagram app (15 min through the API); a Story card is 3–60 s. Say "make it 30 seconds long" to fit.',
    zh: 'Instagram Reels 在 App 里是 3 秒到 3 分钟（API 最长 15 分钟）；快拍每张 3–60 秒。说“改成30秒”即可。',
  },
  {
    re: /\b(?:size|resolution|dimensions?|aspect|ratio|format|pixels?)\b|尺寸|分辨率|比例|格式/,
    en: 'Reels and Stories are 9:16 (1080×1920); the feed takes 4:5 (1080×1350) or 1:1 (1080×1080); landscape is 16:9 (1920×1080). Say "make it 9:16" or "4:5 for the feed".',
    zh: 'Reels 和快拍是 9:16（1080×1920）；动态是 4:5（1080×1350）或 1:1（1080×1080）；横屏是 16:9（1920×1080）。说“改成竖屏”或“4:5”即可。',
  },
  {
    re: /\b(?:loud(?:ness)?|lufs|volume)\b|响度|音量/,
    en: 'reelcut exports at −14 LUFS with peaks under −1 dBTP, what creators use on Instagram; "even out the loudness" applies it.',
    zh: 'reelcut 导出为 −14 LUFS、峰值低于 −1 dBTP，这是 Instagram 创作者常用的响度；说“音量标准化”即可。',
  },
  {
    re: /\b(?:upload|cloud|online|internet|privacy|private|server)\b|上传|云|联网|隐私/,
    en: 'Everything runs on your machine: reelcut never uploads your media anywhere.',
    zh: '所有处理都在你的电脑上完成：reelcut 不会把你的视频上传到任何地方。',
  },
];

/** The answer to a question, or null when the message is not a question (requests included). */
export function answerQuestion(text: string, language: Language): string | null {
  if (!isQuestion(text)) return null;
  const t = text.trim();
  const faq = FAQ.find((f) => f.re.test(t));
  if (faq) return language === 'zh' ? faq.zh : faq.en;
  return null;
}

/** True when the whole message reads as a question rather than a request. */
export function isQuestion(text: string): boolean {
  const t = text.trim();
  return (QUESTION.test(t) && !REQUEST.test(t)) || (ZH_QUESTION.test(t) && !ZH_REQUEST.test(t));
}
