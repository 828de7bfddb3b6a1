import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { writeEventStream } from '../../../src/subscriptions/sse-transport.js';

/** A response whose client takes the first `accepted` writes and then stops reading. */
function responseTaking(accepted: number) {
  const written: string[] = [];
  let destroyed = false;
  let ended = false;
  const response = {
    get writable() {
      return !destroyed && !ended;
    },
    get destroyed() {
      return destroyed;
    },
    write(chunk: string, done: (error?: Error | null) => void) {
      written.push(chunk);
      if (written.length <= accepted) setImmediate(() => done());
      return true;
    },
    destroy() {
      destroyed = true;
    },
    end() {
      ended = true;
    },
    once: () => response,
    off: () => response,
  };
  return { response: response as unknown as ServerResponse, written, isDestroyed: () => destroyed, isEnded: () => ended };
}

async function* events(count: number, stopped: { value: boolean }): AsyncGenerator<string, void, undefined> {
  try {
    for (let index = 0; index < count; index += 1) yield `event: next\ndata: ${index}\n\n`;
  } finally {
    stopped.value = true;
  }
}

describe('writing a subscription\'s event stream', () => {
  it('closes the stream, and stops the subscription, when the client stops taking writes', async () => {
    const client = responseTaking(2);
    const stopped = { value: false };
    await writeEventStream(events(10, stopped), client.response, { writeStallMs: 50, keepAliveMs: 10_000 });
    expect(client.written).toHaveLength(3);
    expect(client.isDestroyed()).toBe(true);
    expect(stopped.value).toBe(true);
  });

  it('writes every event and ends the response when the client keeps up', async () => {
    const client = responseTaking(Number.POSITIVE_INFINITY);
    const stopped = { value: false };
    await writeEventStream(events(5, stopped), client.response, { writeStallMs: 50, keepAliveMs: 10_000 });
    expect(client.written).toHaveLength(5);
    expect(client.isEnded()).toBe(true);
    expect(client.isDestroyed()).toBe(false);
  });
});
