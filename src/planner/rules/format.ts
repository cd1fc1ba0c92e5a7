// The frame: aspect and fit, resolution, frame rate, rotation and mirroring.
import type { Operation } from '../../operations/index.js';
import { consume, consumeAll } from '../text.js';
import type { Rule } from './types.js';

type Aspect = Extract<Operation, { op: 'set_aspect' }>['aspect'];

// Ratios said as numbers win over words ("square for the feed" is 1:1); then the words.
const ASPECTS: Array<[RegExp, Aspect]> = [
  [/\b1\.91\s*[:x/]\s*1\b/, '1.91:1'],
  [/(?<!(?:clip|video|part|#)\s*)\b9\s*(?:[:x/比]|by)\s*16\b(?![.\d])|9比16/, '9:16'],
  [/(?<!(?:clip|video|part|#)\s*)\b16\s*(?:[:x/比]|by)\s*9\b(?![.\d])|16比9/, '16:9'],
  [/(?<!(?:clip|video|part|#)\s*)\b4\s*(?:[:x/比]|by)\s*5\b(?![.\d])|4比5/, '4:5'],
  [/(?<!(?:clip|video|part|#)\s*)\b1\s*(?:[:x/比]|by)\s*1\b(?![.\d])|1比1/, '1:1'],
  [/\b(?:square|squared|squarish)\b|方形|正方形|方屏|方版|方的/, '1:1'],
  // A Reel, a story, a TikTok as the thing to make ("make it a Reel", "for reels", "reels format"),
  // not as a word in passing ("gym reel:", "like the tiktok ones", "long story short"), nor as a
  // caption look ("tiktok style captions": the bold style, see text.ts).
  [/\bvertical\b|\byoutube shorts?\b|\b(?:full[- ]?screen|portrait mode|phone format|upright)\b|(?:^|\b(?:an?|into|as|for|to|in|make it|ig|instagram|insta|vertical)\s+)(?:reels?|stor(?:y|ies)|tik\s?tok|shorts)\b(?![- ]?(?:style\s+)?(?:captions?|subtitles?|subs|text))|\b(?:reels?|stor(?:y|ies)|tik\s?tok|shorts)\s+(?:format|size|ratio|style|version|ready|mode|dimensions?)\b(?!\s+(?:captions?|subtitles?|subs|text))|^(?:reels?|stor(?:y|ies)|tik\s?tok|shorts)$|竖屏|竖版|竖向|竖的|抖音(?:格式|比例|尺寸|那种)|快手(?:格式|比例)|快拍/, '9:16'],
  [/\b(?:landscape|horizontal(?!\s+(?:flip|mirror))|widescreen|wide screen|youtube(?!\s+shorts?))\b|横屏|横版|横向|横的/, '16:9'],
  [/\b(?:feed|portrait|instagram post|ig post|post format)\b|信息流|帖子/, '4:5'],
];

const FIT = /\b(?:keep(?:ing)? (?:everything|it all|the (?:whole|entire) (?:thing|frame|picture|video|image)|all of it)(?: in (?:the )?(?:frame|view|shot)| visible| in)?|(?:fit|fits|fitted)(?: (?:it|everything|the video))?(?: in(?:to|side)?)?|no crop(?:ping)?|(?:don'?t|do not|not|without|no) (?:crop|cut)\w*(?: (?:anything|any of it|it|my \w+|the \w+))?(?: off| out)?|pad(?:ded|ding)?|letterbox(?:ed|ing)?|pillarbox(?:ed|ing)?|bars|borders?)\b|不裁剪|不要裁剪|不裁切|别裁|不要裁|不裁|别切|不要crop|完整|留边|留白|加边/;
const FILL = /\b(?:crop(?:ped|ping)?|fill|zoom(?: in)?(?: to fill)?|cut off)\b|裁剪|裁切|填满|铺满/;

function background(text: string): { value?: string; match?: string } {
  const hex = /#[0-9a-f]{6}\b/.exec(text);
  if (hex && /\b(?:background|bg|bars|borders?|pad|fill)\b|背景|填|空的地方|空白/.test(text)) return { value: hex[0], match: hex[0] };
  const padWith = /\b(?:pad|fill|bars?|borders?|sides?)\s+(?:it\s+|the sides\s+|them\s+)?(?:with|in)\s+(black|white|blur)\b|\bblur(?:red)?\s+(?:the\s+)?(?:sides|edges|background|bars|borders)\b|背景\s*(?:要|用)?\s*(模糊|黑色|白色|糊|虚化)|虚化背景|(?:两边|两侧|边上|边缘|上下|左右)?\s*用?\s*(黑色|白色|模糊)\s*(?:填充|补齐|补边)/.exec(text);
  if (padWith) {
    const w = padWith[1] ?? padWith[2] ?? padWith[3] ?? 'blur';
    return { value: /blur|模糊|糊|虚化/.test(w) ? 'blur' : /black|黑/.test(w) ? 'black' : 'white', match: padWith[0] };
  }
  const named = /\b(blur(?:red|ry)?|black|white)\s+(?:background|backdrop|bg|bars|borders?|edges|padding|sides|fill|letterbox(?:ing)?|pillarbox(?:ing)?)\b|\b(?:background|bg|backdrop)\s+(?:in\s+|is\s+)?(blur(?:red|ry)?|black|white)\b|(模糊|黑色|白色)背景|(黑边|白边|留白)/.exec(text);
  if (!named) return {};
  const word = named[1] ?? named[2] ?? named[3] ?? named[4] ?? '';
  const value = /blur|模糊/.test(word) ? 'blur' : /black|黑/.test(word) ? 'black' : 'white';
  return { value, match: named[0] };
}

export const aspectRule: Rule = (c, ctx) => {
  // "不要黑边", "no black bars": filling, not padding.
  const noBars = /不要(?:黑边|白边|留边)|不留(?:黑)?边|\bno (?:black )?bars\b|\bwithout (?:black )?bars\b/.exec(c.text);
  if (noBars) {
    consume(c, noBars[0]);
    const last = [...ctx.planned].reverse().find((o) => o.op === 'set_aspect');
    if (last && !ASPECTS.some(([re]) => re.test(c.text))) {
      Object.assign(last, { fit: 'fill' });
      delete (last as { background?: string }).background;
      return [];
    }
  }
  // "3:4", "21:9": a ratio Instagram does not take is refused in words, not swapped for another.
  // (A clock time like 0:12 is not a ratio: its second part has two digits from 00 to 59.)
  const ratio = /(?<![\d.:])(\d{1,2}(?:\.\d+)?)\s*[:：比]\s*(?![0-5]\d(?!\d))(\d{1,2}(?:\.\d+)?)(?![\d:])/.exec(c.text);
  if (ratio && !['9:16', '16:9', '1:1', '4:5', '1.91:1'].includes(`${ratio[1]}:${ratio[2]}`) && /\b(?:crop|aspect|ratio|format|portrait|landscape|vertical|horizontal)\b|比例|画幅|改成|裁/.test(c.text)) {
    ctx.notes.push(
      ctx.language === 'zh'
        ? `Instagram 不支持 ${ratio[1]}:${ratio[2]}：可以选 9:16、4:5、1:1、16:9 或 1.91:1。`
        : `${ratio[1]}:${ratio[2]} is not a format Instagram takes: choose 9:16, 4:5, 1:1, 16:9 or 1.91:1.`,
    );
    c.text = '';
    return [];
  }
  const bg = background(c.text);
  let aspect: Aspect | undefined;
  if (bg.match) consume(c, bg.match);
  for (const [re, a] of ASPECTS) {
    if (re.test(c.text)) {
      aspect = a;
      break;
    }
  }
  // "vertical for Reels", "16:9 landscape": every word for the chosen frame is read.
  for (const [re, a] of ASPECTS) if (a === aspect) consumeAll(c, re);
  const fitWords = FIT.exec(c.text);
  if (!aspect) {
    // "4:5, keep everything in frame": a clause that only says how to fit refines the format before it.
    const last = [...ctx.planned].reverse().find((o) => o.op === 'set_aspect');
    if (last && (fitWords || bg.value)) {
      if (fitWords) consume(c, fitWords[0]);
      consume(c, /\b(?:background|bg)\b|背景/g);
      Object.assign(last, { fit: 'fit' }, bg.value ? { background: bg.value } : {});
      return [];
    }
    return null;
  }
  if (fitWords) consume(c, fitWords[0]);
  consume(c, /\b(?:background|bg)\b|背景/g);
  consume(c, FILL);
  consume(c, /\b(?:format|ratio|aspect(?: ratio)?|frame|size|mode|video|for instagram|for ig|formats?|convert(?:ed)?|change)\b|格式|比例|画幅|尺寸|改成|改为|变成|转成|做成|裁成/g);
  // "square for my feed": where it will be posted, not a second format.
  consume(c, /\bfor (?:my |the |an? |your )?(?:ig |insta(?:gram)? )?(?:feed|reels?|stor(?:y|ies)|post|grid|profile|tik ?tok|shorts|youtube)\b/g);
  const fit = fitWords || bg.value ? 'fit' : 'fill';
  return [{ op: 'set_aspect', aspect, fit, ...(bg.value ? { background: bg.value } : {}) } as Operation];
};

export const resolutionRule: Rule = (c, ctx) => {
  const m = /\b(2160|1440|1080|720|540|480|360)\s*p\b|\b(4k|uhd|2k|full\s*hd|fhd|hd)\b|\b(?:resolution|height|res)\s*(?:to|of|=|:)?\s*(\d{3,4})\b|(1080|720)\s*(?:分辨率)|(?:分辨率|清晰度)\s*(?:改成|设为|为)?\s*(\d{3,4})\s*p?|高清|超清/.exec(c.text);
  if (!m) return null;
  if (m[0] === '高清' || m[0] === '超清') {
    consume(c, m[0]);
    return [{ op: 'set_resolution', height: m[0] === '高清' ? 720 : 1080 }];
  }
  const word = m[2]?.replace(/\s+/g, '');
  let height = Number(m[1] ?? m[3] ?? m[4] ?? m[5]);
  if (word) height = word === 'hd' ? 720 : word === 'fullhd' || word === 'fhd' ? 1080 : 2160;
  if (!Number.isFinite(height) || height < 240) return null;
  consume(c, m[0]);
  consume(c, /\b(?:resolution|quality|export(?:ed)?|in|at|lower|raise|increase|reduce|decrease|higher|drop)\b|分辨率|导出|降低|提高/g);
  if (height > 1080) {
    ctx.notes.push(
      ctx.language === 'zh'
        ? `Instagram 最高 1080p，所以按 1080p 导出（不是 ${height}p）。`
        : `Instagram shows at most 1080p, so this exports at 1080p rather than ${height}p.`,
    );
    height = 1080;
  }
  return [{ op: 'set_resolution', height }];
};

export const fpsRule: Rule = (c, ctx) => {
  const m = /(\d+(?:\.\d+)?)\s*(?:fps|frames? (?:per|a) second|frame rate|帧每秒|帧\/秒|帧)|(?:frame ?rate|\bfps|帧率)[^\d,，]{0,14}?(\d+(?:\.\d+)?)|\b(\d{2})\s*frames\b(?!\s+(?:in|of|from|at))/.exec(c.text);
  if (!m) return null;
  consume(c, m[0]);
  consume(c, /\b(?:frame ?rate|fps|output|at|to|set|the|up|bump|smoother|make|it|higher|lower)\b|帧率|搞到|调到|改成|设为/g);
  const fps = Math.round(Number(m[1] ?? m[2] ?? m[3]));
  if (fps < 23 || fps > 60) {
    ctx.notes.push(ctx.language === 'zh' ? `帧率只能是 23 到 60（你说的是 ${fps}）。` : `The frame rate can be 23 to 60 fps; ${fps} is not something Instagram plays.`);
    return [];
  }
  return [{ op: 'set_fps', fps }];
};

const LEFT = /\b(?:left|counter[- ]?clockwise|anti[- ]?clockwise|ccw)\b|向左|往左|逆时针|逆着时针|左/;
const ROTATE_WORDS = /\b(?:degrees?|cw|ccw|left|right(?! (?:way|side) up)|clockwise|counter[- ]?clockwise|anti[- ]?clockwise|upside down|sideways|on (?:its|the) side)\b|°/;

export const rotateRule: Rule = (c) => {
  const verb = /\brotat(?:e|ed|ing|ion)\b|旋转|转/.exec(c.text);
  const turn = (/\bturn\b/.test(c.text) && ROTATE_WORDS.test(c.text)) || /\bupside[- ]down\b|倒过来|颠倒/.test(c.text) ? /\bturn\b|\bupside[- ]down\b|倒过来|颠倒/.exec(c.text) : null;
  if ((!verb && !turn) || (/\bflip|翻转|镜像/.test(c.text) && !/\brotat|旋转/.test(c.text))) return null;
  // 转 alone is too common (转场, 转成); it counts only with degrees or a direction.
  if (verb?.[0] === '转' && !turn && !/\d+\s*(?:度|°)|[向往][左右]|[顺逆]着?时针/.test(c.text)) return null;
  const num = /(-?\d+)\s*(?:degrees?|deg|°|度)?/.exec(c.text.replace(/\d+\s*(?:s|sec|seconds?|秒)\b/g, ' '));
  let degrees = num ? ((Number(num[1]) % 360) + 360) % 360 : 90;
  if (LEFT.test(c.text)) degrees = (360 - degrees) % 360;
  if (!num && /upside[- ]down|\baround\b|倒过来|颠倒/.test(c.text)) degrees = 180;
  if (degrees !== 90 && degrees !== 180 && degrees !== 270) return null;
  if (!num && !LEFT.test(c.text) && !/\bright\b(?! (?:way|side) up)|(?<!anti|counter|counter-|anti-)\bclockwise\b|向右|顺时针|upside|around|倒|颠倒/.test(c.text) && /sideways|on (?:its|the) side/.test(c.text)) return null;
  consume(c, /\brotat(?:e|ed|ing)\b|\bturn\b|旋转|转|-?\d+\s*(?:degrees?|deg|°|度)?|\b(?:left|right|counter[- ]?clockwise|anti[- ]?clockwise|clockwise|ccw|cw|upside[- ]down|around|sideways|by|on its side)\b|向左|向右|逆时针|顺时针|倒过来|颠倒/g);
  return [{ op: 'rotate', degrees: degrees as 90 | 180 | 270 }];
};

export const flipRule: Rule = (c) => {
  const m = /\b(?:mirror(?:ed)?(?: image)?|flip(?:ped)?)\b(?:[^.]*?\b(horizontal(?:ly)?|vertical(?:ly)?|upside[- ]down|top[- ]to[- ]bottom|top\/bottom|left[- ]to[- ]right|sideways)\b)?|(水平|左右|垂直|上下)?(?:翻转|镜像)/.exec(c.text);
  if (!m) return null;
  const dir = m[1] ?? m[2] ?? '';
  const axis = /vertical|upside|top|垂直|上下/.test(dir) ? 'vertical' : 'horizontal';
  consume(c, m[0]);
  consume(c, /\b(?:it|the video|image|flip(?:ped)?|mirror(?:ed)?)\b|翻转|镜像/g);
  return [{ op: 'flip', axis }];
};
