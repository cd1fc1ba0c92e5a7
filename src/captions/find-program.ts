// Is a program on this PATH, or a file where a setting says? File-system checks only.
import { statSync } from 'node:fs';
import { findOnPath } from '../media/index.js';

export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The first of `names` found executable on the PATH list, as an absolute path. */
export function findProgram(names: readonly string[], pathList: string | undefined): string | null {
  for (const name of names) {
    const found = findOnPath(name, pathList);
    if (found) return found;
  }
  return null;
}
