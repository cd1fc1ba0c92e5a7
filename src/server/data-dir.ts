// Where a server keeps its database, media and renders when no --data-dir is given: the
// platform's per-user data folder, as desktop apps do.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.REELCUT_DATA_DIR) return env.REELCUT_DATA_DIR;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'reelcut');
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'reelcut');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'reelcut');
}

export interface DataPaths {
  root: string;
  database: string;
  media: string;
  renders: string;
  incoming: string;
  secret: string;
}

export function dataPaths(root: string): DataPaths {
  return {
    root,
    database: join(root, 'reelcut.db'),
    media: join(root, 'media'),
    renders: join(root, 'renders'),
    incoming: join(root, 'incoming'),
    secret: join(root, 'download.key'),
  };
}
