// What every route shares: the store, the data folders, the render queue and the options.
import type { EventEmitter } from 'node:events';
import type { FfmpegInfo } from '../media/index.js';
import type { LlmConfig } from '../planner/index.js';
import type { Store, TokenRow } from '../store/index.js';
import type { RenderQueue } from '../jobs/index.js';
import type { SessionLocks } from '../agent/index.js';
import type { DataPaths } from './data-dir.js';
import type { Signer } from './signed-url.js';

export interface ServerOptions {
  host: string;
  port: number;
  dataDir: string;
  /** Credits one /run_sse turn costs. */
  editCost: number;
  /** Answer 402 to an export without the skill attribution headers. */
  strictCompat: boolean;
  allowPrivateUrls: boolean;
  /** The person's music folder: music asked for in chat is looked for there first. */
  musicDir: string | null;
  renderConcurrency: number;
  heartbeatMs: number;
  maxStreamMs: number;
  maxUploadBytes: number;
  urlTimeoutMs: number;
  anonymousCredits: number;
  /** A client id may get one anonymous token per this many ms. */
  tokenPerClientMs: number;
  llm: LlmConfig | null;
  /** pino options, or false for none. */
  logger: boolean | Record<string, unknown>;
}

export interface ServerContext {
  opts: ServerOptions;
  store: Store;
  paths: DataPaths;
  ff: FfmpegInfo;
  queue: RenderQueue;
  /** Emits `job:<id>` with the job after each change the queue reports. */
  jobEvents: EventEmitter;
  signer: Signer;
  locks: SessionLocks;
}

export interface Attribution {
  source: string | null;
  version: string | null;
  platform: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: TokenRow | null;
  }
  interface FastifyContextConfig {
    /** No bearer token needed (the anonymous-token call, signed downloads, the web app). */
    public?: boolean;
  }
}
