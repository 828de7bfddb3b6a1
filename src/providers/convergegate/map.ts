import { noCheckoutSessionDetails } from '../../model/checkout-session-details.js';
import type { CheckoutFee } from '../../model/checkout-fee.js';
import type {
  CheckoutCustomer,
  CheckoutPaymentStatus,
  CheckoutSession,
  CheckoutSessionStatus,
} from '../../model/checkout-session.js';
import { toEnumValue } from '../../model/enum-value.js';
import { isoMinorUnitDigits } from '../../model/iso-currency.js';
import type { Refund, RefundReason } from '../../model/refund.js';
import { fromUnixSeconds, moneyIn, refundStatuses, type WireWarnings } from '../wire-readers.js';
import {
  convergeGateWireFee,
  convergeGateWireRefund,
  type ConvergeGateWireRefund,
  type ConvergeGateWireSession,
} from './wire.js';
import { convergeGateIdentity } from './identity.js';

const statuses: Record<string, CheckoutSessionStatus> = {
  open: 'OPEN',
  pending: 'PENDING',
  completed: 'COMPLETE',
  complete: 'COMPLETE',
  expired: 'EXPIRED',
};
/** Only where the session status makes the payment status certain. */
const paymentStatuses: Record<string, CheckoutPaymentStatus> = {
  open: 'UNPAID',
  pending: 'UNPAID',
  completed: 'PAID',
  complete: 'PAID',
};
const refundReasons: Record<string, RefundReason> = {
  duplicated: 'DUPLICATE',
  duplicate: 'DUPLICATE',
  fraudulent: 'FRAUDULENT',
  requested_by_customer: 'REQUESTED_BY_CUSTOMER',
};
const feeFields = new Set(['amount', 'currency', 'type', 'name', 'description']);

/**
 * Maps a validated Converge Gate session to the provider-neutral model, under the id that
 * was asked for, telling `warnings` what it held that the mapping did not expect.
 */
export function toCheckoutSession(wire: ConvergeGateWireSession, requestedId: string, warnings: WireWarnings): CheckoutSession {
  const currency = wire.currency ? wire.currency.toUpperCase() : null;
  const money = moneyIn(currency, isoMinorUnitDigits);
  const amountTotal = money(wire.amount_total);
  return {
    ...noCheckoutSessionDetails,
    id: requestedId,
    provider: convergeGateIdentity.schemaValue,
    livemode: wire.livemode ?? null,
    status: toEnumValue(wire.status, statuses, warnings.unknownValue('status')),
    paymentStatus: derivedPaymentStatus(wire.status),
    mode: 'PAYMENT',
    currency,
    amountSubtotal: money(wire.amount_subtotal ?? wire.amount_sub_total),
    amountTotal,
    totalDetails: null,
    shippingCost: null,
    customer: toCustomer(wire),
    customerId: null,
    metadata: toMetadata(wire.metadata, warnings),
    clientReferenceId: null,
    paymentIntentId: null,
    paymentMethodTypes: wire.payment_method_types ?? [],
    locale: nonBlank(wire.locale),
    url: nonBlank(wire.url),
    successUrl: nonBlank(wire.success_url),
    cancelUrl: nonBlank(wire.cancel_url),
    createdAt: fromUnixSeconds(wire.created_at ?? wire.created),
    expiresAt: fromUnixSeconds(wire.expires_at ?? wire.expire_at),
    fetchedAt: new Date(),
    feesAndSettlement: { fees: toFees(wire.fees, currency, warnings), settlement: null, pending: false },
    paymentSource: {
      kind: 'session-body',
      summary: {
        refunds: toRefunds(wire.refunds, currency, warnings),
        amountRefunded: money(wire.amount_refunded),
        refunded: wire.refunded ?? null,
      },
    },
  };
}

function derivedPaymentStatus(status: string | null | undefined): CheckoutPaymentStatus | null {
  return status && Object.hasOwn(paymentStatuses, status) ? (paymentStatuses[status] ?? null) : null;
}

function toCustomer(wire: ConvergeGateWireSession): CheckoutCustomer | null {
  const firstName = nonBlank(wire.customer_firstname);
  const lastName = nonBlank(wire.customer_lastname);
  const customer: CheckoutCustomer = {
    email: nonBlank(wire.customer_email),
    name: [firstName, lastName].filter((part) => part !== null).join(' ') || null,
    firstName,
    lastName,
    phone: nonBlank(wire.customer_phone),
    ipAddress: nonBlank(wire.customer_ip),
    address: null,
  };
  return Object.values(customer).some((value) => value !== null) ? customer : null;
}

