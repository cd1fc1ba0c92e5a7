// A timeline file may hold reelcut's own model or the protocol's compact draft.
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { ReelcutError, invalidInput } from '../errors.js';
import { fromDraft, Timeline } from '../timeline/index.js';

export function readTimeline(raw: unknown, file: string): Timeline {
  const looksLikeDraft = typeof raw === 'object' && raw !== null && 't' in raw;
  if (looksLikeDraft) return fromDraft(raw);
  const r = Timeline.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw invalidInput(`${file} is not a reelcut timeline: ${issue?.path.join('.') || 'top level'}: ${issue?.message}.`);
  }
  return r.data;
}

export async function readTimelineFile(file: string): Promise<Timeline> {
  if (!existsSync(file)) throw new ReelcutError('FILE_NOT_FOUND', `${file} does not exist.`);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw invalidInput(`${file} is not JSON (${(err as Error).message}); give a timeline or a draft saved by reelcut.`);
  }
  return readTimeline(raw, file);
}
