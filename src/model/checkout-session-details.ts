import type { Money } from './money.js';
import type { PostalAddress } from './postal-address.js';

// The rest of a checkout session: page settings, consents and what the customer entered.
// Only Stripe reports these today; for other providers they are null or empty.

type Known<Values extends string> = Values | 'UNKNOWN';

export interface EnabledSetting {
  enabled: boolean;
}

export interface OptionalSetting {
  enabled: boolean;
  optional: boolean;
}

export interface TaxLiability {
  type: Known<'ACCOUNT' | 'SELF'> | null;
  accountId: string | null;
}

export interface CheckoutRecovery {
  enabled: boolean;
  allowPromotionCodes: boolean;
  expiresAt: Date | null;
  url: string | null;
}

export interface CheckoutAutomaticTax {
  enabled: boolean;
  liability: TaxLiability | null;
  status: Known<'COMPLETE' | 'FAILED' | 'REQUIRES_LOCATION_INPUTS'> | null;
}

export interface BrandingImage {
  fileId: string | null;
  url: string | null;
}

export interface CheckoutBrandingSettings {
  backgroundColor: string | null;
  borderStyle: Known<'PILL' | 'RECTANGULAR' | 'ROUNDED'> | null;
  buttonColor: string | null;
  displayName: string | null;
  fontFamily: string | null;
  icon: BrandingImage | null;
  logo: BrandingImage | null;
}

export interface ShippingDetails {
  name: string | null;
  address: PostalAddress | null;
}

export interface CheckoutCollectedInformation {
  businessName: string | null;
  individualName: string | null;
  shippingDetails: ShippingDetails | null;
}

export interface CheckoutConsent {
  promotions: Known<'OPT_IN' | 'OPT_OUT'> | null;
  termsOfService: Known<'ACCEPTED'> | null;
}

export interface CheckoutConsentCollection {
  paymentMethodReuseAgreementPosition: Known<'AUTO' | 'HIDDEN'> | null;
  promotions: Known<'AUTO' | 'NONE'> | null;
  termsOfService: Known<'NONE' | 'REQUIRED'> | null;
}

export interface CheckoutCurrencyConversion {
  amountSubtotal: Money | null;
  amountTotal: Money | null;
  fxRate: string | null;
  sourceCurrency: string | null;
}

export interface CustomFieldOption {
  label: string;
  value: string;
}

export interface CheckoutCustomField {
  key: string;
  label: string | null;
  type: Known<'DROPDOWN' | 'NUMERIC' | 'TEXT'> | null;
  optional: boolean;
  value: string | null;
  options: CustomFieldOption[];
  minimumLength: number | null;
  maximumLength: number | null;
}

export interface CheckoutCustomText {
  afterSubmit: string | null;
  shippingAddress: string | null;
  submit: string | null;
  termsOfServiceAcceptance: string | null;
}

export interface CheckoutTaxId {
  type: string;
  value: string | null;
}

export interface CheckoutCustomerDetails {
  email: string | null;
  name: string | null;
  individualName: string | null;
  businessName: string | null;
  phone: string | null;
  address: PostalAddress | null;
  taxExempt: Known<'EXEMPT' | 'NONE' | 'REVERSE'> | null;
  taxIds: CheckoutTaxId[];
}

export interface CheckoutDiscount {
  couponId: string | null;
  promotionCodeId: string | null;
}

export interface NameValue {
  name: string;
  value: string;
}

export interface CheckoutInvoiceCreation {
  enabled: boolean;
  invoiceData: {
    description: string | null;
    footer: string | null;
    accountTaxIds: string[];
    customFields: NameValue[];
    issuer: TaxLiability | null;
    metadata: Record<string, string>;
    amountTaxDisplay: string | null;
  } | null;
}

export interface CheckoutNameCollection {
  business: OptionalSetting | null;
  individual: OptionalSetting | null;
}

export interface CheckoutOptionalItem {
  priceId: string | null;
  quantity: number | null;
  adjustableQuantity: { enabled: boolean; minimum: number | null; maximum: number | null } | null;
}

export interface CheckoutSavedPaymentMethodOptions {
  allowRedisplayFilters: Array<Known<'ALWAYS' | 'LIMITED' | 'UNSPECIFIED'>>;
  paymentMethodRemove: Known<'ENABLED' | 'DISABLED'> | null;
  paymentMethodSave: Known<'ENABLED' | 'DISABLED'> | null;
}

export interface CheckoutShippingOption {
  shippingAmount: Money | null;
  shippingRateId: string | null;
}

export interface CheckoutDiscountAmount {
  amount: Money | null;
  discountId: string | null;
  couponId: string | null;
  promotionCodeId: string | null;
}

