import type Stripe from 'stripe';

/**
 * A payment as Stripe keeps it: the payment intent, its charge, and the charge's balance
 * transaction once Stripe has booked it (what the payment put in the balance, less fees).
 */
export interface EmulatedPayment {
  paymentIntent: Stripe.PaymentIntent;
  charge: Stripe.Charge;
  balanceTransaction: Stripe.BalanceTransaction | undefined;
}

export interface PaymentFacts {
  /** `pi_...`; its charge and balance transaction take the same suffix (`ch_...`, `txn_...`). */
  paymentIntentId: string;
  amount: number;
  currency: string;
  created: number;
  method: 'card' | 'sepa_debit';
  customer?: string;
  /** Undefined while the payment is under way (a bank debit): the charge is pending and nothing is booked. */
  booked?: {
    /** The balance's currency, when the payment was converted into it. */
    currency?: string;
    exchangeRate?: number;
    /** The payment as booked, in the balance's currency. */
    amount?: number;
    fees: Array<{ type: string; description: string; amount: number }>;
    availableOn: number;
  };
}

const unbookedAddress: Stripe.Address = { city: null, country: null, line1: null, line2: null, postal_code: null, state: null };

const cardDetails: Stripe.Charge.PaymentMethodDetails = {
  type: 'card',
  card: {
    amount_authorized: null,
    authorization_code: null,
    brand: 'visa',
    checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
    country: 'DE',
    exp_month: 12,
    exp_year: 2030,
    funding: 'credit',
    installments: null,
    last4: '4242',
    mandate: null,
    network: 'visa',
    network_transaction_id: null,
    regulated_status: 'unregulated',
    three_d_secure: null,
    transaction_link_id: null,
    wallet: null,
  },
};

const sepaDebitDetails: Stripe.Charge.PaymentMethodDetails = {
  type: 'sepa_debit',
  sepa_debit: { bank_code: '37040044', branch_code: null, country: 'DE', fingerprint: 'emulatorSepa', last4: '3000', mandate: 'mandate_1EmulatorSepa' },
};

/** A payment intent, its charge and, once booked, its balance transaction, as Stripe's 2026 (dahlia) API sends them. */
export function stripePayment(facts: PaymentFacts): EmulatedPayment {
  const suffix = facts.paymentIntentId.slice(3);
  const chargeId = `ch_${suffix}`;
  const booked = facts.booked;
  const balanceTransaction: Stripe.BalanceTransaction | undefined = booked && {
    id: `txn_${suffix}`,
    object: 'balance_transaction',
    amount: booked.amount ?? facts.amount,
    available_on: booked.availableOn,
    balance_type: 'payments',
    created: facts.created,
    currency: booked.currency ?? facts.currency,
    description: null,
    exchange_rate: booked.exchangeRate ?? null,
    fee: booked.fees.reduce((sum, fee) => sum + fee.amount, 0),
    fee_details: booked.fees.map((fee) => ({ ...fee, application: null, currency: booked.currency ?? facts.currency })),
    net: (booked.amount ?? facts.amount) - booked.fees.reduce((sum, fee) => sum + fee.amount, 0),
    reporting_category: 'charge',
    source: chargeId,
    status: booked.availableOn * 1000 <= Date.now() ? 'available' : 'pending',
    type: 'charge',
  };
  const charge: Stripe.Charge = {
    id: chargeId,
    object: 'charge',
    amount: facts.amount,
    amount_captured: booked ? facts.amount : 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: balanceTransaction?.id ?? null,
    billing_details: { address: unbookedAddress, email: null, name: null, phone: null, tax_id: null },
    calculated_statement_descriptor: 'EXAMPLE SHOP',
    captured: booked !== undefined,
    created: facts.created,
    currency: facts.currency,
    customer: facts.customer ?? null,
    description: null,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    fraud_details: {},
    livemode: false,
    metadata: {},
    on_behalf_of: null,
    outcome: {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: 'approved_by_network',
      reason: null,
      risk_level: 'normal',
      seller_message: 'Payment complete.',
      type: 'authorized',
    },
    paid: booked !== undefined,
    payment_intent: facts.paymentIntentId,
    payment_method: `pm_${suffix}`,
    payment_method_details: facts.method === 'card' ? cardDetails : sepaDebitDetails,
    receipt_email: null,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: booked ? 'succeeded' : 'pending',
    transfer_data: null,
    transfer_group: null,
  };
  const paymentIntent: Stripe.PaymentIntent = {
    id: facts.paymentIntentId,
    object: 'payment_intent',
    amount: facts.amount,
    amount_capturable: 0,
    amount_received: booked ? facts.amount : 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic',
    client_secret: `${facts.paymentIntentId}_secret_emulator`,
    confirmation_method: 'automatic',
    created: facts.created,
    currency: facts.currency,
    customer: facts.customer ?? null,
    customer_account: null,
    description: null,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: chargeId,
    livemode: false,
    managed_payments: null,
    metadata: {},
    next_action: null,
    on_behalf_of: null,
    payment_method: `pm_${suffix}`,
    payment_method_configuration_details: null,
    payment_method_options: null,
    payment_method_types: [facts.method],
    processing: null,
    receipt_email: null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: booked ? 'succeeded' : 'processing',
    transfer_group: null,
  };
  return { paymentIntent, charge, balanceTransaction };
}

