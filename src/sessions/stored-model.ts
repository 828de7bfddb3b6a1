import { z } from 'zod';
import type { CheckoutSessionDetails } from '../model/checkout-session-details.js';
import type { CheckoutSession, PaymentProvider } from '../model/checkout-session.js';
import type { PostalAddress } from '../model/postal-address.js';
import type { CheckoutLineItem } from '../model/line-item.js';
import type { Money } from '../model/money.js';
import type { Refund } from '../model/refund.js';
import type { FeesAndSettlement } from '../model/settlement.js';
import type { ProviderModule } from '../providers/provider-module.js';
import { providerRegistry } from '../providers/registry.js';

// The provider-neutral model as another replica wrote it to Redis (JSON), checked field by
// field before use. Each schema is typed against the model, so a model change that the
// schema does not follow fails the type check.

const text = z.string().nullable();
const flag = z.boolean().nullable();
const count = z.number().nullable();
const instant = z.iso
  .datetime()
  .transform((value) => new Date(value))
  .nullable();
/** One of the values, or `UNKNOWN` (a provider value new to the subgraph). */
const known = <const Values extends readonly [string, ...string[]]>(...values: Values) => z.enum([...values, 'UNKNOWN']);

const money: z.ZodType<Money> = z.object({
  amount: z.number().int(),
  currency: z.string(),
  minorUnitDigits: z.number().int().min(0),
});
const optionalMoney = money.nullable();

const address: z.ZodType<PostalAddress> = z.object({
  line1: text,
  line2: text,
  city: text,
  state: text,
  postalCode: text,
  country: text,
});

const enabled = z.object({ enabled: z.boolean() });
const optionalSetting = z.object({ enabled: z.boolean(), optional: z.boolean() });
const taxLiability = z.object({ type: known('ACCOUNT', 'SELF').nullable(), accountId: text });
const brandingImage = z.object({ fileId: text, url: text });

const refund: z.ZodType<Refund> = z.object({
  id: z.string(),
  amount: money,
  status: known('PENDING', 'REQUIRES_ACTION', 'SUCCEEDED', 'FAILED', 'CANCELED').nullable(),
  reason: known('DUPLICATE', 'FRAUDULENT', 'REQUESTED_BY_CUSTOMER', 'EXPIRED_UNCAPTURED_CHARGE').nullable(),
  createdAt: instant,
});

export const storedRefunds = z.array(refund);

const taxRate = z.object({
  id: text,
  displayName: text,
  percentage: count,
  inclusive: flag,
  country: text,
  jurisdiction: text,
});
const discountAmount = z.object({ amount: optionalMoney, discountId: text, couponId: text, promotionCodeId: text });
const taxAmount = z.object({ amount: optionalMoney, rate: taxRate.nullable(), taxabilityReason: text, taxableAmount: optionalMoney });

export const storedLineItems: z.ZodType<CheckoutLineItem[]> = z.array(
  z.object({
    id: z.string(),
    description: text,
    quantity: count,
    amountSubtotal: optionalMoney,
    amountTotal: optionalMoney,
    amountTax: optionalMoney,
    amountDiscount: optionalMoney,
    priceId: text,
    unitAmount: optionalMoney,
    productId: text,
    productName: text,
    taxes: z.array(taxAmount).nullable(),
    discounts: z.array(discountAmount).nullable(),
  }),
);

export const storedFeesAndSettlement: z.ZodType<FeesAndSettlement> = z.object({
  fees: z.array(z.object({ type: text, description: text, amount: optionalMoney })),
  settlement: z.object({ amount: money, fee: money, net: money, availableOn: instant }).nullable(),
  pending: z.boolean(),
});

