import { createSourceEventStream, execute, type DocumentNode, type ExecutionArgs, type ExecutionResult } from 'graphql';

/**
 * graphql-js's `subscribe`, except that the subscribers of one session that sent the same
 * document, operation name and variables share one execution of each event: the feed
 * hands every subscriber of a session the same event object, so the first to resolve it
 * executes the selection (with its own context, whose loaders are made afresh for the
 * event) and the others take its result. A fan-out to 1 000 subscribers of a page costs
 * one execution and one read of each field's data rather than 1 000.
 */
export class SharedEventExecution {
  /** Results by event, then document, then operation name and variables; gone with the event. */
  private readonly results = new WeakMap<object, WeakMap<DocumentNode, Map<string, Promise<ExecutionResult>>>>();

  async subscribe(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
    const stream = await createSourceEventStream(args);
    if (!isAsyncIterable(stream)) return stream;
    const key = `${args.operationName ?? ''}\u0000${JSON.stringify(args.variableValues ?? {})}`;
    return mapEvents(stream[Symbol.asyncIterator](), (event) => this.resultOf(event, args, key));
  }

  private resultOf(event: unknown, args: ExecutionArgs, key: string): Promise<ExecutionResult> {
    const run = () => Promise.resolve(execute({ ...args, rootValue: event }));
    if (typeof event !== 'object' || event === null) return run();
    let byDocument = this.results.get(event);
    if (!byDocument) this.results.set(event, (byDocument = new WeakMap()));
    let byKey = byDocument.get(args.document);
    if (!byKey) byDocument.set(args.document, (byKey = new Map()));
    let result = byKey.get(key);
    if (!result) byKey.set(key, (result = run()));
    return result;
  }
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof (value as AsyncIterable<unknown> | undefined)?.[Symbol.asyncIterator] === 'function';
}

/**
 * Each event mapped as it comes. An iterator rather than an async generator: a generator's
 * `return()` waits for the event it is waiting on, and a client that leaves must end its
 * subscription at once.
 */
function mapEvents<Event, Result>(source: AsyncIterator<Event>, map: (event: Event) => Promise<Result>): AsyncIterableIterator<Result> {
  const done = async (): Promise<IteratorResult<Result>> => ({ done: true, value: undefined });
  return {
    async next() {
      const next = await source.next();
      return next.done ? done() : { done: false, value: await map(next.value) };
    },
    async return() {
      await source.return?.();
      return done();
    },
    async throw(error: unknown) {
      await source.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