const cardFee = (amount: number) => ({ type: 'stripe_fee', description: 'Stripe processing fees', amount });

// Order 1005's first subscription invoice: €96.90 by card.
const invoice1005Payment = stripePayment({
  paymentIntentId: 'pi_3EmulatorInvoice1005',
  amount: 9690,
  currency: 'eur',
  created: 1763900000,
  method: 'card',
  customer: 'cus_EmulatorEverything',
  booked: { fees: [cardFee(170)], availableOn: 1764460800 },
});

/** The payments of the example sessions that took money (sessions.ts, full-session.ts). */
export const stripePayments: readonly EmulatedPayment[] = [
  // Order 1001: €52.10 by card, €1.03 in fees.
  stripePayment({
    paymentIntentId: 'pi_3EmulatorPaid1001',
    amount: 5210,
    currency: 'eur',
    created: 1763900000,
    method: 'card',
    customer: 'cus_Emulator1001',
    booked: { fees: [cardFee(103)], availableOn: 1764460800 },
  }),
  // Order 1003: $20.00 by card, converted into the account's euros.
  stripePayment({
    paymentIntentId: 'pi_3EmulatorRefunded1003',
    amount: 2000,
    currency: 'usd',
    created: 1763700000,
    method: 'card',
    booked: { currency: 'eur', exchangeRate: 0.92, amount: 1840, fees: [cardFee(85)], availableOn: 1764288000 },
  }),
  // Order 1004: €300.00 by card.
  stripePayment({
    paymentIntentId: 'pi_3EmulatorBulk1004',
    amount: 30000,
    currency: 'eur',
    created: 1679600215,
    method: 'card',
    booked: { fees: [cardFee(475)], availableOn: 1680134400 },
  }),
  // ¥5.5 billion by card on a Japanese account: Stripe's fee and the consumption tax on it.
  stripePayment({
    paymentIntentId: 'pi_3EmulatorLargeJpy',
    amount: 5_500_000_000,
    currency: 'jpy',
    created: 1679600215,
    method: 'card',
    booked: {
      fees: [cardFee(198_000_000), { type: 'tax', description: 'JCT on Stripe fees', amount: 19_800_000 }],
      availableOn: 1680134400,
    },
  }),
  invoice1005Payment,
];

/** A SEPA debit under way (its charge pending, nothing booked), and the same payment once it succeeded. */
export function stripeDelayedDebit(paymentIntentId: string, amount: number, createdSeconds: number): { before: EmulatedPayment; after: EmulatedPayment } {
  const facts: PaymentFacts = { paymentIntentId, amount, currency: 'eur', created: createdSeconds, method: 'sepa_debit' };
  const availableOn = createdSeconds + 7 * 86_400;
  return {
    before: stripePayment(facts),
    after: stripePayment({ ...facts, booked: { fees: [{ type: 'stripe_fee', description: 'SEPA Direct Debit fee', amount: 35 }], availableOn } }),
  };
}

/** The payment of an invoice by a payment intent, as Stripe's pinned API version sends it. */
export function stripeInvoicePayment(id: string, invoice: string, payment: EmulatedPayment): Stripe.InvoicePayment {
  const { paymentIntent } = payment;
  return {
    id,
    object: 'invoice_payment',
    amount_paid: paymentIntent.amount_received,
    amount_requested: paymentIntent.amount,
    created: paymentIntent.created,
    currency: paymentIntent.currency,
    invoice,
    is_default: true,
    livemode: false,
    payment: { type: 'payment_intent', payment_intent: paymentIntent.id },
    status: paymentIntent.status === 'succeeded' ? 'paid' : 'open',
    status_transitions: { canceled_at: null, paid_at: paymentIntent.status === 'succeeded' ? paymentIntent.created : null },
  };
}

/** The payments of the example sessions paid through an invoice (a subscription's first invoice). */
export const stripeInvoicePayments: readonly Stripe.InvoicePayment[] = [
  stripeInvoicePayment('inpay_1EmulatorEverything', 'in_1EmulatorEverything', invoice1005Payment),
];
