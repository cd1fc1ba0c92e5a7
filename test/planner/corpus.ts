// Reads test/planner/corpus.jsonl: the planner's specification, message by message.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface CorpusCase {
  line: number;
  message: string;
  intent: string;
  operations: unknown[];
  draft?: 'one' | 'three';
  note?: string;
}

export function loadCorpus(): CorpusCase[] {
  const path = fileURLToPath(new URL('./corpus.jsonl', import.meta.url));
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line, i) => ({ line, n: i + 1 }))
    .filter(({ line }) => line.trim().length > 0)
    .map(({ line, n }) => ({ line: n, ...(JSON.parse(line) as Omit<CorpusCase, 'line'>) }));
}
