/**
 * Converge Gate BLIK sessions the emulator serves, by the id they are requested under, as
 * Converge Gate sends them. The first is the example from its retrieve page, exactly as
 * published: asked for as `2AW-kLcRRC5P8U68CYe0kVA`, it answers with an id that lacks the
 * leading `2`, and it spells `amount_sub_total` and `expire_at` as the examples do.
 */
export const convergeGateSeedExampleId = '2AW-kLcRRC5P8U68CYe0kVA';

const publishedExample = {
  id: 'AW-kLcRRC5P8U68CYe0kVA',
  amount_total: 1000,
  amount_sub_total: 1000,
  amount_refunded: 0,
  currency: 'pln',
  cancel_url: '',
  customer_firstname: 'John',
  customer_lastname: 'Doe',
  customer_email: 'john@example.com',
  expire_at: null,
  success_url: '',
  payment_method_types: ['blik'],
  locale: '',
  url: 'https://{provided url}/pay/2AW-kLcRRC5P8U68CYe0kVA',
  fees: null,
  metadata: null,
  refunds: [],
  refunded: false,
  status: 'open',
  livemode: false,
};

type WireSession = Record<string, unknown>;

/** BLIK code submitted; the bank has not settled it yet (this takes 40-90 s). */
export const convergeGatePendingId = 'PnD7-BlikWaitingBank01';
/**
 * Paid, with a processing fee and a discount, and one succeeded and one pending partial
 * refund; spelled as the documentation's table spells it (`amount_subtotal`,
 * `expires_at`, `created_at`), with a phone number and an IP address.
 */
export const convergeGateCompletedId = 'CmP1_Order2001PaidBlik';
/** Paid in USD (the currency of the other copy of the example) and refunded in full, for order 2002. */
export const convergeGateRefundedId = 'RfD2-Order2002Refunded';
/** Expired unpaid, for order 2003, with `created` instead of `created_at`. */
export const convergeGateExpiredId = 'ExP3_Order2003Expired0';

export const convergeGateSessions: ReadonlyMap<string, WireSession> = new Map<string, WireSession>([
  [convergeGateSeedExampleId, publishedExample],
  [
    convergeGatePendingId,
    {
      id: convergeGatePendingId,
      amount_total: 4999,
      amount_subtotal: 4999,
      amount_refunded: 0,
      currency: 'pln',
      customer_firstname: 'Anna',
      customer_lastname: 'Nowak',
      customer_email: 'anna.nowak@example.pl',
      customer_ip: '198.51.100.23',
      created_at: 1764000000,
      expires_at: 1764003600,
      locale: 'pl',
      payment_method_types: ['blik'],
      metadata: { order_id: 'order_2000', items: 1 },
      fees: [],
      refunds: [],
      refunded: false,
      status: 'pending',
      livemode: false,
    },
  ],
  [
    convergeGateCompletedId,
    {
      id: convergeGateCompletedId,
      amount_total: 12_620,
      amount_subtotal: 13_000,
      amount_refunded: 2_500,
      currency: 'pln',
      success_url: 'https://sklep.example.pl/zamowienie/2001/dziekujemy',
      cancel_url: 'https://sklep.example.pl/koszyk',
      customer_firstname: 'Jan',
      customer_lastname: 'Kowalski',
      customer_email: 'jan.kowalski@example.pl',
      customer_ip: '203.0.113.7',
      customer_phone: '+48500600700',
      created_at: 1764100000,
      expires_at: 1764103600,
      locale: 'pl-PL',
      payment_method_types: ['blik'],
      metadata: { order_id: 'order_2001', channel: 'mobile', items: 3 },
      fees: [
        { type: 'processing_fee', name: 'BLIK processing fee', amount: 120, currency: 'pln' },
        { type: 'discount', description: 'Loyalty discount -5 PLN', amount: -500 },
      ],
      refunds: [
        { id: 're_Order2001PartialA', amount: 2_500, status: 'succeeded', reason: 'requested_by_customer', created_at: 1764200000, livemode: false },
        { id: 're_Order2001PartialB', amount: 1_000, status: 'pending', reason: 'duplicated', created_at: 1764300000, livemode: false },
      ],
      refunded: false,
      status: 'completed',
      livemode: false,
    },
  ],
  [
    convergeGateRefundedId,
    {
      id: convergeGateRefundedId,
      amount_total: 2_500,
      amount_sub_total: 2_500,
      amount_refunded: 2_500,
      currency: 'usd',
      customer_firstname: 'Piotr',
      customer_lastname: 'Wiśniewski',
      customer_email: 'piotr@example.com',
      created_at: 1763900000,
      expire_at: 1763903600,
      payment_method_types: ['blik'],
      metadata: { order_id: 'order_2002', items: 2 },
      fees: null,
      refunds: [
        { id: 're_Order2002Full', amount: 2_500, status: 'succeeded', reason: 'fraudulent', created_at: 1763950000, livemode: false },
      ],
      refunded: true,
      status: 'completed',
      livemode: false,
    },
  ],
  [
    convergeGateExpiredId,
    {
      id: convergeGateExpiredId,
      amount_total: 1_500,
      amount_subtotal: 1_500,
      amount_refunded: 0,
      currency: 'pln',
      created: 1763800000,
      expires_at: 1763803600,
      payment_method_types: ['blik'],
      fees: null,
      metadata: { order_id: 'order_2003', items: 1 },
      refunds: [],
      refunded: false,
      status: 'expired',
      livemode: false,
    },
  ],
]);
