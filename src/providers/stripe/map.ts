import type { Logger } from 'pino';
import type {
  CheckoutMode,
  CheckoutPaymentStatus,
  CheckoutSession,
  CheckoutSessionStatus,
  PaymentSource,
} from '../../model/checkout-session.js';
import { toEnumValue } from '../../model/enum-value.js';
import { withLazyDetails } from '../../model/lazy-session-details.js';
import type { CheckoutLineItem } from '../../model/line-item.js';
import type { Refund, RefundReason } from '../../model/refund.js';
import { stripeMinorUnitDigits } from './currency.js';
import { toCheckoutSessionDetails, toDiscountAmount, toTaxAmount, toTotalBreakdown } from './map-details.js';
import { toFeesAndSettlement } from './map-settlement.js';
import { fromUnixSeconds, refundStatuses, WireWarnings } from '../wire-readers.js';
import { idOf, moneyIn, toPostalAddress } from './value-readers.js';
import { stripeWireSchemas, type StripeWireSchemas, type StripeWireLineItem, type StripeWireRefund, type StripeWireSession } from './wire.js';
import { stripeIdentity } from './identity.js';

const statuses: Record<string, CheckoutSessionStatus> = { open: 'OPEN', complete: 'COMPLETE', expired: 'EXPIRED' };
const paymentStatuses: Record<string, CheckoutPaymentStatus> = {
  paid: 'PAID',
  unpaid: 'UNPAID',
  no_payment_required: 'NO_PAYMENT_REQUIRED',
};
const modes: Record<string, CheckoutMode> = { payment: 'PAYMENT', setup: 'SETUP', subscription: 'SUBSCRIPTION' };
const refundReasons: Record<string, RefundReason> = {
  duplicate: 'DUPLICATE',
  fraudulent: 'FRAUDULENT',
  requested_by_customer: 'REQUESTED_BY_CUSTOMER',
  expired_uncaptured_charge: 'EXPIRED_UNCAPTURED_CHARGE',
};

/** What Stripe's mappers read a session with, and where they tell what they did not expect (each surprise logged once). */
export interface StripeMapping {
  schemas: StripeWireSchemas;
  warnings: WireWarnings;
}

/** A client's mapping context, logging to `logger`. */
export function stripeMapping(logger: Logger): StripeMapping {
  const warnings = new WireWarnings(stripeIdentity, logger);
  return { schemas: stripeWireSchemas(warnings), warnings };
}

/**
 * Maps a Stripe session, its core validated, to the provider-neutral model. The details
 * are validated (each part tolerantly) and mapped from `bodyText`, the session's JSON as
 * Stripe sent it, on first access; until then the session keeps only that text.
 */
export function toCheckoutSession(wire: StripeWireSession, bodyText: string, requestedId: string, mapping: StripeMapping): CheckoutSession {
  const { warnings } = mapping;
  const money = moneyIn(wire.currency);
  const currency = wire.currency ? wire.currency.toUpperCase() : null;
  const details = wire.customer_details;
  const email = details?.email ?? wire.customer_email ?? null;
  const paymentIntentId = idOf(wire.payment_intent);

  const core = {
    id: requestedId,
    provider: stripeIdentity.schemaValue,
    livemode: wire.livemode ?? null,
    status: toEnumValue(wire.status, statuses, warnings.unknownValue('status')),
    paymentStatus: toEnumValue(wire.payment_status, paymentStatuses, warnings.unknownValue('payment_status')),
    mode: toEnumValue(wire.mode, modes, warnings.unknownValue('mode')),
    currency,
    amountSubtotal: money(wire.amount_subtotal),
    amountTotal: money(wire.amount_total),
    totalDetails: wire.total_details
      ? {
          amountDiscount: money(wire.total_details.amount_discount),
          amountShipping: money(wire.total_details.amount_shipping),
          amountTax: money(wire.total_details.amount_tax),
          breakdown: toTotalBreakdown(wire.total_details.breakdown, money),
        }
      : null,
    shippingCost: wire.shipping_cost
      ? {
          amountSubtotal: money(wire.shipping_cost.amount_subtotal),
          amountTax: money(wire.shipping_cost.amount_tax),
          amountTotal: money(wire.shipping_cost.amount_total),
          shippingRateId: idOf(wire.shipping_cost.shipping_rate),
        }
      : null,
    customer:
      details || email
        ? {
            email,
            name: details?.name ?? details?.individual_name ?? details?.business_name ?? null,
            firstName: null,
            lastName: null,
            phone: details?.phone ?? null,
            ipAddress: null,
            address: toPostalAddress(details?.address),
          }
        : null,
    customerId: idOf(wire.customer),
    metadata: wire.metadata ?? {},
    clientReferenceId: wire.client_reference_id ?? null,
    paymentIntentId,
    paymentMethodTypes: wire.payment_method_types ?? [],
    locale: wire.locale ?? null,
    url: wire.url ?? null,
    successUrl: wire.success_url ?? null,
    cancelUrl: wire.cancel_url ?? null,
    createdAt: fromUnixSeconds(wire.created),
    expiresAt: fromUnixSeconds(wire.expires_at),
    fetchedAt: new Date(),
    feesAndSettlement: toFeesAndSettlement(wire.payment_intent),
    paymentSource: toPaymentSource(paymentIntentId, idOf(wire.invoice)),
  };
  const customerDetails = wire.customer_details;
  return withLazyDetails(core, () =>
    toCheckoutSessionDetails({ customer_details: customerDetails, ...mapping.schemas.details.parse(JSON.parse(bodyText)) }, money, warnings),
  );
}

export function toRefund(wire: StripeWireRefund, warnings: WireWarnings): Refund {
  const currency = wire.currency.toUpperCase();
  return {
    id: wire.id,
    amount: { amount: wire.amount, currency, minorUnitDigits: stripeMinorUnitDigits(currency) },
    status: toEnumValue(wire.status, refundStatuses, warnings.unknownValue('refund.status')),
    reason: toEnumValue(wire.reason, refundReasons, warnings.unknownValue('refund.reason')),
    createdAt: fromUnixSeconds(wire.created),
  };
}

/**
 * Where the session's money is: its payment intent, or, without one, the invoice it was
 * paid through (subscription mode); neither, for a session with no payment yet.
 */
function toPaymentSource(paymentIntentId: string | null, invoiceId: string | null): PaymentSource {
  return paymentIntentId === null && invoiceId !== null ? { kind: 'invoice', invoiceId } : { kind: 'payment-intent' };
}

export function toLineItem(wire: StripeWireLineItem): CheckoutLineItem {
  const money = moneyIn(wire.currency);
  const price = typeof wire.price === 'string' ? undefined : wire.price;
  const product = price?.product;
  return {
    id: wire.id,
    description: wire.description ?? null,
    quantity: wire.quantity ?? null,
    amountSubtotal: money(wire.amount_subtotal),
    amountTotal: money(wire.amount_total),
    amountTax: money(wire.amount_tax),
    amountDiscount: money(wire.amount_discount),
    priceId: idOf(wire.price),
    unitAmount: money(price?.unit_amount),
    productId: idOf(product),
    productName: typeof product === 'object' ? (product?.name ?? null) : null,
    taxes: wire.taxes?.map((tax) => toTaxAmount(tax, money)) ?? null,
    discounts: wire.discounts?.map((discount) => toDiscountAmount(discount, money)) ?? null,
  };
}