const details = {
  adaptivePricing: enabled.nullable(),
  afterExpiration: z
    .object({
      recovery: z
        .object({ enabled: z.boolean(), allowPromotionCodes: z.boolean(), expiresAt: instant, url: text })
        .nullable(),
    })
    .nullable(),
  allowPromotionCodes: flag,
  automaticTax: z
    .object({
      enabled: z.boolean(),
      liability: taxLiability.nullable(),
      status: known('COMPLETE', 'FAILED', 'REQUIRES_LOCATION_INPUTS').nullable(),
    })
    .nullable(),
  billingAddressCollection: known('AUTO', 'REQUIRED').nullable(),
  brandingSettings: z
    .object({
      backgroundColor: text,
      borderStyle: known('PILL', 'RECTANGULAR', 'ROUNDED').nullable(),
      buttonColor: text,
      displayName: text,
      fontFamily: text,
      icon: brandingImage.nullable(),
      logo: brandingImage.nullable(),
    })
    .nullable(),
  collectedInformation: z
    .object({
      businessName: text,
      individualName: text,
      shippingDetails: z.object({ name: text, address: address.nullable() }).nullable(),
    })
    .nullable(),
  consent: z
    .object({ promotions: known('OPT_IN', 'OPT_OUT').nullable(), termsOfService: known('ACCEPTED').nullable() })
    .nullable(),
  consentCollection: z
    .object({
      paymentMethodReuseAgreementPosition: known('AUTO', 'HIDDEN').nullable(),
      promotions: known('AUTO', 'NONE').nullable(),
      termsOfService: known('NONE', 'REQUIRED').nullable(),
    })
    .nullable(),
  currencyConversion: z
    .object({ amountSubtotal: optionalMoney, amountTotal: optionalMoney, fxRate: text, sourceCurrency: text })
    .nullable(),
  customFields: z.array(
    z.object({
      key: z.string(),
      label: text,
      type: known('DROPDOWN', 'NUMERIC', 'TEXT').nullable(),
      optional: z.boolean(),
      value: text,
      options: z.array(z.object({ label: z.string(), value: z.string() })),
      minimumLength: count,
      maximumLength: count,
    }),
  ),
  customText: z
    .object({ afterSubmit: text, shippingAddress: text, submit: text, termsOfServiceAcceptance: text })
    .nullable(),
  customerAccountId: text,
  customerCreation: known('ALWAYS', 'IF_REQUIRED').nullable(),
  customerDetails: z
    .object({
      email: text,
      name: text,
      individualName: text,
      businessName: text,
      phone: text,
      address: address.nullable(),
      taxExempt: known('EXEMPT', 'NONE', 'REVERSE').nullable(),
      taxIds: z.array(z.object({ type: z.string(), value: text })),
    })
    .nullable(),
  discounts: z.array(z.object({ couponId: text, promotionCodeId: text })),
  excludedPaymentMethodTypes: z.array(z.string()),
  integrationIdentifier: text,
  invoiceId: text,
  invoiceCreation: z
    .object({
      enabled: z.boolean(),
      invoiceData: z
        .object({
          description: text,
          footer: text,
          accountTaxIds: z.array(z.string()),
          customFields: z.array(z.object({ name: z.string(), value: z.string() })),
          issuer: taxLiability.nullable(),
          metadata: z.record(z.string(), z.string()),
          amountTaxDisplay: text,
        })
        .nullable(),
    })
    .nullable(),
  managedPayments: enabled.nullable(),
  nameCollection: z.object({ business: optionalSetting.nullable(), individual: optionalSetting.nullable() }).nullable(),
  optionalItems: z.array(
    z.object({
      priceId: text,
      quantity: count,
      adjustableQuantity: z.object({ enabled: z.boolean(), minimum: count, maximum: count }).nullable(),
    }),
  ),
  originContext: known('MOBILE_APP', 'WEB').nullable(),
  paymentLinkId: text,
  paymentMethodCollection: known('ALWAYS', 'IF_REQUIRED').nullable(),
  paymentMethodConfigurationDetails: z.object({ id: z.string(), parentId: text }).nullable(),
  paymentMethodOptions: z.record(z.string(), z.unknown()).nullable(),
  permissions: z.object({ updateShippingDetails: known('CLIENT_ONLY', 'SERVER_ONLY').nullable() }).nullable(),
  phoneNumberCollection: enabled.nullable(),
  presentmentDetails: z.object({ presentmentAmount: optionalMoney }).nullable(),
  recoveredFromId: text,
  redirectOnCompletion: known('ALWAYS', 'IF_REQUIRED', 'NEVER').nullable(),
  returnUrl: text,
  savedPaymentMethodOptions: z
    .object({
      allowRedisplayFilters: z.array(known('ALWAYS', 'LIMITED', 'UNSPECIFIED')),
      paymentMethodRemove: known('ENABLED', 'DISABLED').nullable(),
      paymentMethodSave: known('ENABLED', 'DISABLED').nullable(),
    })
    .nullable(),
  setupIntentId: text,
  shippingAddressCollection: z.object({ allowedCountries: z.array(z.string()) }).nullable(),
  shippingOptions: z.array(z.object({ shippingAmount: optionalMoney, shippingRateId: text })),
  submitType: known('AUTO', 'BOOK', 'DONATE', 'PAY', 'SUBSCRIBE').nullable(),
  subscriptionId: text,
  taxIdCollection: z.object({ enabled: z.boolean(), required: known('IF_SUPPORTED', 'NEVER').nullable() }).nullable(),
  uiMode: known('HOSTED_PAGE', 'EMBEDDED_PAGE', 'ELEMENTS', 'FORM').nullable(),
  walletOptions: z.object({ linkDisplay: known('AUTO', 'NEVER').nullable() }).nullable(),
} satisfies { [Field in keyof CheckoutSessionDetails]: z.ZodType<CheckoutSessionDetails[Field]> };