export interface CheckoutTaxRate {
  id: string | null;
  displayName: string | null;
  percentage: number | null;
  inclusive: boolean | null;
  country: string | null;
  jurisdiction: string | null;
}

export interface CheckoutTaxAmount {
  amount: Money | null;
  rate: CheckoutTaxRate | null;
  taxabilityReason: string | null;
  taxableAmount: Money | null;
}

export interface CheckoutTotalBreakdown {
  discounts: CheckoutDiscountAmount[];
  taxes: CheckoutTaxAmount[];
}

export interface CheckoutSessionDetails {
  adaptivePricing: EnabledSetting | null;
  afterExpiration: { recovery: CheckoutRecovery | null } | null;
  allowPromotionCodes: boolean | null;
  automaticTax: CheckoutAutomaticTax | null;
  billingAddressCollection: Known<'AUTO' | 'REQUIRED'> | null;
  brandingSettings: CheckoutBrandingSettings | null;
  collectedInformation: CheckoutCollectedInformation | null;
  consent: CheckoutConsent | null;
  consentCollection: CheckoutConsentCollection | null;
  currencyConversion: CheckoutCurrencyConversion | null;
  customFields: CheckoutCustomField[];
  customText: CheckoutCustomText | null;
  customerAccountId: string | null;
  customerCreation: Known<'ALWAYS' | 'IF_REQUIRED'> | null;
  customerDetails: CheckoutCustomerDetails | null;
  discounts: CheckoutDiscount[];
  excludedPaymentMethodTypes: string[];
  integrationIdentifier: string | null;
  invoiceId: string | null;
  invoiceCreation: CheckoutInvoiceCreation | null;
  managedPayments: EnabledSetting | null;
  nameCollection: CheckoutNameCollection | null;
  optionalItems: CheckoutOptionalItem[];
  originContext: Known<'MOBILE_APP' | 'WEB'> | null;
  paymentLinkId: string | null;
  paymentMethodCollection: Known<'ALWAYS' | 'IF_REQUIRED'> | null;
  paymentMethodConfigurationDetails: { id: string; parentId: string | null } | null;
  paymentMethodOptions: Record<string, unknown> | null;
  permissions: { updateShippingDetails: Known<'CLIENT_ONLY' | 'SERVER_ONLY'> | null } | null;
  phoneNumberCollection: EnabledSetting | null;
  presentmentDetails: { presentmentAmount: Money | null } | null;
  recoveredFromId: string | null;
  redirectOnCompletion: Known<'ALWAYS' | 'IF_REQUIRED' | 'NEVER'> | null;
  returnUrl: string | null;
  savedPaymentMethodOptions: CheckoutSavedPaymentMethodOptions | null;
  setupIntentId: string | null;
  shippingAddressCollection: { allowedCountries: string[] } | null;
  shippingOptions: CheckoutShippingOption[];
  submitType: Known<'AUTO' | 'BOOK' | 'DONATE' | 'PAY' | 'SUBSCRIBE'> | null;
  subscriptionId: string | null;
  taxIdCollection: { enabled: boolean; required: Known<'IF_SUPPORTED' | 'NEVER'> | null } | null;
  uiMode: Known<'HOSTED_PAGE' | 'EMBEDDED_PAGE' | 'ELEMENTS' | 'FORM'> | null;
  walletOptions: { linkDisplay: Known<'AUTO' | 'NEVER'> | null } | null;
}

/** The details of a session whose provider reports none of them. */
export const noCheckoutSessionDetails: Readonly<CheckoutSessionDetails> = Object.freeze({
  adaptivePricing: null,
  afterExpiration: null,
  allowPromotionCodes: null,
  automaticTax: null,
  billingAddressCollection: null,
  brandingSettings: null,
  collectedInformation: null,
  consent: null,
  consentCollection: null,
  currencyConversion: null,
  customFields: [],
  customText: null,
  customerAccountId: null,
  customerCreation: null,
  customerDetails: null,
  discounts: [],
  excludedPaymentMethodTypes: [],
  integrationIdentifier: null,
  invoiceId: null,
  invoiceCreation: null,
  managedPayments: null,
  nameCollection: null,
  optionalItems: [],
  originContext: null,
  paymentLinkId: null,
  paymentMethodCollection: null,
  paymentMethodConfigurationDetails: null,
  paymentMethodOptions: null,
  permissions: null,
  phoneNumberCollection: null,
  presentmentDetails: null,
  recoveredFromId: null,
  redirectOnCompletion: null,
  returnUrl: null,
  savedPaymentMethodOptions: null,
  setupIntentId: null,
  shippingAddressCollection: null,
  shippingOptions: [],
  submitType: null,
  subscriptionId: null,
  taxIdCollection: null,
  uiMode: null,
  walletOptions: null,
});
