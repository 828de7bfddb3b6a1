import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.js';
import { connectSharedRedis, redisScript, type SharedRedis } from '../../../src/redis/shared-redis.js';
import { startRedisServer, type RedisServer } from '../../support/redis-server.js';

const echo = redisScript(`return ARGV[1]`);
const publish = redisScript(`return redis.call('PUBLISH', KEYS[1], ARGV[1])`);

async function until(condition: () => boolean, withinMs = 5_000): Promise<void> {
  const startedAt = performance.now();
  while (!condition()) {
    if (performance.now() - startedAt > withinMs) throw new Error(`condition not met within ${withinMs} ms`);
    await delay(20);
  }
}

describe('the shared Redis connection', () => {
  let server: RedisServer;
  let redis: SharedRedis | undefined;
  let warnings: string[];
  let notices: string[];
  /** Keeps the messages of its warn and info lines in `warnings` and `notices`. */
  let logger: Logger;

  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(() => server?.close());
  beforeEach(() => {
    warnings = [];
    notices = [];
    const write = (line: string) => {
      const { level, msg } = JSON.parse(line) as { level: number; msg: string };
      if (level === 40) warnings.push(msg);
      if (level === 30) notices.push(msg);
    };
    logger = createLogger({ write });
  });
  afterEach(async () => {
    await redis?.close();
    redis = undefined;
  });

  it('runs scripts once connected', async () => {
    redis = await connectSharedRedis({ url: server.url, keyPrefix: 'test:', logger, timeoutMs: 50 });
    expect(redis.state).toBe('ok');
    expect(await redis.run(echo, [], ['hello'])).toBe('hello');
    expect(notices).toEqual(['Redis connected: cache, evictions and rate budget shared']);
  });

  it('turns degraded once when Redis dies, refuses operations meanwhile, and is back by itself, logging each change once', async () => {
    redis = await connectSharedRedis({ url: server.url, keyPrefix: 'test:', logger, timeoutMs: 50, probeIntervalMs: 50 });
    await server.kill();
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => redis!.run(echo, [], ['x'])));
    expect(outcomes.every((outcome) => outcome.status === 'rejected')).toBe(true);
    await until(() => redis!.state === 'degraded');
    expect(warnings.filter((message) => message.startsWith('Redis unavailable'))).toHaveLength(1);

    await server.start();
    await until(() => redis!.state === 'ok');
    expect(await redis.run(echo, [], ['again'])).toBe('again');
    expect(warnings).toHaveLength(1);
    expect(notices.filter((message) => message.startsWith('Redis is back'))).toHaveLength(1);
  });

  it('gives up on a Redis that leaves three operations in a row unanswered for ten deadlines, and uses it again once it answers', async () => {
    redis = await connectSharedRedis({ url: server.url, keyPrefix: 'test:', logger, timeoutMs: 50, probeIntervalMs: 50 });
    server.pause();
    try {
      for (let attempt = 1; attempt <= 3; attempt += 1) {
        await expect(redis.run(echo, [], ['x'])).rejects.toThrow('no answer within 50 ms');
      }
      // Three deadlines passed, but an answer may still come (a busy event loop reads it late).
      expect(redis.state).toBe('ok');
      await until(() => redis!.state === 'degraded');
      await expect(redis.run(echo, [], ['x'])).rejects.toThrow('Redis is degraded');
    } finally {
      server.resume();
    }
    await until(() => redis!.state === 'ok');
    expect(await redis.run(echo, [], ['back'])).toBe('back');
  });

  it('takes an answer that comes after the deadline for an operation that must not be guessed at, and keeps sharing', async () => {
    redis = await connectSharedRedis({ url: server.url, keyPrefix: 'test:', logger, timeoutMs: 50, probeIntervalMs: 50 });
    server.pause();
    const late = redis.run(echo, [], ['late'], { untilDegraded: true });
    const read = redis.run(echo, [], ['read']).catch((error: Error) => error.message);
    await delay(200);
    server.resume();
    expect(await read).toBe('no answer within 50 ms');
    expect(await late).toBe('late');
    expect(redis.state).toBe('ok');
  });

  it('names REDIS_URL and its host, never its password, when the host does not resolve', async () => {
    redis = await connectSharedRedis({ url: 'redis://:s3cretRedisPassword@no-such-redis.invalid:6379/0', keyPrefix: 'test:', logger, timeoutMs: 50, startupWaitMs: 2_000 });

    expect(redis.state).toBe('degraded');
    expect(warnings).toEqual([
      'REDIS_URL names the host no-such-redis.invalid, which does not resolve: serving from this process cache and pacing provider calls locally until it answers',
    ]);
  });

  it('starts degraded, without waiting long, when no Redis answers, then connects and subscribes once one does', async () => {
    const later = await startRedisServer();
    await later.kill();
    let publisher: SharedRedis | undefined;
    try {
      redis = await connectSharedRedis({ url: later.url, keyPrefix: 'test:', logger, timeoutMs: 50, probeIntervalMs: 50, startupWaitMs: 300 });
      expect(redis.state).toBe('degraded');
      expect(warnings).toEqual([
        'Redis unreachable at start-up: serving from this process cache and pacing provider calls locally until it answers',
      ]);
      const received: string[] = [];
      redis.subscribe('test:channel', (message) => received.push(message), () => undefined);
      await delay(300);
      await later.start();
      await until(() => redis!.state === 'ok');
      publisher = await connectSharedRedis({ url: later.url, keyPrefix: 'test:', logger, timeoutMs: 50 });
      await until(() => {
        void publisher!.run(publish, ['test:channel'], ['hello']);
        return received.includes('hello');
      });
    } finally {
      await publisher?.close();
      await later.close();
    }
  });
});
