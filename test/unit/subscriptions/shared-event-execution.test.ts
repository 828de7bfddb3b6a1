import { buildSchema, parse, type ExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SharedEventExecution } from '../../../src/subscriptions/shared-event-execution.js';

/** A feed whose every subscriber gets the same event objects, as the session feed hands them out. */
function feed() {
  const listeners = new Set<(event: { amount: number }) => void>();
  let reads = 0;
  const schema = buildSchema('type Query { ok: Boolean } type Subscription { amount(currency: String!): Int }');
  const resolvers = {
    amount: {
      subscribe: () => {
        const queue: Array<{ amount: number }> = [];
        let wake: (() => void) | undefined;
        let ended = false;
        const listener = (event: { amount: number }) => {
          queue.push(event);
          wake?.();
        };
        listeners.add(listener);
        const iterator: AsyncIterableIterator<{ amount: number }> = {
          async next() {
            while (queue.length === 0 && !ended) await new Promise<void>((resolve) => (wake = resolve));
            return ended ? { done: true, value: undefined } : { done: false, value: queue.shift()! };
          },
          async return() {
            ended = true;
            listeners.delete(listener);
            wake?.();
            return { done: true, value: undefined };
          },
          [Symbol.asyncIterator]() {
            return this;
          },
        };
        return iterator;
      },
      resolve: (event: { amount: number }) => {
        reads += 1;
        return event.amount;
      },
    },
  };
  return {
    schema,
    resolvers,
    emit: (event: { amount: number }) => listeners.forEach((listener) => listener(event)),
    get reads() {
      return reads;
    },
  };
}

describe('subscriptions sharing the execution of each event', () => {
  const document = parse('subscription ($currency: String!) { amount(currency: $currency) }');

  async function start(shared: SharedEventExecution, source: ReturnType<typeof feed>, currency: string) {
    const stream = await shared.subscribe({
      schema: source.schema,
      document,
      variableValues: { currency },
      subscribeFieldResolver: (_root, _args, _context, info) =>
        info.fieldName === 'amount' ? source.resolvers.amount.subscribe() : undefined,
      fieldResolver: (root, _args, _context, info) =>
        info.fieldName === 'amount' ? source.resolvers.amount.resolve(root as { amount: number }) : undefined,
    });
    return stream as AsyncIterableIterator<ExecutionResult>;
  }

  it('resolves an event once for every subscriber that sent the same document and variables, each getting the result', async () => {
    const source = feed();
    const shared = new SharedEventExecution();
    const subscribers = await Promise.all(Array.from({ length: 5 }, () => start(shared, source, 'EUR')));
    const next = subscribers.map((stream) => stream.next());
    source.emit({ amount: 1200 });

    expect(await Promise.all(next)).toEqual(Array(5).fill({ done: false, value: { data: { amount: 1200 } } }));
    expect(source.reads).toBe(1);
  });

  it('resolves an event again for subscribers with other variables', async () => {
    const source = feed();
    const shared = new SharedEventExecution();
    const [euros, zlotys] = [await start(shared, source, 'EUR'), await start(shared, source, 'PLN')];
    const next = [euros!.next(), zlotys!.next()];
    source.emit({ amount: 500 });

    await Promise.all(next);
    expect(source.reads).toBe(2);
  });

  it('ends a subscription at once when its client leaves, without waiting for another event', async () => {
    const source = feed();
    const stream = await start(new SharedEventExecution(), source, 'EUR');
    const pending = stream.next();

    await stream.return?.();

    expect(await pending).toEqual({ done: true, value: undefined });
  });
});
