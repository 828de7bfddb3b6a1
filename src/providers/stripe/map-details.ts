import type {
  CheckoutCustomField,
  CheckoutDiscountAmount,
  CheckoutSessionDetails,
  CheckoutTaxAmount,
  CheckoutTotalBreakdown,
  TaxLiability,
} from '../../model/checkout-session-details.js';
import { toSameNamedEnumValue } from '../../model/enum-value.js';
import type { Money } from '../../model/money.js';
import { fromUnixSeconds, type WireWarnings } from '../wire-readers.js';
import { idOf, moneyIn, toPostalAddress } from './value-readers.js';
import type { StripeWireBreakdownDiscount, StripeWireSession, StripeWireSessionDetails, StripeWireTax } from './wire.js';

/** The details, and the one part of the core they repeat (`customerDetails`). */
type Wire = StripeWireSessionDetails & Pick<StripeWireSession, 'customer_details'>;
export type ToMoney = (amount: number | null | undefined) => Money | null;

/** Reads a snake_case enum field as the GraphQL values of the same names. */
type OneOf = <Value extends string>(field: string, values: readonly Value[]) => (raw: string | null | undefined) => Value | 'UNKNOWN' | null;

/** `OneOf` telling `warnings` of each value it does not know. */
function sameNamedValues(warnings: WireWarnings): OneOf {
  return (field, values) => (raw) => toSameNamedEnumValue(raw, values, warnings.unknownValue(field));
}

const enabledOrDisabled = ['ENABLED', 'DISABLED'] as const;

// Stripe renamed its UI modes in 2026 (dahlia); sessions read with an older pinned version
// still say hosted, embedded or custom.
const legacyUiModes: Record<string, string> = { hosted: 'hosted_page', embedded: 'embedded_page', custom: 'elements' };