/** A stored session of one of the registry's providers. */
export function storedCheckoutSessionOf(registry: readonly ProviderModule[]): z.ZodType<CheckoutSession> {
  const [first, ...rest] = registry.map((module) => module.schemaValue);
  if (first === undefined) throw new Error('the provider registry is empty');
  return storedSessionOf(z.enum([first, ...rest]));
}

function storedSessionOf(provider: z.ZodType<PaymentProvider>): z.ZodType<CheckoutSession> {
  return z.object({
    ...details,
    id: z.string(),
    provider,
    livemode: flag,
    status: known('OPEN', 'PENDING', 'COMPLETE', 'EXPIRED').nullable(),
    paymentStatus: known('PAID', 'UNPAID', 'NO_PAYMENT_REQUIRED').nullable(),
    mode: known('PAYMENT', 'SETUP', 'SUBSCRIPTION').nullable(),
    currency: text,
    amountSubtotal: optionalMoney,
    amountTotal: optionalMoney,
    totalDetails: z
      .object({
        amountDiscount: optionalMoney,
        amountShipping: optionalMoney,
        amountTax: optionalMoney,
        breakdown: z.object({ discounts: z.array(discountAmount), taxes: z.array(taxAmount) }).nullable(),
      })
      .nullable(),
    shippingCost: z
      .object({ amountSubtotal: optionalMoney, amountTax: optionalMoney, amountTotal: optionalMoney, shippingRateId: text })
      .nullable(),
    customer: z
      .object({
        email: text,
        name: text,
        firstName: text,
        lastName: text,
        phone: text,
        ipAddress: text,
        address: address.nullable(),
      })
      .nullable(),
    customerId: text,
    metadata: z.record(z.string(), z.string()),
    clientReferenceId: text,
    paymentIntentId: text,
    paymentMethodTypes: z.array(z.string()),
    locale: text,
    url: text,
    successUrl: text,
    cancelUrl: text,
    createdAt: instant,
    expiresAt: instant,
    fetchedAt: z.iso.datetime().transform((value) => new Date(value)),
    feesAndSettlement: storedFeesAndSettlement,
    paymentSource: z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('session-body'),
        summary: z.object({ refunds: storedRefunds.nullable(), amountRefunded: optionalMoney, refunded: flag }),
      }),
      z.object({ kind: z.literal('payment-intent') }),
      z.object({ kind: z.literal('invoice'), invoiceId: z.string() }),
    ]),
  });
}

export const storedCheckoutSession = storedCheckoutSessionOf(providerRegistry);
