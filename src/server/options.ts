// The server's configuration in one typed place: flags and environment parsed by one schema,
// with the defaults PROTOCOL.md and the issue name. Anything wrong is refused before listening.
import { statSync } from 'node:fs';
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { invalidInput, MAX_FILE_BYTES } from '../errors.js';
import type { LlmConfig } from '../planner/index.js';
import type { ServerOptions } from './context.js';
import { defaultDataDir } from './data-dir.js';

export const DEFAULT_PORT = 7878;
export const DEFAULT_HOST = '127.0.0.1';

/**
 * One x264 encode keeps about eight cores busy, so a worker per eight cores: 1 on a laptop's
 * 2 to 8, 2 on 16. More workers on fewer cores only make every render slower.
 */
export function defaultRenderWorkers(): number {
  return Math.max(1, Math.floor(availableParallelism() / 8));
}

const Options = z.object({
  host: z.string().min(1).default(DEFAULT_HOST),
  port: z.coerce.number().int().min(0).max(65535).default(DEFAULT_PORT),
  dataDir: z.string().min(1).optional(),
  editCost: z.coerce.number().int().min(0).max(1_000_000).optional(),
  strictCompat: z.boolean().default(false),
  allowPrivateUrls: z.boolean().default(false),
  musicDir: z.string().min(1).optional(),
  renderConcurrency: z.coerce.number().int().min(1).max(64).default(defaultRenderWorkers),
  heartbeatMs: z.coerce.number().int().min(10).max(15_000).default(10_000),
  maxStreamMs: z.coerce.number().int().min(1000).max(15 * 60_000).default(15 * 60_000),
  maxUploadBytes: z.coerce.number().int().min(1).max(MAX_FILE_BYTES).default(MAX_FILE_BYTES),
  urlTimeoutMs: z.coerce.number().int().min(100).max(30 * 60_000).default(120_000),
  anonymousCredits: z.coerce.number().int().min(0).default(100),
  tokenPerClientMs: z.coerce.number().int().min(0).default(7 * 24 * 3600 * 1000),
});

export type ServerOptionsInput = z.input<typeof Options> & { llm?: LlmConfig | null; logger?: ServerOptions['logger'] };

/** Loopback means one person on their own machine: edits are free there by default. */
export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (isIP(bare) === 4) return bare.startsWith('127.');
  return bare === '::1';
}

export function resolveServerOptions(input: ServerOptionsInput, env: NodeJS.ProcessEnv = process.env): ServerOptions {
  const r = Options.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw invalidInput(`serve: --${kebab(String(issue.path[0] ?? 'option'))}: ${issue.message}`);
  }
  const o = r.data;
  const musicDir = o.musicDir ?? (env.REELCUT_MUSIC_DIR || null);
  if (musicDir && !statSync(musicDir, { throwIfNoEntry: false })?.isDirectory()) {
    throw invalidInput(`serve: --music-dir: ${musicDir} is not a folder (from ${o.musicDir ? '--music-dir' : 'REELCUT_MUSIC_DIR'}); give the folder your songs are in.`);
  }
  return {
    ...o,
    dataDir: o.dataDir ?? defaultDataDir(env),
    musicDir,
    editCost: o.editCost ?? (isLoopback(o.host) ? 0 : 1),
    llm: input.llm ?? null,
    logger: input.logger ?? true,
  };
}

function kebab(s: string): string {
  return s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
