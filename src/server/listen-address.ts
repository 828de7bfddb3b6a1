import { createServer } from 'node:net';
import { ConfigError } from '../config/settings.js';

/** The variable a port comes from, and its usual value, which the messages suggest (or the next one up). */
export interface PortSetting {
  variable: string;
  usual: number;
}

export const subgraphPort: PortSetting = { variable: 'PORT', usual: 4001 };
export const metricsPort: PortSetting = { variable: 'METRICS_PORT', usual: 9464 };

/**
 * Binds the port on HOST for a moment and lets go, so that a port in use or a host that is
 * not this machine's stops start-up before anything else (the sandbox emulator) is started.
 */
export async function checkListenAddress(port: number, host: string, setting: PortSetting = subgraphPort): Promise<void> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (error) => reject(listenAddressProblem(error, port, host, setting) ?? error));
    probe.listen(port, host, resolve);
  });
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}

/** The configuration mistake behind a failed `listen`, in the words of the port's variable and HOST; undefined for anything else. */
export function listenAddressProblem(error: Error, port: number, host: string, setting: PortSetting = subgraphPort): ConfigError | undefined {
  const { variable } = setting;
  const otherPort = port === setting.usual ? setting.usual + 1 : setting.usual;
  switch ((error as NodeJS.ErrnoException).code) {
    case 'EADDRINUSE':
      return new ConfigError(`${variable}=${port} is already in use on HOST=${host}: stop what listens there or choose another port, for example ${variable}=${otherPort}`);
    case 'EACCES':
      return new ConfigError(`${variable}=${port} needs privileges this process does not have: choose a port above 1023, for example ${variable}=${otherPort}`);
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
