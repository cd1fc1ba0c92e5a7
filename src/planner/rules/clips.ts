// The clips themselves: order, deletion, adding bin media, switching media (batch), history.
import type { Operation } from '../../operations/index.js';
import { CLIP_REF, findClipRef, ordinal } from '../clip-refs.js';
import { consume } from '../text.js';
import { findPoint, findSpan } from '../times.js';
import type { Rule, RuleContext } from './types.js';

// A file name in Latin letters, or a short Chinese one (片尾.mp4) after 把/将/用/给.
const FILE = /(?<![\w\-.])[\w\-.]+\.(?:mp4|mov|m4v|webm|mkv|avi|3gp|jpe?g|png|webp|heic|gif|mp3|m4a|wav|aac)\b|(?<=^|[把将用给加\s])\p{Script=Han}{1,8}\.(?:mp4|mov|m4v|webm|mkv|jpe?g|png|webp|heic)\b/u;

export const historyRule: Rule = (c) => {
  const undo = /\bctrl[- +]?z\b|\bcmd[- +]?z\b|往回撤|回撤|回去|退回|\b(?:undo|revert|go back|step back|take (?:that|it) back|take back|never ?mind|scratch that|cancel (?:that|the last (?:change|edit)))\b|撤销|撤回|返回上一步|回退|取消上一步/.exec(c.text);
  const redo = /\bredo\b|\bput (?:the|that) change back\b|\bput (?:it|that) back\b|再恢复|恢复回来|恢复(?:一|1)步|\bre-?apply\b|\bjust undone\b|反撤销|撤销撤销|\bput back (?:the|that|what)\b|\bstep forward\b|\bgo forward\b|\bbring (?:it |that )?back\b|撤销的.{0,6}恢复|\brestore what i (?:just )?undid\b|\bundo (?:the|my) undo\b|重做|恢复上一步|恢复(?:刚才|刚刚)?撤销的|取消撤销/.exec(c.text);
  const reset = /恢复到?(?:最初|原始|原来|一开始)(?:的样子|的状态|状态)?|回到(?:最初|原始|最开始|一开始)|重新来过|\b(?:start (?:over|again|from scratch|fresh)|fresh start|from the top|wipe (?:all|everything|every edit|my edits|the edits)|作废|scrap (?:everything|it all|all (?:the |my )?edits)|clean slate|(?:raw|original) footage back|reset|from scratch|clear (?:everything|all(?! (?:colou?r )?filters)(?: edits)?)|discard (?:all|every|my) (?:edits|changes)|restore the untouched|untouched (?:media|footage|video)|back to (?:the )?original|remove all (?:edits|changes)|undo (?:everything|all))\b|重新开始|恢复原样|重置|还原(?!本来|原来|原本|颜色|色彩|原色)|清空|重来|从头来/.exec(c.text);
  if (reset) {
    consume(c, reset[0]);
    return [{ op: 'reset' }];
  }
  const m = redo ?? undo;
  if (!m) return null;
  const op = redo ? 'redo' : 'undo';
  const times = /\b(\d+)\s*(?:times|changes|edits|steps|operations|actions|things)\b|\blast\s+(\d+)\b|\bx\s*(\d+)\b|\b(both)\b|\b(twice|thrice)\b|(\d+)\s*(?:次|步)/.exec(c.text);
  let n = 1;
  if (times) {
    n = times[4] === 'both' ? 2 : times[5] === 'twice' ? 2 : times[5] === 'thrice' ? 3 : Number(times[1] ?? times[2] ?? times[3] ?? times[6]);
    consume(c, times[0]);
  }
  consume(c, m[0]);
  consume(c, /\b(?:that|it|the last|last|change|edit|please|again)\b|一下|上一步/g);
  return Array.from({ length: Math.min(Math.max(n, 1), 20) }, () => ({ op }) as Operation);
};

