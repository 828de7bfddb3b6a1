import { describe, expect, it } from 'vitest';
import { LocalPollSchedule } from '../../../src/sessions/poll-schedule.js';

const id = 'cs_test_polled';

function scheduleAt(start = 1_000_000) {
  const clock = { ms: start, now: () => clock.ms };
  return { clock, schedule: new LocalPollSchedule(clock) };
}

describe('the poll schedule of a subscribed session', () => {
  it('polls 2 s after the first subscriber, then 4, 8, 16 and 32 s apart, then every 60 s', async () => {
    const { clock, schedule } = scheduleAt();
    const gaps = [await schedule.join(id, undefined)];
    for (let poll = 0; poll < 7; poll += 1) {
      clock.ms += gaps.at(-1)!;
      const claim = await schedule.claim(id, undefined);
      expect(claim.won).toBe(true);
      gaps.push(claim.nextInMs);
    }
    expect(gaps).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
  });

  it('gives a due poll to the first who claims it; the others learn when the next is due', async () => {
    const { clock, schedule } = scheduleAt();
    await schedule.join(id, undefined);
    expect(await schedule.join(id, undefined)).toBe(2_000);
    clock.ms += 2_000;
    expect(await schedule.claim(id, undefined)).toEqual({ won: true, nextInMs: 4_000 });
    expect(await schedule.claim(id, undefined)).toEqual({ won: false, nextInMs: 4_000 });
    clock.ms += 1_000;
    expect(await schedule.claim(id, undefined)).toEqual({ won: false, nextInMs: 3_000 });
  });

  it('moves the next poll one interval on after a webhook read, and back to 2 s after a failed read', async () => {
    const { clock, schedule } = scheduleAt();
    await schedule.join(id, undefined);
    clock.ms += 2_000;
    await schedule.claim(id, undefined);
    clock.ms += 3_000;
    expect(await schedule.postpone(id, undefined)).toBe(4_000);
    expect(await schedule.restart(id, undefined)).toBe(2_000);
  });

  it('polls just after the session expires rather than later', async () => {
    const { clock, schedule } = scheduleAt();
    await schedule.join(id, undefined);
    clock.ms += 2_000;
    expect(await schedule.claim(id, clock.ms + 2_500)).toEqual({ won: true, nextInMs: 3_500 });
  });
});
