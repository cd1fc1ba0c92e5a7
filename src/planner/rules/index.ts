// The rules in the order they read a clause: the most specific phrases first, so "cut to the
// beat" is beat sync before it could be a cut, and "cut at 12 s" a split.
import { beatSyncRule, fadeRule, musicRule, normalizeRule, originalAudioRule, silenceRule } from './audio.js';
import { addClipRule, deleteClipRule, historyRule, reorderRule, selectMediaRule } from './clips.js';
import { aspectRule, flipRule, fpsRule, resolutionRule, rotateRule } from './format.js';
import { adjustColorRule, filterRule, stabilizeRule, transitionRule } from './look.js';
import { addTextRule, captionsRule, editCaptionRule } from './text.js';
import { coverRule, durationRule, speedRule, splitRule, splitScenesRule, trimCutRule } from './timing.js';
import { directRule } from './direct.js';
import { refineRule } from './refine.js';
import type { Rule } from './types.js';

export const RULES: Rule[] = [
  directRule,
  refineRule,
  historyRule,
  selectMediaRule,
  addClipRule,
  beatSyncRule,
  silenceRule,
  editCaptionRule,
  captionsRule,
  addTextRule,
  coverRule,
  transitionRule,
  rotateRule,
  flipRule,
  aspectRule,
  resolutionRule,
  fpsRule,
  splitScenesRule,
  splitRule,
  durationRule,
  reorderRule,
  deleteClipRule,
  speedRule,
  trimCutRule,
  stabilizeRule,
  normalizeRule,
  musicRule,
  originalAudioRule,
  filterRule,
  adjustColorRule,
  fadeRule,
];