/** A media reference: a file name, "the second video", "video 3", "第二个视频". */
const MEDIA_ORDINAL = String.raw`\b(?:the\s+)?(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\s+`;
const MEDIA_NUMBERED = String.raw`\b(?:video|vid|file|media(?:\s+item)?|item|photo|image|upload)\s*(?:#|no\.?|number)?\s*(\d+)\b|素材\s*(\d+)|(?<!倒数)第\s*(\d+)\s*(?:个|条)?\s*(?:视频|文件|素材|照片|图片)|(\d+)\s*号\s*(?:视频|素材|文件)`;
// "clip" names a bin item only when switching ("now the second clip: …"); elsewhere it is a timeline clip.
const MEDIA_REF = new RegExp(`${MEDIA_ORDINAL}(?:video|file|photo|image|picture|upload)\\b|${MEDIA_NUMBERED}`);
const MEDIA_REF_OR_CLIP = new RegExp(`${MEDIA_ORDINAL}(?:video|clip|file|photo|image|picture|upload|one)\\b|${MEDIA_NUMBERED}`);

function mediaRef(text: string, opts: { clipWord?: boolean } = {}): { media: number | string; match: string } | null {
  const file = FILE.exec(text);
  if (file) return { media: file[0], match: file[0] };
  const m = (opts.clipWord ? MEDIA_REF_OR_CLIP : MEDIA_REF).exec(text);
  if (!m) return null;
  const n = m[1] ? ordinal(m[1]) : Number(m[2] ?? m[3] ?? m[4] ?? m[5]);
  return n ? { media: n, match: m[0] } : null;
}

export const selectMediaRule: Rule = (c) => {
  const instead = /\b(?:use|edit|take|try)\b.*\binstead\b|改用|换成/.exec(c.text);
  if (instead) {
    const ref = mediaRef(c.text, { clipWord: true });
    if (ref) {
      consume(c, ref.match);
      consume(c, /\b(?:use|edit|take|try|instead)\b|改用|换成/g);
      return [{ op: 'select_media', media: ref.media }];
    }
  }
  const m = /^\s*(?:now|next|ok(?:ay)?,?\s*now)\b\s*(?:for\s+|on\s+|do\s+)?(?:the\s+)?|\b(?:switch|move|go|jump|change)\s+(?:over\s+)?to\b|\bswitch\b[^,]{0,30}?\bto\b(?=\s+(?:the\s+)?(?:\w+\s+)?(?:video|vid|file|media|item|clip|photo|image)\b|\s+[\w\-.]+\.\w{3,4}\b)|切到|切换至|选中|(?:接着|继续|现在|然后|开始)?(?:剪|编辑|处理|弄)(?=\s*(?:第\s*)?\d+\s*(?:号|个)\s*(?:视频|素材))|\b(?:work on|edit|select|open)\s+(?=(?:the\s+)?(?:\w+\s+)?(?:video|file|upload|footage|photo)\b|[\w\-.]+\.\w{3,4}\b)|切换到|换到|现在(?:编辑|处理)?|接下来(?:编辑|处理)?|选择/.exec(c.text);
  if (!m) return null;
  const ref = mediaRef(c.text.slice(m.index), { clipWord: true });
  if (!ref) return null;
  consume(c, ref.match);
  consume(c, m[0]);
  consume(c, /^\s*(?:the|:)\s*/);
  return [{ op: 'select_media', media: ref.media }];
};

