// What a failed program said, boiled down for a person's message.

/** The last line of a program's stderr that says something, for error messages. */
export function lastWords(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const telling = lines.filter((l) => /error|fail|cannot|invalid/i.test(l));
  return telling.at(-1) ?? lines.at(-1) ?? '';
}
