import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { logger } from '../../src/logger.js';
import { useHarness } from '../support/harness.js';

const changedShapesId = 'cs_test_detailsOnDemandChangedShapes0001';

describe('the optional details of a Stripe session, read when a query asks for them', () => {
  const harness = useHarness();
  beforeAll(() => {
    harness.emulator.putStripeSession({
      id: changedShapesId,
      object: 'checkout.session',
      status: 'complete',
      payment_status: 'paid',
      currency: 'usd',
      amount_total: 500,
      custom_text: 'a string where an object was',
      consent: { promotions: 'opt_in', terms_of_service: 'accepted' },
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('serves the core of a session with a changed optional part, logging nothing about the part no one asked for', async () => {
    const warn = vi.spyOn(logger, 'warn');
    const result = await harness.query(`{ checkoutSession(id: "${changedShapesId}") { status paymentStatus amountTotal { decimal } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.checkoutSession).toEqual({ status: 'COMPLETE', paymentStatus: 'PAID', amountTotal: { decimal: '5.00' } });
    expect(warn).not.toHaveBeenCalled();
  });

  it('answers null for the changed part once it is asked for, logs it once, and still serves the readable parts', async () => {
    const warn = vi.spyOn(logger, 'warn');
    const query = `{ checkoutSession(id: "${changedShapesId}") { status customText { submit } consent { promotions termsOfService } } }`;
    for (let time = 0; time < 2; time += 1) {
      const result = await harness.query(query);
      expect(result.errors).toBeUndefined();
      expect(result.data?.checkoutSession).toEqual({
        status: 'COMPLETE',
        customText: null,
        consent: { promotions: 'OPT_IN', termsOfService: 'ACCEPTED' },
      });
    }
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatchObject({ provider: 'STRIPE', field: 'custom_text' });
  });
});
