/**
 * A DataLoader batch function's result: each key settles to its own value or its own
 * Error, so one failed key never fails the others in the batch.
 */
export function settleEach<Key, Value>(keys: readonly Key[], load: (key: Key) => Promise<Value>): Promise<(Value | Error)[]> {
  return Promise.all(keys.map((key) => load(key).catch(asError)));
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
