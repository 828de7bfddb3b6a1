import { describe, expect, it } from 'vitest';
import { stripeEverythingId, stripeEverythingSession } from '../../../../src/providers/stripe/emulator/full-session.js';
import { stripeMapping, toCheckoutSession } from '../../../../src/providers/stripe/map.js';
import { quietLogger } from '../../../support/log-lines.js';

describe('a mapped Stripe session', () => {
  it('keeps every detail in its JSON form, which the read cache measures against its byte bound', () => {
    const text = JSON.stringify(stripeEverythingSession);
    const mapping = stripeMapping(quietLogger());
    const session = toCheckoutSession(mapping.schemas.session.parse(JSON.parse(text)), text, stripeEverythingId, mapping);
    const json = JSON.parse(JSON.stringify(session));
    expect(json).toMatchObject({
      id: stripeEverythingId,
      status: 'COMPLETE',
      paymentStatus: 'PAID',
      consent: { promotions: 'OPT_IN', termsOfService: 'ACCEPTED' },
      automaticTax: { enabled: true, status: 'COMPLETE', liability: { type: 'SELF' } },
      uiMode: 'HOSTED_PAGE',
    });
    expect(json.customFields.length).toBeGreaterThan(0);
  });
});
