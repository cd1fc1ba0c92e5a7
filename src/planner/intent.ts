// What a message is for, decided before any edit is read: OPERATIONS.md's five intents.

export type Intent = 'edit' | 'export' | 'credits' | 'status' | 'upload';

// "the second upload", "upload number 3" name media; uploading is the verb.
const UPLOAD =
  /\bupload (?:button|page|screen|area)\b|\bsend files? to the (?:media )?bin\b|(?<!(?:the|my|that|this|first|second|third|fourth|fifth|last|latest|new|raw)\s)\b(?:upload|import)(?:ing)?\b(?!\s+(?:number|no\.?|#)\s*\d)(?!\s+\d+\s*(?:$|[,.;]|(?:to|at|in|after|before|first|as|now)\b))(?!\s+(?:it\s+|this\s+|the video\s+)?(?:to|on)\s+(?:instagram|insta|ig|reels?)\b)|\bget (?:my |the |some )?(?:clips|videos|footage|files|photos) (?:in|into|onto)\b|\bbring in (?:some |more )?(?:new )?(?:footage|clips|videos|photos|files)\b|\bbring (?:some |my |more )?(?:footage|clips|videos|photos|files) in\b|传进来|\bcamera roll\b|上传|导入|传上来|传上去|导进来|(?:要|再|还要)传|传.{0,6}上来/;
const CREDITS = /\benough credits?\b|\bremaining credits?\b|\bcredits? remaining\b|\bcredit balance\b|\bcredit[- ]wise\b|\bhow much credits?\b|\b(?:how many credits|credits? (?:left|balance|remaining)|my credits|check (?:my )?credits|(?:account )?balance|quota|credits?\??$)|积分|余额|额度|点数|还剩多少点|剩多少点/;
const NOT_CREDITS = /\b(?:end|closing|opening|roll(?:ing)?|add(?:ing)?)\s+(?:the\s+)?credits\b/;
const STATUS =
  /\b(?:show|list|see|view|display)\s+(?:me\s+)?(?:the\s+|my\s+|all\s+)?(?:tracks?|timeline|layers|edits?|status)\b|\bwhat'?s\s+(?:on|in)\s+(?:the\s+|my\s+)?(?:timeline|tracks?|video)|\bwhat (?:have i|did i|do i have|do we have|have we got)\b|\bshow me what (?:we|i) (?:have|got|did)\b|\btrack ?list\b|\btimeline state\b|\b(?:currently )?on the timeline\b|\bwhat does the (?:draft|timeline|project|edit) (?:contain|have|look like)\b|\bcurrent (?:draft|tracks?)\b|\b(?:which|what) (?:clips|tracks) (?:did i|have i|are|do i)\b|\bwhat'?s on (?:each|every|the|my) tracks?\b|\bwhere (?:are|were) we\b|\bwhat(?:'s| is| are)?\s+(?:clips?|tracks?|edits?|layers?)?\s*(?:are\s+|is\s+)?(?:on|in)\s+(?:the\s+|my\s+)(?:timeline|project|edit)\b|\b(?:current|project)\s+(?:status|state|timeline)\b|^\s*(?:status|tracks|timeline)\s*\??$|\bstatus (?:check|update|report)\b|状态|轨道|时间线|查看|现在有什么|现在有哪些|都加了(?:哪些|什么)|加了(?:哪些|什么)东西/;
const EXPORT =
  /\b(?:export|render|download)(?!\s+(?:settings?|resolution|res|quality|format|size|options?)\b)|\bsave\s+(?:it|this|the\s+(?:\w+\s+)?(?:video|file|result|edit|mp4))\b|\bput it on (?:my )?(?:instagram|insta|ig)\b|^\s*save\s*[.!]?\s*$|\b(?:give|send) me the (?:final )?(?:file|video|mp4|result)\b|\b(?:wants|want|get) the final (?:file|video|mp4|cut)\b|\bkick off a render\b|\bget the (?:file|mp4|final (?:file|video|cut))\b|\b(?:spit|bounce|pump|churn) (?:it |the (?:final )?(?:mp4|video|file) )?out\b|\bspit out\b|\bi'?m done\b|出片|成品|存下来|\bfinali[sz]e\b|(?:^|[,.!]\s*|\b(?:now|then|and|please|pls)\s+)(?:post|publish|share|send|upload)\s+(?:it|this|the video|my video)\b|^\s*(?:post|publish|share)\s+(?:it|this)\s*[.!]?\s*$|发到(?:小红书|抖音|ins|instagram|朋友圈|b站|视频号)|发布|导出(?!设置|分辨率|参数|格式|质量|清晰度)|下载|保存视频|保存|渲染|生成.{0,4}视频|最终(?:的)?视频|成片|输出视频/;

export function routeIntent(text: string): Intent {
  if (UPLOAD.test(text)) return 'upload';
  if (CREDITS.test(text) && !NOT_CREDITS.test(text)) return 'credits';
  const status = STATUS.exec(text);
  const exporting = EXPORT.exec(text);
  // "render … the current timeline" is an export that mentions the timeline: the first one said wins.
  if (status && exporting) return exporting.index < status.index ? 'export' : 'status';
  if (status) return 'status';
  if (exporting) return 'export';
  return 'edit';
}

/** The export words themselves, so the clause "and export" leaves nothing unread. */
export const EXPORT_WORDS =
  /\b(?:(?:spit|bounce) (?:it |the (?:final )?(?:mp4|video|file) )?out(?: as (?:a |an )?(?:file|mp4|video))?|get the (?:file|mp4)|(?:post|publish|share|send|upload)(?:\s+(?:it|this|the video))?(?:\s+(?:to|on)\s+(?:instagram|insta|ig|reels?))?|export(?:\s+it)?|render(?:\s+it)?|download(?:\s+it)?|save\s+(?:it|this|the\s+(?:video|file|result|edit))|give me the (?:file|video|mp4|result)|i'?m done|finali[sz]e(?:\s+it)?|now)\b|发到(?:小红书|抖音|ins|instagram|朋友圈|b站|视频号)|发布|出片|把成品存下来|存下来|生成最终的视频|生成.{0,4}视频|导出|下载|保存视频|保存|渲染|生成视频|输出视频/g;
