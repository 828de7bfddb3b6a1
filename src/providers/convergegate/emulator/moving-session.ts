import type { MovingSession } from '../../emulated-provider.js';

/** A BLIK payment the bank settles some seconds after the session is first read. */
export const convergeGateSettlingId = 'MvG4-BlikSettlesSoon01';

/** Converge Gate's moving session: the BLIK payment, pending until it completes. */
export function convergeGateMovingSessions(nowSeconds: number): MovingSession[] {
  const blikPending = {
    id: convergeGateSettlingId,
    amount_total: 8_950,
    amount_subtotal: 8_950,
    amount_refunded: 0,
    currency: 'pln',
    customer_firstname: 'Maria',
    customer_lastname: 'Zielińska',
    customer_email: 'maria.zielinska@example.pl',
    created_at: nowSeconds,
    expires_at: nowSeconds + 3600,
    locale: 'pl',
    payment_method_types: ['blik'],
    metadata: { order_id: 'order_2004', items: 2 },
    fees: [],
    refunds: [],
    refunded: false,
    status: 'pending',
    livemode: false,
  };
  return [{ id: convergeGateSettlingId, before: blikPending, after: { ...blikPending, status: 'completed' }, eventType: 'checkout.session.completed' }];
}
