import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeadlineSweep } from '../../../../src/providers/http/deadline-sweep.js';

describe('the shared deadline sweep of provider calls', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('cuts off each call once its own deadline has passed, and not before', () => {
    const sweep = new DeadlineSweep(10, () => Date.now());
    const cut: string[] = [];
    const start = Date.now();
    sweep.watch(start + 100, () => cut.push('first'));
    sweep.watch(start + 300, () => cut.push('second'));

    vi.advanceTimersByTime(90);
    expect(cut).toEqual([]);
    vi.advanceTimersByTime(20);
    expect(cut).toEqual(['first']);
    vi.advanceTimersByTime(200);
    expect(cut).toEqual(['first', 'second']);
  });

  it('leaves alone a call that finished before its deadline', () => {
    const sweep = new DeadlineSweep(10, () => Date.now());
    const cut: string[] = [];
    const finished = sweep.watch(Date.now() + 50, () => cut.push('finished call'));
    finished();
    vi.advanceTimersByTime(100);
    expect(cut).toEqual([]);
  });

  it('keeps no timer running once no call is in flight, and starts again for the next call', () => {
    const sweep = new DeadlineSweep(10, () => Date.now());
    sweep.watch(Date.now() + 20, () => {})();
    vi.advanceTimersByTime(50);
    expect(vi.getTimerCount()).toBe(0);

    const cut: string[] = [];
    sweep.watch(Date.now() + 20, () => cut.push('next call'));
    vi.advanceTimersByTime(30);
    expect(cut).toEqual(['next call']);
  });
});
