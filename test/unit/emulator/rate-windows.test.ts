import { describe, expect, it } from 'vitest';
import { RateWindows } from '../../../src/emulator/rate-windows.js';

const sessions = '/v1/checkout/sessions/{id}';
const refunds = '/v1/refunds';

describe("the emulator's Stripe rate windows", () => {
  it('answers endpoint-rate past the endpoint limit within any one second, and lets calls in again as the window slides', () => {
    const windows = new RateWindows({ globalPerSecond: 100, endpointPerSecond: 3 });
    expect([0, 100, 200, 300].map((at) => windows.admit(sessions, at))).toEqual([undefined, undefined, undefined, 'endpoint-rate']);
    // The call at 0 leaves the window at 1000; the refused one never counted.
    expect(windows.admit(sessions, 999)).toBe('endpoint-rate');
    expect(windows.admit(sessions, 1000)).toBeUndefined();
    expect(windows.admit(refunds, 1000)).toBeUndefined();
  });

  it('answers global-rate past the account limit over all endpoints together', () => {
    const windows = new RateWindows({ globalPerSecond: 3, endpointPerSecond: 25 });
    expect([sessions, refunds, sessions, refunds].map((endpoint, index) => windows.admit(endpoint, index * 10))).toEqual([
      undefined,
      undefined,
      undefined,
      'global-rate',
    ]);
  });

  it('counts nothing once lifted', () => {
    const windows = new RateWindows({ globalPerSecond: undefined, endpointPerSecond: undefined });
    expect(Array.from({ length: 500 }, (_, index) => windows.admit(sessions, index)).every((reason) => reason === undefined)).toBe(true);
  });
});
