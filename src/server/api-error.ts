// The protocol's error envelope: a code a client branches on, the HTTP status that agrees with it,
// and a message a person can act on. Every failure leaves the server through `toApiError`.
import { ReelcutError, type ErrorCode } from '../errors.js';

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly http: number,
    message: string,
    readonly data: Record<string, unknown> | null = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const badRequest = (message: string) => new ApiError(400, 400, message);
export const badToken = (message = 'The bearer token is missing, unknown or expired: get a new one from POST /api/auth/anonymous-token.') =>
  new ApiError(1001, 401, message);
export const sessionNotFound = (id: string) => new ApiError(1002, 404, `Session ${id} was not found for this token: create one with POST /api/tasks/me/with-session/nemo_agent.`);
export const notFound = (what: string) => new ApiError(404, 404, `${what} was not found.`);

const FROM_REELCUT: Partial<Record<ErrorCode, [number, number]>> = {
  INVALID_INPUT: [400, 400],
  INVALID_OPERATION: [400, 400],
  NOTHING_TO_DO: [400, 400],
  UNSUPPORTED_MEDIA: [4001, 415],
  FILE_TOO_LARGE: [4002, 413],
  FILE_NOT_FOUND: [404, 404],
};

/** Fastify's own errors carry a statusCode: a client's mistake stays a 400, never a 500. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof ReelcutError) {
    const [code, http] = FROM_REELCUT[err.code] ?? [500, 500];
    return new ApiError(code, http, err.message);
  }
  const e = err as { statusCode?: number; code?: string; message?: string };
  if (e && typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    if (e.code === 'FST_REQ_FILE_TOO_LARGE') return new ApiError(4002, 413, 'The file is larger than the 500 MB limit a file; trim or compress it first.');
    if (e.statusCode === 404) return new ApiError(404, 404, e.message ?? 'Not found.');
    return new ApiError(400, 400, cleanFastifyMessage(e.message ?? 'The request is malformed.'));
  }
  return new ApiError(500, 500, 'Something went wrong on the server; the request was not completed. Details are in the server log.');
}

function cleanFastifyMessage(m: string): string {
  return m
    .replace(/^Body is not valid JSON but content-type is set to 'application\/json'$/, 'The body is not valid JSON; send one JSON object with the fields PROTOCOL.md lists for this endpoint.');
}

export function envelope(data: unknown, message = 'success'): { code: 0; message: string; data: unknown } {
  return { code: 0, message, data };
}
