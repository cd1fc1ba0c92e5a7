// A separate process that claims render jobs from a database file until none is left, then
// prints the ids it got as JSON. It says "ready" once the database is open and starts claiming
// at the wall-clock time it is sent, so two of them race for real: two servers on the same queue.
import { createInterface } from 'node:readline';
import { openDatabase } from '../../src/store/db.js';
import { createJobRepo } from '../../src/store/jobs.js';

const file = process.argv[2];
if (!file) throw new Error('usage: claim-worker.ts <db file>');
const db = openDatabase(file);
const repo = createJobRepo(db);
const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
lines.once('line', (line) => {
  // Spin until the shared start time, so both claimers begin within microseconds of each other.
  const at = Number(line);
  while (Date.now() < at) {
    // wait
  }
  // A pause after each claim, as a render would take: without it one claimer can drain the
  // queue in the few milliseconds before a loaded machine schedules the other, and no race
  // happens at all (CI saw exactly that).
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const got: string[] = [];
  for (let job = repo.claimNext(); job; job = repo.claimNext()) {
    got.push(job.id);
    Atomics.wait(pause, 0, 0, 2);
  }
  db.close();
  process.stdout.write(JSON.stringify(got) + '\n');
  lines.close();
});
