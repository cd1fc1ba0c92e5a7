// zod issues as words a person can act on: "volume must be at most 1 (got 1.5)".
import type { z } from 'zod';

export function describeIssues(issues: readonly z.core.$ZodIssue[], input: unknown, root = ''): string {
  return issues.map((issue) => describeIssue(issue, input, root)).join('; ');
}

/** A path like `t[0].sg[2].m.in_ms`. */
export function formatPath(path: readonly PropertyKey[], root = ''): string {
  let out = root;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown, root: string): string {
  const at = formatPath(issue.path, root);
  if (issue.code === 'custom') return at ? `${at}: ${issue.message}` : issue.message;
  const where = at || 'the value';
  const got = valueAt(input, issue.path);
  const shown = got === undefined ? '' : ` (got ${short(got)})`;
  switch (issue.code) {
    case 'too_big':
      if (issue.origin === 'number') return `${where} must be at most ${String(issue.maximum)}${shown}`;
      if (issue.origin === 'string') return `${where} must be at most ${String(issue.maximum)} characters`;
      if (issue.origin === 'array') return `${where} must have at most ${String(issue.maximum)} items`;
      break;
    case 'too_small':
      if (issue.origin === 'number') return `${where} must be at least ${String(issue.minimum)}${shown}`;
      if (issue.origin === 'string') return `${where} must not be empty`;
      if (issue.origin === 'array') return `${where} must have at least ${String(issue.minimum)} items`;
      break;
    case 'invalid_type':
      if (got === undefined) return `${where} is required`;
      return `${where} must be ${issue.expected === 'int' ? 'a whole number' : `a ${issue.expected}`}${shown}`;
    case 'invalid_value':
      return `${where} must be ${issue.values.length === 1 ? '' : 'one of '}${issue.values.map((v) => JSON.stringify(v)).join(', ')}${shown}`;
    case 'unrecognized_keys':
    {
      const keys = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
      return at ? `${at} has ${keys}` : keys;
    }
    case 'invalid_union':
      return `${where} is not valid${shown}`;
    case 'invalid_format':
      return `${where} must be ${issue.format === 'regex' ? issue.message : `a ${issue.format}`}${shown}`;
    default:
      break;
  }
  return `${where}: ${issue.message}`;
}

export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function short(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
