import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useHarness } from '../support/harness.js';
import { memoryLogger } from '../support/log-lines.js';

const changedShapesId = 'cs_test_detailsOnDemandChangedShapes0001';

describe('the optional details of a Stripe session, read when a query asks for them', () => {
  const log = memoryLogger();
  const warnings = () => log.lines.filter((line) => line.level === 40);
  const harness = useHarness({}, {}, { logger: log.logger });
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
  beforeEach(() => {
    log.lines.length = 0;
  });

  it('serves the core of a session with a changed optional part, logging nothing about the part no one asked for', async () => {
    const result = await harness.query(`{ checkoutSession(id: "${changedShapesId}") { status paymentStatus amountTotal { decimal } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.checkoutSession).toEqual({ status: 'COMPLETE', paymentStatus: 'PAID', amountTotal: { decimal: '5.00' } });
    expect(warnings()).toEqual([]);
  });

  it('answers null for the changed part once it is asked for, logs it once, and still serves the readable parts', async () => {
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
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatchObject({ provider: 'STRIPE', field: 'custom_text' });
  });
});