export const addClipRule: Rule = (c, ctx) => {
  const verb = /\b(?:add|append|insert|put|place|attach|join|include|stick|tack|slap|glue|throw|bring in|drop in|pop in|drop(?=\s+[\w\-.]+\.\w{3,4}\b))\b|添加|加上|加入|插入|插到|插进去|放进去|加进去|拼接|拼到|拼在|接到|接在|接上|放到|放在|搁到|搁在|加到|(?=作为第)/.exec(c.text);
  if (!verb) return null;
  const ref = mediaRef(c.text);
  if (!ref) return null;
  if (typeof ref.media === 'string' && /\.(?:mp3|m4a|wav|aac)$/.test(ref.media)) return null; // a song is music
  if (verb[0]) consume(c, verb[0]);
  consume(c, ref.match);
  let at: 'start' | 'end' | number | undefined;
  const pos = /\b(?:at|to)\s+the\s+(?:very\s+)?(?:start|beginning|front)\b|\bin front(?: of (?:everything|it all|the rest|the (?:existing )?clips))?\b|\bahead of (?:everything|the (?:existing )?clips|the rest)\b|最前头|\bfirst\b|\bbefore (?:everything|it all|the rest|the first(?: clip| one)?|clip 1)\b|开头|最前|前面/.exec(c.text);
  const asClip = /\bas\s+(?:clip\s+)?(?:#\s*)?(\d+)|\bas\s+the\s+(\w+)\s+clip\b|(?:(?:作为|到|成为)第\s*(\d+)\s*(?:个|段)(?:的位置)?|第\s*(\d+)\s*(?:个|段)的?位置)/.exec(c.text);
  const after = /\bafter\s+(?:clip\s+(\d+)|the\s+(\w+)\s+clip)\b|第\s*(\d+)\s*(?:段|个)\s*(?:片段\s*)?(?:后面|之后|后)/.exec(c.text);
  if (asClip) {
    at = Number(asClip[1] ?? asClip[3] ?? asClip[4]) || ordinal(asClip[2] ?? '');
    if (at !== undefined && at < 1) at = undefined;
    consume(c, asClip[0]);
  } else if (after) {
    const n = Number(after[1] ?? after[3]) || ordinal(after[2] ?? '');
    if (n) at = n + 1;
    consume(c, after[0]);
  } else if (pos) {
    at = 'start';
    consume(c, pos[0]);
  } else if (/\b(?:at|to|onto|on)\s+the\s+(?:very\s+)?end\b|\bat the back\b|最后|结尾|末尾|后面/.test(c.text)) {
    at = 'end';
  }
  consume(c, /\b(?:at|to|the|end|after (?:this|it|that)(?: one)?|afterwards|after|too|as well|on|onto|clip|video|in|it)\b|后面|最后|结尾|末尾/g);
  return [{ op: 'add_clip', media: ref.media, ...(at !== undefined ? { at } : {}) } as Operation];
};

function clipOrNeed(text: string, ctx: RuleContext): { clip?: number; match?: string; needs?: string } | null {
  const ref = findClipRef(text, ctx.timeline);
  if (!ref) return null;
  return ref.needs ? { needs: ref.needs, match: ref.match } : { clip: ref.clip!, match: ref.match };
}

export const reorderRule: Rule = (c, ctx) => {
  const swap = /\b(?:swap|switch|exchange|flip)\s+(?:the\s+(?:positions?|order|places)\s+of\s+)?(?:clips?\s*#?\s*|segments?\s*)?(\d+)\s+(?:and|with|&)\s+(?:clip\s*#?\s*|segment\s*)?(\d+)\b|(?:交换|调换)\s*第?\s*(\d+)\s*(?:段|个)?\s*(?:和|与)\s*第?\s*(\d+)|第?\s*(\d+)\s*(?:段|个)?\s*(?:片段|视频|镜头)?\s*(?:和|与|跟)\s*第?\s*(\d+)\s*(?:段|个)?\s*(?:片段|视频|镜头)?\s*(?:交换|调换|互换|对调|换一下|换个|换)/.exec(c.text);
  if (swap) {
    const a = Number(swap[1] ?? swap[3] ?? swap[5]);
    const b = Number(swap[2] ?? swap[4] ?? swap[6]);
    consume(c, swap[0]);
    consume(c, /\b(?:clips?|the|order|around|round|places|positions)\b|位置|顺序/g);
    const [lo, hi] = a < b ? [a, b] : [b, a];
    if (lo === hi || lo < 1) return [];
    // Swapping neighbours is one move; further apart it is two.
    if (hi - lo === 1) return [{ op: 'reorder', clip: lo, to: hi }];
    return [
      { op: 'reorder', clip: lo, to: hi },
      { op: 'reorder', clip: hi - 1, to: lo },
    ];
  }
  const pair = /\b(?:swap|switch|flip|exchange|reverse)\s+(?:the\s+)?(?:order\s+of\s+(?:the\s+)?)?(first|last)\s+(?:2|two)\s*(?:clips|videos|shots|ones)?\b|(?:交换|调换|互换)(?:一下)?\s*(前|头|后|最后)\s*(?:2|两)\s*(?:段|个)|(前|头|后|最后)\s*(?:2|两)\s*(?:段|个)\s*(?:调换|交换|互换|对调|换)/.exec(c.text);
  if (pair) {
    consume(c, pair[0]);
    if (pair[1] === 'first' || /前|头/.test(pair[2] ?? '') || /前|头/.test(pair[3] ?? '')) return [{ op: 'reorder', clip: 1, to: 2 }];
    if (!ctx.timeline) return (ctx.needs.push('the last two clips'), []);
    const n = ctx.timeline.clipCount;
    return n >= 2 ? [{ op: 'reorder', clip: n - 1, to: n }] : [];
  }
  const move = /\b(?:move|moved|put|place|placed|shift|bring|send|make|reorder|reposition|position(?:ed)?|relocate|stick|shove|drag|slide)\b|\b(?:open|start|lead|begin)\s+with\b|当(?=开头|第一|最后|结尾)|\b(?:should|must)\s+(?=(?:open|start|begin|kick off|go first|come first|be first)\b)|\b(?:come|go|be|sit|play)\s+(?=(?:before|after)\b)|(?:放到|移到|挪到|调到|放在)/.exec(c.text);
  if (!move) return null;
  const ref = clipOrNeed(c.text, ctx);
  if (!ref) return null;
  const rest = c.text.replace(ref.match!, ' ');
  let to: number | undefined;
  let needEnd = false;
  const target =
    /\b(?:should|to|must|it|so it)\s+(?:open|start|begin|kick off|leads?)\s+(?:the\s+)?(?:video|thing|edit|reel|sequence|timeline)\b|\bthe opening (?:clip|shot|segment)\b|\b(?:go|come|be)\s+first\b|\b(?:open|start|lead|begin)\s+with\b|(?:当|作为|放)开头|\b(?:to\s+)?(?:the\s+)?(?:start|beginning|front)\b|\bfirst(?:\s+(?:one|1|clip|position|place))?\b|最前面|最前|开头|第一个|第一|第1个|第1/.exec(rest) ??
    null;
  const endTarget = /\b(?:to\s+)?(?:the\s+)?(?:end|back)\b|\blast\b|最后|末尾|结尾/.exec(rest);
  const middleTarget = /\b(?:in(?:to)?|to)\s+the\s+middle\b|中间/.exec(rest);
  const position = /\b(?:to\s+)?(?:position|place|slot|spot)\s*#?\s*(\d+)\b|\bto\s+(?:be\s+)?(?:the\s+)?(\d+|\w+)(?:\s+(?:clip|one|position|place))?\b|\bafter\s+(?:clip\s+|the\s+)?(\d+|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)(?:\s+(?:clip|one))?\b|\bbefore\s+(?:clip\s+|the\s+)?(\d+|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)(?:\s+(?:clip|one))?\b|(?:到|为)\s*第\s*(\d+)/.exec(rest);
  const bareOrdinal = /^\s*(?:to\s+)?(?:be\s+)?(?:the\s+)?(second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\b/.exec(rest.replace(move[0], ' ').replace(/^\s*(?:it|that|this)\b/, ' '));
  const relative = position !== null && (position[3] !== undefined || position[4] !== undefined);
  if (relative) {
    // "after the first", "before clip 3": handled with the positions below.
  } else if (target) to = 1;
  else if (bareOrdinal) to = ordinal(bareOrdinal[1]!);
  else if (middleTarget && ctx.timeline && ctx.timeline.clipCount % 2 === 1) to = (ctx.timeline.clipCount + 1) / 2;
  else if (endTarget) {
    if (ctx.timeline) to = ctx.timeline.clipCount;
    else needEnd = true;
  }
  if (to === undefined && position) {
    if (position[1] ?? position[5]) to = Number(position[1] ?? position[5]);
    else if (position[2]) to = /^\d+$/.test(position[2]) ? Number(position[2]) : ordinal(position[2]);
    else if (position[3]) {
      const after = Number(position[3]) || ordinal(position[3])!;
      to = ref.clip !== undefined && ref.clip < after ? after : after + 1;
    } else if (position[4]) {
      const before = Number(position[4]) || ordinal(position[4])!;
      to = ref.clip !== undefined && ref.clip < before ? before - 1 : before;
    }
  }
  if ((to === undefined || to < 1) && !needEnd) return null;
  if (bareOrdinal && !target) consume(c, new RegExp(`\\b${bareOrdinal[1]}\\b`));
  consume(c, ref.match!);
  consume(c, move[0]);
  if (target) consume(c, target[0]);
  if (endTarget) consume(c, endTarget[0]);
  if (middleTarget) consume(c, middleTarget[0]);
  if (position) consume(c, position[0]);
  consume(c, /\b(?:to|the|it|clip|position)\b|第|段|个/g);
  if (ref.needs) return (ctx.needs.push(ref.needs), []);
  if (needEnd) return (ctx.needs.push('the end of the clip list'), []);
  if (ref.clip === to) return [];
  const count = ctx.timeline?.clipCount;
  if (count !== undefined && (ref.clip! > count || to! > count)) {
    ctx.notes.push(ctx.language === 'zh' ? `时间线只有 ${count} 段，没法把第 ${ref.clip} 段移到第 ${to} 位。` : `The timeline has ${count} clips, so clip ${ref.clip} cannot move to position ${to}.`);
    return [];
  }
  return [{ op: 'reorder', clip: ref.clip!, to: to! }];
};

export const deleteClipRule: Rule = (c, ctx) => {
  const verb = /\b(?:delete|remove|drop|get rid of|cut|cut out|lose|kill|ditch|take out|bin|trash|scrap|toss|nix|axe|yeet|nuke|gone|removed|deleted)\b|删(?:除|掉|了)?|去掉|不要|移除|拿掉/.exec(c.text);
  if (!verb) return null;
  if (!CLIP_REF.test(c.text)) return null;
  // "cut 1.5 s to 2.5 s in clip 2", "cut the first clip down to 6 s": times make it a cut or trim inside the clip.
  const withoutRef = c.text.replace(CLIP_REF, ' ');
  if (findSpan(withoutRef, ctx.timeline?.duration_ms) || findPoint(withoutRef)) return null;
  const ref = clipOrNeed(c.text, ctx);
  if (!ref) return null;
  consume(c, verb[0]);
  consume(c, ref.match!);
  consume(c, /\b(?:the|entire|whole|completely|altogether)\b|整个/g);
  if (ref.needs) return (ctx.needs.push(ref.needs), []);
  if (ctx.timeline && ref.clip! > ctx.timeline.clipCount) {
    ctx.notes.push(ctx.language === 'zh' ? `没有第 ${ref.clip} 段：时间线只有 ${ctx.timeline.clipCount} 段。` : `There is no clip ${ref.clip}: the timeline has ${ctx.timeline.clipCount}.`);
    return [];
  }
  return [{ op: 'delete_clip', clip: ref.clip! }];
};
