import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
/** V8's collector, reachable without starting Node with `--expose-gc`. */
const collectGarbage = runInNewContext('gc') as () => void;

/** The heap this process uses once garbage is collected, in bytes: what is really held. */
export function heapAfterGc(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

export const megabytes = (bytes: number) => bytes / (1024 * 1024);