/**
 * Null when refunds are absent or not a list. A refund that cannot be read (or counted, for
 * want of a currency) is left out with a warning, the others kept: the refunded total is the
 * session's own `amount_refunded`, not their sum.
 */
function toRefunds(raw: unknown, sessionCurrency: string | null, warnings: WireWarnings): Refund[] | null {
  if (raw === null || raw === undefined) return null;
  if (!Array.isArray(raw)) {
    warnings.warn(`refunds:${jsonType(raw)}`, { shape: jsonType(raw) }, 'refunds are not a list; answered as null');
    return null;
  }
  return raw.flatMap((item, index) => {
    const parsed = convergeGateWireRefund.safeParse(item);
    const refund = parsed.success ? toRefund(parsed.data, sessionCurrency, warnings) : null;
    if (refund) return [refund];
    const at = parsed.success ? 'currency' : parsed.error.issues[0]?.path.join('.') || 'refund';
    warnings.warn(`refund.${at}`, { at, index }, 'unreadable refund left out');
    return [];
  });
}

function toRefund(wire: ConvergeGateWireRefund, sessionCurrency: string | null, warnings: WireWarnings): Refund | null {
  const currency = wire.currency ? wire.currency.toUpperCase() : sessionCurrency;
  const amount = moneyIn(currency, isoMinorUnitDigits)(wire.amount);
  if (amount === null) return null;
  return {
    id: wire.id,
    amount,
    status: toEnumValue(wire.status, refundStatuses, warnings.unknownValue('refund.status')),
    reason: toEnumValue(wire.reason, refundReasons, warnings.unknownValue('refund.reason')),
    createdAt: fromUnixSeconds(wire.created_at ?? wire.created),
  };
}

/**
 * The fee object is undocumented: take what is there, skip what holds nothing usable, and
 * log each unexpected shape once (key names and types only, never values).
 */
function toFees(raw: unknown, sessionCurrency: string | null, warnings: WireWarnings): CheckoutFee[] {
  if (raw === null || raw === undefined) return [];
  const reportFeeShape = (shape: string) => warnings.warn(`fee.${shape}`, { shape }, 'fee in an undocumented shape; read what was there');
  const items = Array.isArray(raw) ? raw : [raw];
  if (!Array.isArray(raw)) reportFeeShape(`fees:${jsonType(raw)}`);
  return items.flatMap((item) => {
    if (!isPlainObject(item)) {
      reportFeeShape(`fee:${jsonType(item)}`);
      return [];
    }
    const fee = convergeGateWireFee.parse(item);
    const keys = Object.keys(item);
    const unexpected =
      keys.some((key) => !feeFields.has(key)) ||
      keys.some((key) => feeFields.has(key) && item[key] !== null && fee[key as keyof typeof fee] === undefined);
    if (unexpected) reportFeeShape(keys.sort().map((key) => `${key}:${jsonType(item[key])}`).join(','));
    const currency = fee.currency ? fee.currency.toUpperCase() : sessionCurrency;
    const converted: CheckoutFee = {
      type: fee.type ?? null,
      description: fee.description ?? fee.name ?? null,
      amount: moneyIn(currency, isoMinorUnitDigits)(fee.amount),
    };
    return Object.values(converted).some((value) => value !== null) ? [converted] : [];
  });
}

/** Metadata values as strings; a nested value (an object or a list) is left out with a warning, the rest kept. */
function toMetadata(metadata: ConvergeGateWireSession['metadata'], warnings: WireWarnings): Record<string, string> {
  if (!metadata) return {};
  return Object.fromEntries(
    Object.entries(metadata).flatMap(([key, value]) => {
      if (value === null || value === undefined) return [];
      if (typeof value === 'object') {
        warnings.warn(`metadata:${jsonType(value)}`, { shape: jsonType(value) }, 'nested metadata value left out');
        return [];
      }
      return [[key, String(value)]];
    }),
  );
}

/** The documentation's examples send `""` for a URL or locale that is not set. */
function nonBlank(value: string | null | undefined): string | null {
  return value === null || value === undefined || value.trim() === '' ? null : value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}
