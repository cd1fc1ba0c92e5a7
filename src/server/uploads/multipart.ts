// Multipart intake: every file part named `files` (or `file`) streamed straight to disk under a
// random name, the size limit enforced while the bytes arrive. A request either yields all its
// files or, whatever went wrong (too large, malformed, client gone), leaves none of them behind.
//
// Registration this needs on the app (nothing beyond the plugin itself):
//   await app.register(multipart)      // import multipart from '@fastify/multipart'
// The per-request limits are passed to req.parts() here, and @fastify/multipart merges them over
// whatever was registered: fileSize = maxBytes + 1 (so busboy lets one byte past the limit through
// and our counter, not a silent truncation, decides), files = maxFiles, plus small field limits.
// Fastify's bodyLimit does not apply to multipart bodies, so it needs no raising.
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart'; // FastifyRequest.parts()
import { invalidInput, ReelcutError } from '../../errors.js';
import { fileTooLarge } from './limits.js';
import { newUploadFileName, safeDisplayName } from './names.js';
import type { ReceivedFile } from './types.js';
import { writeLimited } from './write-limited.js';

export interface MultipartOptions {
  /** Folder for the temporary files (created if missing). */
  dir: string;
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** Most files in one request (default 20). */
  maxFiles?: number;
}

const DEFAULT_MAX_FILES = 20;
// `files` is the protocol's; `file` and `files[]` are what form libraries and PHP-style clients send.
const FILE_FIELDS = new Set(['files', 'file', 'files[]']);
const SEND_FILES_HINT = 'send the upload as multipart/form-data with one or more file parts named "files"';

/**
 * Streams the request's file parts to `opts.dir` and returns them in the order they came.
 * Throws FileTooLarge (FILE_TOO_LARGE) or INVALID_INPUT; on any throw no file of this request remains.
 */
export async function receiveMultipart(req: FastifyRequest, opts: MultipartOptions): Promise<ReceivedFile[]> {
  const maxFiles = opts.maxFiles ?? DEFAULT_MAX_FILES;
  await mkdir(opts.dir, { recursive: true });
  const received: ReceivedFile[] = [];
  let current: { tmpPath: string; name: string } | null = null;
  try {
    const parts = req.parts({
      limits: { fileSize: opts.maxBytes + 1, files: maxFiles, fields: 100, fieldSize: 64 * 1024, parts: maxFiles + 100 },
    });
    for await (const part of parts) {
      if (part.type !== 'file') continue; // other form fields mean nothing to an upload
      if (!FILE_FIELDS.has(part.fieldname)) {
        await discard(part.file); // busboy waits until each part is read before the next
        continue;
      }
      const name = safeDisplayName(part.filename, 'upload');
      const tmpPath = resolve(join(opts.dir, newUploadFileName()));
      current = { tmpPath, name };
      const bytes = await writeLimited(part.file, tmpPath, opts.maxBytes, () => fileTooLarge(name, opts.maxBytes));
      // busboy cuts a file at `fileSize` and marks it truncated; the counter should have stopped
      // it first, but a truncated file is never a whole one.
      if (part.file.truncated) {
        await rm(tmpPath, { force: true });
        throw fileTooLarge(name, opts.maxBytes);
      }
      received.push({ tmpPath, name, bytes });
      current = null;
    }
  } catch (e) {
    drainRest(req);
    await Promise.all([...received.map((f) => f.tmpPath), ...(current ? [current.tmpPath] : [])].map((p) => rm(p, { force: true })));
    throw asUploadError(e, opts.maxBytes, maxFiles, current?.name ?? 'a file');
  }
  if (received.length === 0) throw invalidInput(`The upload has no files: ${SEND_FILES_HINT}.`);
  return received;
}

/**
 * After a refusal the request may still be arriving, left paused in a pipe nobody reads: the
 * client's upload then stalls, and so does the next request on its keep-alive connection. Read
 * the rest and drop it, as Node does for a body a handler never touched, but only so much: past
 * DRAIN_LIMIT the connection is closed instead, so a client cannot keep the server reading
 * gigabytes it already refused.
 */
function drainRest(req: FastifyRequest): void {
  const raw = req.raw;
  if (raw.readableEnded || raw.destroyed) return;
  raw.unpipe();
  let dropped = 0;
  raw.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > DRAIN_LIMIT) raw.destroy();
  });
  raw.resume();
}

const DRAIN_LIMIT = 64 * 1024 * 1024;

async function discard(stream: Readable): Promise<void> {
  for await (const _chunk of stream) {
    // read and drop
  }
}

/** @fastify/multipart's and busboy's errors as the client's mistake they are; disk trouble stays the server's. */
function asUploadError(e: unknown, maxBytes: number, maxFiles: number, name: string): unknown {
  if (e instanceof ReelcutError) return e;
  if (!(e instanceof Error)) return e;
  const code = (e as { code?: unknown }).code;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return fileTooLarge(name, maxBytes);
    case 'FST_FILES_LIMIT':
      return invalidInput(`The upload has more than ${maxFiles} files; send at most ${maxFiles} in one request.`);
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return invalidInput(`The upload has too many form fields; ${SEND_FILES_HINT} and little else.`);
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return invalidInput(`The request is not multipart/form-data: ${SEND_FILES_HINT}.`);
    case 'FST_PROTO_VIOLATION':
      return invalidInput(`The upload uses a reserved form field name; ${SEND_FILES_HINT}.`);
    case 'FST_MP_PREMATURE_CLOSE':
    case 'ECONNRESET':
    case 'ERR_STREAM_PREMATURE_CLOSE':
      return invalidInput('The upload was cut off before it finished; send it again.');
  }
  // Errors from the file system carry a syscall (no space left, permissions): not the client's fault.
  if ('syscall' in e) return e;
  // What remains comes from parsing the body ("Unexpected end of form", "Malformed part header").
  return invalidInput(`The multipart body cannot be read (${e.message}); ${SEND_FILES_HINT}.`);
}
