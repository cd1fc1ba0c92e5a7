// The timeline module's only door: the model, the ways it changes, and its readers.
export * from './schema.js';
export { createTimeline, clipFor, IMAGE_CLIP_MS, type CreateTimelineOptions } from './create.js';
export {
  clipLength,
  clipOutputRanges,
  outputTime,
  ownedRanges,
  timelineDuration,
  transitionOverlap,
  isContinuation,
  formatSeconds,
  formatLength,
  type ClipRange,
} from './time.js';
export { frameSize, aspectForSize } from './format.js';
export { apply } from './apply.js';
export { fitToDuration } from './edit.js';
export { resolveMedia, binListing } from './media-ref.js';
export { captionTokens, spreadWords, captionLines, type CaptionLine } from './captions.js';
export { librarySlug } from './apply-overlays.js';
export {
  applyWithHistory,
  createHistory,
  currentTimeline,
  canUndo,
  canRedo,
  type History,
} from './history.js';
export { toDraft, fromDraft, Draft, DraftTrack, DraftSegment, TRACK_VIDEO, TRACK_AUDIO, TRACK_TEXT } from './draft.js';
export { trackSummary, type TrackSummary } from './summary.js';
export { describeIssues, formatPath } from './issues.js';
