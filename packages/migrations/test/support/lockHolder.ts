// A process that takes a PGlite data-directory lock for lockPgliteDataDir's tests. Prints one JSON
// line with the outcome, then, holding the lock, waits: "exit" on stdin exits without releasing
// (the exit hook must), "release" releases and exits; a closed stdin just exits.
import { createInterface } from 'node:readline';
import { PgliteDataDirLockedError, lockPgliteDataDir } from '../../src/index.ts';

const [dataDir] = process.argv.slice(2);
try {
  lockPgliteDataDir(dataDir!);
  console.log(JSON.stringify({ locked: true, pid: process.pid }));
} catch (error) {
  console.log(JSON.stringify({ locked: false, pid: process.pid, refused: error instanceof PgliteDataDirLockedError }));
}
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'exit') process.exit(0);
}
