// Request bodies checked with zod; the message names the field and what it accepts.
import type { z } from 'zod';
import { badRequest } from './api-error.js';

export function parseBody<S extends z.ZodType>(schema: S, body: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(body ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.length ? issue.path.join('.') : 'body';
  throw badRequest(`${what}: ${field}: ${issue.message}.`);
}
