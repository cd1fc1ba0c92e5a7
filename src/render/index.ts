// The render module's door: timeline → plan → ffmpeg, and the independent Instagram check.
export { compileRenderPlan, type CompileOptions } from './compile.js';
export { planToArgs } from './args.js';
export type { RenderPlan, PlanInput, ClipSpan } from './plan.js';
export { renderTimeline, type RenderRequest, type RenderResult } from './render-timeline.js';
export { subtitleCues, subtitlePaths, type SubtitleFiles } from './subtitles.js';
export { runFfmpeg, writeAtomically, type RenderProgress, type RunOptions } from './run.js';
export { checkFile, CHECK_TARGETS, type CheckReport, type CheckOptions, type CheckTarget } from './check.js';
export { formatReport, formatReportJson } from './check-report.js';
export { checkTargetFor } from './check-target.js';
