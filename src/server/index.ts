// The server's door: build it from options, or run it until a signal stops it.
export { createServer, type ReelcutServer } from './app.js';
export { resolveServerOptions, isLoopback, DEFAULT_HOST, DEFAULT_PORT, type ServerOptionsInput } from './options.js';
export type { ServerOptions } from './context.js';
export { serveUntilSignal } from './serve.js';