/** Maps the settings, consents and collected details of a Stripe session. */
export function toCheckoutSessionDetails(wire: Wire, money: ToMoney, warnings: WireWarnings): CheckoutSessionDetails {
  const oneOf = sameNamedValues(warnings);
  const invoiceData = wire.invoice_creation?.invoice_data;
  const conversion = wire.currency_conversion;
  const sourceMoney = moneyIn(conversion?.source_currency);
  const presentment = wire.presentment_details;
  return {
    adaptivePricing: wire.adaptive_pricing ?? null,
    afterExpiration: wire.after_expiration
      ? {
          recovery: wire.after_expiration.recovery
            ? {
                enabled: wire.after_expiration.recovery.enabled,
                allowPromotionCodes: wire.after_expiration.recovery.allow_promotion_codes ?? false,
                expiresAt: fromUnixSeconds(wire.after_expiration.recovery.expires_at),
                url: wire.after_expiration.recovery.url ?? null,
              }
            : null,
        }
      : null,
    allowPromotionCodes: wire.allow_promotion_codes ?? null,
    automaticTax: wire.automatic_tax
      ? {
          enabled: wire.automatic_tax.enabled,
          liability: toLiability(wire.automatic_tax.liability, oneOf),
          status: oneOf('automatic_tax.status', ['COMPLETE', 'FAILED', 'REQUIRES_LOCATION_INPUTS'])(wire.automatic_tax.status),
        }
      : null,
    billingAddressCollection: oneOf('billing_address_collection', ['AUTO', 'REQUIRED'])(wire.billing_address_collection),
    brandingSettings: wire.branding_settings
      ? {
          backgroundColor: wire.branding_settings.background_color ?? null,
          borderStyle: oneOf('branding_settings.border_style', ['PILL', 'RECTANGULAR', 'ROUNDED'])(
            wire.branding_settings.border_style,
          ),
          buttonColor: wire.branding_settings.button_color ?? null,
          displayName: wire.branding_settings.display_name ?? null,
          fontFamily: wire.branding_settings.font_family ?? null,
          icon: toBrandingImage(wire.branding_settings.icon),
          logo: toBrandingImage(wire.branding_settings.logo),
        }
      : null,
    collectedInformation: wire.collected_information
      ? {
          businessName: wire.collected_information.business_name ?? null,
          individualName: wire.collected_information.individual_name ?? null,
          shippingDetails: wire.collected_information.shipping_details
            ? {
                name: wire.collected_information.shipping_details.name ?? null,
                address: toPostalAddress(wire.collected_information.shipping_details.address),
              }
            : null,
        }
      : null,
    consent: wire.consent
      ? {
          promotions: oneOf('consent.promotions', ['OPT_IN', 'OPT_OUT'])(wire.consent.promotions),
          termsOfService: oneOf('consent.terms_of_service', ['ACCEPTED'])(wire.consent.terms_of_service),
        }
      : null,
    consentCollection: wire.consent_collection
      ? {
          paymentMethodReuseAgreementPosition: oneOf('consent_collection.payment_method_reuse_agreement', [
            'AUTO',
            'HIDDEN',
          ])(wire.consent_collection.payment_method_reuse_agreement?.position),
          promotions: oneOf('consent_collection.promotions', ['AUTO', 'NONE'])(wire.consent_collection.promotions),
          termsOfService: oneOf('consent_collection.terms_of_service', ['NONE', 'REQUIRED'])(
            wire.consent_collection.terms_of_service,
          ),
        }
      : null,
    currencyConversion: conversion
      ? {
          amountSubtotal: sourceMoney(conversion.amount_subtotal),
          amountTotal: sourceMoney(conversion.amount_total),
          fxRate: conversion.fx_rate ?? null,
          sourceCurrency: conversion.source_currency?.toUpperCase() ?? null,
        }
      : null,
    customFields: (wire.custom_fields ?? []).map((field) => toCustomField(field, oneOf)),
    customText: wire.custom_text
      ? {
          afterSubmit: wire.custom_text.after_submit?.message ?? null,
          shippingAddress: wire.custom_text.shipping_address?.message ?? null,
          submit: wire.custom_text.submit?.message ?? null,
          termsOfServiceAcceptance: wire.custom_text.terms_of_service_acceptance?.message ?? null,
        }
      : null,
    customerAccountId: wire.customer_account ?? null,
    customerCreation: oneOf('customer_creation', ['ALWAYS', 'IF_REQUIRED'])(wire.customer_creation),
    customerDetails: wire.customer_details
      ? {
          email: wire.customer_details.email ?? null,
          name: wire.customer_details.name ?? null,
          individualName: wire.customer_details.individual_name ?? null,
          businessName: wire.customer_details.business_name ?? null,
          phone: wire.customer_details.phone ?? null,
          address: toPostalAddress(wire.customer_details.address),
          taxExempt: oneOf('customer_details.tax_exempt', ['EXEMPT', 'NONE', 'REVERSE'])(wire.customer_details.tax_exempt),
          taxIds: (wire.customer_details.tax_ids ?? []).map((taxId) => ({ type: taxId.type, value: taxId.value ?? null })),
        }
      : null,
    discounts: (wire.discounts ?? []).map((discount) => ({
      couponId: idOf(discount.coupon ?? discount.source?.coupon),
      promotionCodeId: idOf(discount.promotion_code),
    })),
    excludedPaymentMethodTypes: wire.excluded_payment_method_types ?? [],
    integrationIdentifier: wire.integration_identifier ?? null,
    invoiceId: idOf(wire.invoice),
    invoiceCreation: wire.invoice_creation
      ? {
          enabled: wire.invoice_creation.enabled,
          invoiceData: invoiceData
            ? {
                description: invoiceData.description ?? null,
                footer: invoiceData.footer ?? null,
                accountTaxIds: (invoiceData.account_tax_ids ?? []).map((taxId) => (typeof taxId === 'string' ? taxId : taxId.id)),
                customFields: invoiceData.custom_fields ?? [],
                issuer: toLiability(invoiceData.issuer, oneOf),
                metadata: invoiceData.metadata ?? {},
                amountTaxDisplay: invoiceData.rendering_options?.amount_tax_display ?? null,
              }
            : null,
        }
      : null,
    managedPayments: wire.managed_payments ?? null,
    nameCollection: wire.name_collection
      ? {
          business: toOptionalSetting(wire.name_collection.business),
          individual: toOptionalSetting(wire.name_collection.individual),
        }
      : null,
    optionalItems: (wire.optional_items ?? []).map((item) => ({
      priceId: idOf(item.price),
      quantity: item.quantity ?? null,
      adjustableQuantity: item.adjustable_quantity
        ? {
            enabled: item.adjustable_quantity.enabled,
            minimum: item.adjustable_quantity.minimum ?? null,
            maximum: item.adjustable_quantity.maximum ?? null,
          }
        : null,
    })),
    originContext: oneOf('origin_context', ['MOBILE_APP', 'WEB'])(wire.origin_context),
    paymentLinkId: idOf(wire.payment_link),
    paymentMethodCollection: oneOf('payment_method_collection', ['ALWAYS', 'IF_REQUIRED'])(wire.payment_method_collection),
    paymentMethodConfigurationDetails: wire.payment_method_configuration_details
      ? {
          id: wire.payment_method_configuration_details.id,
          parentId: wire.payment_method_configuration_details.parent ?? null,
        }
      : null,
    paymentMethodOptions: wire.payment_method_options ?? null,
    permissions: wire.permissions
      ? {
          updateShippingDetails: oneOf('permissions.update_shipping_details', ['CLIENT_ONLY', 'SERVER_ONLY'])(
            wire.permissions.update_shipping_details,
          ),
        }
      : null,
    phoneNumberCollection: wire.phone_number_collection ?? null,
    presentmentDetails: presentment
      ? { presentmentAmount: moneyIn(presentment.presentment_currency)(presentment.presentment_amount) }
      : null,
    recoveredFromId: wire.recovered_from ?? null,
    redirectOnCompletion: oneOf('redirect_on_completion', ['ALWAYS', 'IF_REQUIRED', 'NEVER'])(wire.redirect_on_completion),
    returnUrl: wire.return_url ?? null,
    savedPaymentMethodOptions: wire.saved_payment_method_options
      ? {
          allowRedisplayFilters: (wire.saved_payment_method_options.allow_redisplay_filters ?? []).map(
            (filter) => oneOf('saved_payment_method_options.allow_redisplay_filters', ['ALWAYS', 'LIMITED', 'UNSPECIFIED'])(filter) ?? 'UNKNOWN',
          ),
          paymentMethodRemove: oneOf('saved_payment_method_options.payment_method_remove', enabledOrDisabled)(
            wire.saved_payment_method_options.payment_method_remove,
          ),
          paymentMethodSave: oneOf('saved_payment_method_options.payment_method_save', enabledOrDisabled)(
            wire.saved_payment_method_options.payment_method_save,
          ),
        }
      : null,
    setupIntentId: idOf(wire.setup_intent),
    shippingAddressCollection: wire.shipping_address_collection
      ? { allowedCountries: wire.shipping_address_collection.allowed_countries }
      : null,
    shippingOptions: (wire.shipping_options ?? []).map((option) => ({
      shippingAmount: money(option.shipping_amount),
      shippingRateId: idOf(option.shipping_rate),
    })),
    submitType: oneOf('submit_type', ['AUTO', 'BOOK', 'DONATE', 'PAY', 'SUBSCRIBE'])(wire.submit_type),
    subscriptionId: idOf(wire.subscription),
    taxIdCollection: wire.tax_id_collection
      ? {
          enabled: wire.tax_id_collection.enabled,
          required: oneOf('tax_id_collection.required', ['IF_SUPPORTED', 'NEVER'])(wire.tax_id_collection.required),
        }
      : null,
    uiMode: oneOf('ui_mode', ['HOSTED_PAGE', 'EMBEDDED_PAGE', 'ELEMENTS', 'FORM'])(
      wire.ui_mode ? (legacyUiModes[wire.ui_mode] ?? wire.ui_mode) : wire.ui_mode,
    ),
    walletOptions: wire.wallet_options
      ? { linkDisplay: oneOf('wallet_options.link.display', ['AUTO', 'NEVER'])(wire.wallet_options.link?.display) }
      : null,
  };
}

