/**
 * The child side of a benchmark process: tells the parent it is ready, samples its own
 * resident memory, counts its CPU time, and answers the parent's commands over the IPC channel.
 */

import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Pool } from 'undici';

export type CommandHandlers = Record<string, () => unknown>;

interface CommandMessage {
  id: number;
  command: string;
}

const rssSampleIntervalMs = 20;

export function serveBenchParent(ready: Record<string, unknown>, handlers: CommandHandlers, close: () => Promise<void>): void {
  const send = process.send?.bind(process);
  if (!send) throw new Error('a benchmark process must be started by the benchmark, with an IPC channel');

  let peakRssBytes = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peakRssBytes = Math.max(peakRssBytes, process.memoryUsage.rss());
  }, rssSampleIntervalMs);
  sampler.unref();

  let cpuSince = process.cpuUsage();
  const commands: CommandHandlers = {
    ...handlers,
    resetUsage: () => {
      peakRssBytes = process.memoryUsage.rss();
      cpuSince = process.cpuUsage();
    },
    /** Memory in use now, after a full collection when Node runs with `--expose-gc`. */
    memory: () => {
      (globalThis as { gc?: () => void }).gc?.();
      const { rss, heapUsed, external } = process.memoryUsage();
      return { rssBytes: rss, heapUsedBytes: heapUsed, externalBytes: external };
    },
    usage: () => {
      const cpu = process.cpuUsage(cpuSince);
      return { peakRssBytes: Math.max(peakRssBytes, process.memoryUsage.rss()), cpuMicros: cpu.user + cpu.system };
    },
    exit: async () => {
      clearInterval(sampler);
      await close();
      // Leaves after the answer is sent, so `--cpu-prof` writes its profile on a clean exit.
      setImmediate(() => process.exit(0));
    },
  };

  process.on('message', (message: CommandMessage) => {
    const handler = commands[message.command];
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown command ${message.command}`);
        return handler();
      })
      .then(
        (result) => send({ id: message.id, result: result ?? null }),
        (error: unknown) => send({ id: message.id, error: String(error) }),
      );
  });
  process.on('disconnect', () => process.exit(0));
  send({ ready });
}

/** A forwarding server of the benchmark (pass-through, proxy) on a loopback port, closed with its upstream pools. */
export async function serveForwarderToBenchParent(server: Server, upstreams: Pool[]): Promise<void> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  serveBenchParent({ url: `http://127.0.0.1:${port}` }, {}, async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await Promise.all(upstreams.map((pool) => pool.close()));
  });
}

/** What a forwarder answers when its upstream failed: 502, or a cut connection once the answer had begun. */
export function answerUpstreamFailure(response: ServerResponse): void {
  if (!response.headersSent) response.writeHead(502).end();
  else response.destroy();
}
