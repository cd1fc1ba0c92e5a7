// Is a program on this PATH, or a file where a setting says? File-system checks only.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

export function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

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
    for (const dir of (pathList ?? '').split(delimiter)) {
      if (!dir) continue; // an empty entry means the working directory: never trust that
      const candidate = join(dir, name);
      if (isExecutableFile(candidate)) return resolve(candidate);
    }
  }
  return null;
}