type WireBreakdown = NonNullable<NonNullable<StripeWireSession['total_details']>['breakdown']>;

export function toTotalBreakdown(breakdown: WireBreakdown | null | undefined, money: ToMoney): CheckoutTotalBreakdown | null {
  if (!breakdown) return null;
  return {
    discounts: breakdown.discounts.map((discount) => toDiscountAmount(discount, money)),
    taxes: breakdown.taxes.map((tax) => toTaxAmount(tax, money)),
  };
}

/** An amount one discount took off, of the session's total or of one line. */
export function toDiscountAmount({ amount, discount }: StripeWireBreakdownDiscount, money: ToMoney): CheckoutDiscountAmount {
  const object = typeof discount === 'string' ? undefined : discount;
  return {
    amount: money(amount),
    discountId: idOf(discount),
    couponId: idOf(object?.source?.coupon ?? object?.coupon),
    promotionCodeId: idOf(object?.promotion_code),
  };
}

/** An amount of tax at one rate, of the session's total or of one line. */
export function toTaxAmount(tax: StripeWireTax, money: ToMoney): CheckoutTaxAmount {
  return {
    amount: money(tax.amount),
    rate:
      typeof tax.rate === 'string'
        ? { id: tax.rate, displayName: null, percentage: null, inclusive: null, country: null, jurisdiction: null }
        : {
            id: tax.rate.id,
            displayName: tax.rate.display_name ?? null,
            percentage: tax.rate.percentage ?? null,
            inclusive: tax.rate.inclusive ?? null,
            country: tax.rate.country ?? null,
            jurisdiction: tax.rate.jurisdiction ?? null,
          },
    taxabilityReason: tax.taxability_reason ?? null,
    taxableAmount: money(tax.taxable_amount),
  };
}

function toCustomField(field: NonNullable<Wire['custom_fields']>[number], oneOf: OneOf): CheckoutCustomField {
  const input = field.text ?? field.numeric;
  return {
    key: field.key,
    label: field.label?.custom ?? null,
    type: oneOf('custom_fields.type', ['DROPDOWN', 'NUMERIC', 'TEXT'])(field.type),
    optional: field.optional ?? false,
    value: field.dropdown?.value ?? input?.value ?? null,
    options: field.dropdown?.options ?? [],
    minimumLength: input?.minimum_length ?? null,
    maximumLength: input?.maximum_length ?? null,
  };
}

function toLiability(
  liability: { type?: string | null; account?: string | { id: string } | null } | null | undefined,
  oneOf: OneOf,
): TaxLiability | null {
  return liability ? { type: oneOf('liability.type', ['ACCOUNT', 'SELF'])(liability.type), accountId: idOf(liability.account) } : null;
}

function toBrandingImage(image: { file?: string | { id: string } | null; url?: string | null } | null | undefined) {
  return image ? { fileId: idOf(image.file), url: image.url ?? null } : null;
}

function toOptionalSetting(setting: { enabled: boolean; optional?: boolean | null } | null | undefined) {
  return setting ? { enabled: setting.enabled, optional: setting.optional ?? false } : null;
}
