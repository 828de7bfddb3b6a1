import {
  convergeGateCompletedId,
  convergeGateExpiredId,
  convergeGatePendingId,
  convergeGateRefundedId,
} from '../../src/providers/convergegate/emulator/sessions.js';
import { convergeGateSettlingId } from '../../src/providers/convergegate/emulator/moving-session.js';
import {
  stripeBulkOrderId,
  stripeCompletePaidId,
  stripeExpiredId,
  stripeFullyRefundedId,
  stripeUnderscoreHyphenId,
} from '../../src/providers/stripe/emulator/sessions.js';
import { stripeEverythingId } from '../../src/providers/stripe/emulator/full-session.js';
import type { ExampleOrder } from './orders-subgraph.js';

/**
 * Orders paid (or not yet) with the emulator's example sessions, each session naming its
 * order in return. `itemCount` is the units ordered: the quantities of the session's Stripe
 * line items, or the `items` its Converge Gate metadata records.
 */
export const exampleOrders: readonly ExampleOrder[] = [
  { id: 'order_1001', number: 'A-1001', itemCount: 4, checkoutSessionId: stripeCompletePaidId },
  { id: 'order_1002', number: 'A-1002', itemCount: 1, checkoutSessionId: stripeExpiredId },
  { id: 'order_1003', number: 'A-1003', itemCount: 3, checkoutSessionId: stripeFullyRefundedId },
  { id: 'order_1004', number: 'A-1004', itemCount: 120, checkoutSessionId: stripeBulkOrderId },
  { id: 'order_1005', number: 'A-1005', itemCount: 3, checkoutSessionId: stripeEverythingId },
  { id: 'order_1006', number: 'A-1006', itemCount: 4, checkoutSessionId: stripeUnderscoreHyphenId },
  { id: 'order_2000', number: 'B-2000', itemCount: 1, checkoutSessionId: convergeGatePendingId },
  { id: 'order_2001', number: 'B-2001', itemCount: 3, checkoutSessionId: convergeGateCompletedId },
  { id: 'order_2002', number: 'B-2002', itemCount: 2, checkoutSessionId: convergeGateRefundedId },
  { id: 'order_2003', number: 'B-2003', itemCount: 1, checkoutSessionId: convergeGateExpiredId },
  { id: 'order_2004', number: 'B-2004', itemCount: 2, checkoutSessionId: convergeGateSettlingId },
];

/** Orders from the orders subgraph, each with its payment from this one, and back again. */
export const crossSubgraphQuery = `query OrdersWithPayments {
  orders {
    number
    itemCount
    checkoutSession {
      id
      status
      paymentStatus
      amountTotal { amount currency decimal }
      order { number }
    }
  }
}`;

/** The payment of order B-2004 as it settles (about 10 s after the session is first read), with the order joined to each event. */
export const paymentSubscription = `subscription PaymentOfOrder {
  checkoutSessionUpdated(id: "${convergeGateSettlingId}") {
    id
    status
    paymentStatus
    amountTotal { decimal currency }
    order { number itemCount }
  }
}`;
