import { createServer } from 'node:net';
import { ConfigError } from './config.js';

/**
 * Binds PORT on HOST for a moment and lets go, so that a port in use or a host that is not
 * this machine's stops start-up before anything else (the sandbox emulator) is started.
 */
export async function checkListenAddress(port: number, host: string): Promise<void> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (error) => reject(listenAddressProblem(error, port, host) ?? error));
    probe.listen(port, host, resolve);
  });
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}

/** The configuration mistake behind a failed `listen`, in the words of PORT (or `portVariable`) and HOST; undefined for anything else. */
export function listenAddressProblem(error: Error, port: number, host: string, portVariable = 'PORT'): ConfigError | undefined {
  const usual = portVariable === 'METRICS_PORT' ? 9464 : 4001;
  const otherPort = port === usual ? usual + 1 : usual;
  switch ((error as NodeJS.ErrnoException).code) {
    case 'EADDRINUSE':
      return new ConfigError(`${portVariable}=${port} is already in use on HOST=${host}: stop what listens there or choose another port, for example ${portVariable}=${otherPort}`);
    case 'EACCES':
      return new ConfigError(`${portVariable}=${port} needs privileges this process does not have: choose a port above 1023, for example ${portVariable}=${otherPort}`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return new ConfigError(`HOST=${host} is not a host name that resolves: set an address of this machine, for example HOST=0.0.0.0 (every interface) or HOST=127.0.0.1`);
    case 'EADDRNOTAVAIL':
      return new ConfigError(`HOST=${host} is not an address of this machine: set one of its addresses, for example HOST=0.0.0.0 (every interface) or HOST=127.0.0.1`);
    default:
      return undefined;
  }
}
