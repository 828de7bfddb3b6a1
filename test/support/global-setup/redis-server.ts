import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const installLine =
  'The fleet and Redis tests need redis-server, which is not installed: sudo apt-get install redis-server (Debian, Ubuntu) or brew install redis (macOS), or set REDIS_SERVER to its path.';

/**
 * Makes sure `redis-server` can be started by the tests that need a real Redis: found where
 * REDIS_SERVER points or on PATH; otherwise, as root on a machine with apt-get, Debian's
 * package is installed; otherwise the run stops at once with the one line saying how.
 */
export async function setup(): Promise<void> {
  const configured = process.env.REDIS_SERVER;
  if (configured !== undefined && configured !== '') {
    if (await isExecutable(configured)) return;
    stop(`REDIS_SERVER=${configured} is not an executable file. ${installLine}`);
  }
  if (await onPath('redis-server')) return;
  if (process.getuid?.() === 0 && (await onPath('apt-get'))) {
    console.log("redis-server not found: installing Debian's redis-server package (apt-get, once for this machine)");
    try {
      await run('apt-get', ['update', '-qq']);
      await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'redis-server'], {
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    } catch (error) {
      const output = error instanceof Error && 'stderr' in error ? String(error.stderr).trim().split('\n').at(-1) : String(error);
      stop(`Installing redis-server with apt-get failed (${output}). ${installLine}`);
    }
    if (await onPath('redis-server')) return;
  }
  stop(installLine);
}

function stop(line: string): never {
  console.error(line);
  process.exit(1);
}

async function onPath(command: string): Promise<boolean> {
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    if (folder !== '' && (await isExecutable(join(folder, command)))) return true;
  }
  return false;
}

async function isExecutable(file: string): Promise<boolean> {
  return access(file, constants.X_OK).then(
    () => true,
    () => false,
  );
}
