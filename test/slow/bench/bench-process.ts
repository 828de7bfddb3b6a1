import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

interface ReplyMessage {
  id?: number;
  result?: unknown;
  error?: string;
  ready?: Record<string, unknown>;
}

export interface BenchProcessOptions {
  env: NodeJS.ProcessEnv;
  /** Extra Node flags, e.g. `--cpu-prof`. */
  nodeFlags?: string[];
}

/** One server of the benchmark in its own Node process (compiled JS, as `npm start` runs), so its CPU and memory are its own. */
export class BenchProcess {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

  private constructor(
    private readonly child: ChildProcess,
    readonly ready: Record<string, unknown>,
  ) {
    child.on('message', (message: ReplyMessage) => {
      if (message.id === undefined) return;
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error !== undefined) waiter?.reject(new Error(message.error));
      else waiter?.resolve(message.result);
    });
    child.on('exit', (code) => {
      for (const waiter of this.pending.values()) waiter.reject(new Error(`benchmark process exited with code ${code}`));
      this.pending.clear();
    });
  }

  static async start(script: URL, options: BenchProcessOptions): Promise<BenchProcess> {
    const child = fork(script, [], {
      env: options.env,
      execArgv: options.nodeFlags ?? [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const ready = await new Promise<Record<string, unknown>>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`${script.pathname} exited with code ${code} before it was ready`)));
      child.on('message', (message: ReplyMessage) => {
        if (message.ready) resolve(message.ready);
      });
    });
    child.removeAllListeners('exit');
    return new BenchProcess(child, ready);
  }

  call<Result = unknown>(command: string): Promise<Result> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send({ id, command });
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    await this.call('exit').catch(() => this.child.kill());
    await exited;
  }
}
