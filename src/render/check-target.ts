// Which Instagram check an export must pass: the one its aspect promises. Every export path
// (the CLI's and the server's render queue) asks here.
import type { Timeline } from '../timeline/schema.js';
import type { CheckTarget } from './check.js';

const ASPECT_TARGET: Record<Timeline['format']['aspect'], CheckTarget> = {
  '9:16': 'reels',
  '1:1': 'square',
  '4:5': 'portrait',
  '16:9': 'landscape',
  '1.91:1': 'landscape',
};

export function checkTargetFor(timeline: Timeline): CheckTarget {
  return ASPECT_TARGET[timeline.format.aspect];
}
