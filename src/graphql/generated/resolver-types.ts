// Generated from schema.graphql by `npm run codegen`; do not edit.
import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { CheckoutSession as CheckoutSessionModel } from '../../model/checkout-session.js';
import type { Money as MoneyModel } from '../../model/money.js';
import type { RequestContext } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An instant in time, as an ISO 8601 string in UTC (2026-03-23T19:36:55.000Z). */
  DateTime: { input: Date; output: Date; }
  /** A JSON object of string keys. */
  JSONObject: { input: Record<string, unknown>; output: Record<string, unknown>; }
  /** An integer exact up to 2^53 - 1; GraphQL's Int stops at 2^31 - 1. */
  SafeInt: { input: number; output: number; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** Quantity limits the customer could choose within. */
export type CheckoutAdjustableQuantity = {
  __typename?: 'CheckoutAdjustableQuantity';
  /** True when the customer could change the quantity. */
  enabled: Scalars['Boolean']['output'];
  /** The largest quantity allowed. */
  maximum?: Maybe<Scalars['Int']['output']>;
  /** The smallest quantity allowed. */
  minimum?: Maybe<Scalars['Int']['output']>;
};

/** What happens when a session expires. */
export type CheckoutAfterExpiration = {
  __typename?: 'CheckoutAfterExpiration';
  /** The recovery link Stripe offers for an expired session, when enabled. */
  recovery?: Maybe<CheckoutRecovery>;
};

/** Shown by default, or hidden. */
export type CheckoutAutoOrHidden =
  /** Shown as Stripe decides. */
  | 'AUTO'
  /** Hidden. */
  | 'HIDDEN'
  /** A value this subgraph does not know yet. */
  | 'UNKNOWN';

/** Left to Stripe, or never. */
export type CheckoutAutoOrNever =
  /** As Stripe decides. */
  | 'AUTO'
  /** Never. */
  | 'NEVER'
  /** A value this subgraph does not know yet. */
  | 'UNKNOWN';

/** Left to Stripe, or off. */
export type CheckoutAutoOrNone =
  /** As Stripe decides. */
  | 'AUTO'
  /** Off. */
  | 'NONE'
  /** A value this subgraph does not know yet. */
  | 'UNKNOWN';

/** Stripe Tax on a session. */
export type CheckoutAutomaticTax = {
  __typename?: 'CheckoutAutomaticTax';
  /** True when Stripe Tax calculates the tax. */
  enabled: Scalars['Boolean']['output'];
  /** Who is liable for the tax. */
  liability?: Maybe<CheckoutTaxLiability>;
  /** The state of the latest tax calculation. */
  status?: Maybe<CheckoutAutomaticTaxStatus>;
};

/** The state of an automatic tax calculation. */
export type CheckoutAutomaticTaxStatus =
  /** Tax was calculated. */
  | 'COMPLETE'
  /** The calculation failed. */
  | 'FAILED'
  /** Tax needs the customer's location first. */
  | 'REQUIRES_LOCATION_INPUTS'
  /** A value this subgraph does not know yet. */
  | 'UNKNOWN';

/** Whether Checkout asks for the billing address. */
export type CheckoutBillingAddressCollection =
  /** Only when needed to process the payment. */
  | 'AUTO'
  /** Always. */
  | 'REQUIRED'
  /** A value this subgraph does not know yet. */
  | 'UNKNOWN';

/** Corner style of inputs and buttons. */
export type CheckoutBorderStyle =
  /** Fully rounded ends. */
  | 'PILL'
  /** Square corners. */
  | 'RECTANGULAR'
  /** Slightly rounded corners. */
  | 'ROUNDED'
  /** A value this subgraph does not know yet. */
  | 'UNKNOWN';

/** An image used in branding: a Stripe file or a URL. */
export type CheckoutBrandingImage = {
  __typename?: 'CheckoutBrandingImage';
  /** The Stripe file id, when the image is a file. */
  fileId?: Maybe<Scalars['ID']['output']>;
  /** The image URL, when the image is a URL. */
  url?: Maybe<Scalars['String']['output']>;
};

/** Checkout page branding. */
export type CheckoutBrandingSettings = {
  __typename?: 'CheckoutBrandingSettings';
  /** Background colour as a hex code. */
  backgroundColor?: Maybe<Scalars['String']['output']>;
  /** Corner style of inputs and buttons. */
  borderStyle?: Maybe<CheckoutBorderStyle>;
  /** Button colour as a hex code. */
  buttonColor?: Maybe<Scalars['String']['output']>;
  /** The business name shown. */
  displayName?: Maybe<Scalars['String']['output']>;
  /** The font family. */
  fontFamily?: Maybe<Scalars['String']['output']>;
  /** The icon's URL, or its Stripe file id. */
  icon?: Maybe<CheckoutBrandingImage>;
  /** The logo's URL, or its Stripe file id. */
  logo?: Maybe<CheckoutBrandingImage>;
};

/** Details the customer entered that the merchant chose to collect. */
export type CheckoutCollectedInformation = {
  __typename?: 'CheckoutCollectedInformation';
  /** The business name the customer entered. */
  businessName?: Maybe<Scalars['String']['output']>;
  /** The individual's name the customer entered. */
  individualName?: Maybe<Scalars['String']['output']>;
  /** Where to ship, when Checkout collected a shipping address. */
  shippingDetails?: Maybe<CheckoutShippingDetails>;
};

/** What the customer consented to. */
export type CheckoutConsent = {
  __typename?: 'CheckoutConsent';
  /** Whether the customer agreed to promotional messages. */
  promotions?: Maybe<CheckoutPromotionsConsent>;
  /** Whether the customer accepted the merchant's terms of service. */
  termsOfService?: Maybe<CheckoutTermsOfServiceConsent>;
};

/** Which consents Checkout asked for. */
export type CheckoutConsentCollection = {
  __typename?: 'CheckoutConsentCollection';
  /** Where the payment-method reuse agreement shows. */
  paymentMethodReuseAgreementPosition?: Maybe<CheckoutAutoOrHidden>;
  /** Whether promotional consent was asked. */
  promotions?: Maybe<CheckoutAutoOrNone>;
  /** Whether accepting the terms of service was required. */
  termsOfService?: Maybe<CheckoutNoneOrRequired>;
};

/** Amounts before Stripe converted the session into the customer's currency. */
export type CheckoutCurrencyConversion = {
  __typename?: 'CheckoutCurrencyConversion';
  /** Subtotal in the source currency. */
  amountSubtotal?: Maybe<CheckoutMoney>;
  /** Total in the source currency. */
  amountTotal?: Maybe<CheckoutMoney>;
  /** The exchange rate from source to presented currency, as a decimal string. */
  fxRate?: Maybe<Scalars['String']['output']>;
  /** Upper-case ISO 4217 code of the currency the session was created in. */
  sourceCurrency?: Maybe<Scalars['String']['output']>;
};

/** A field of the merchant's own on the checkout page, with the customer's answer. */
export type CheckoutCustomField = {
  __typename?: 'CheckoutCustomField';
  /** The merchant's key for the field. */
  key: Scalars['String']['output'];
  /** The label shown to the customer. */
  label?: Maybe<Scalars['String']['output']>;
  /** Longest accepted input, for text and numeric fields. */
  maximumLength?: Maybe<Scalars['Int']['output']>;
  /** Shortest accepted input, for text and numeric fields. */
  minimumLength?: Maybe<Scalars['Int']['output']>;
  /** True when the customer could leave it empty. */
  optional: Scalars['Boolean']['output'];
  /** The choices, for a dropdown. [] for other types. */
  options: Array<CheckoutCustomFieldOption>;
  /** Dropdown, numeric or text. */
  type?: Maybe<CheckoutCustomFieldType>;
  /** What the customer entered or chose; null when nothing. */
  value?: Maybe<Scalars['String']['output']>;
};

/** One choice of a dropdown custom field. */
export type CheckoutCustomFieldOption = {
  __typename?: 'CheckoutCustomFieldOption';
  /** What the customer sees. */
  label: Scalars['String']['output'];
  /** The merchant's value for this choice. */
  value: Scalars['String']['output'];
};

/** The kind of a custom field. */
export type CheckoutCustomFieldType =
  /** A choice among options. */
  | 'DROPDOWN'
  /** Digits only. */
  | 'NUMERIC'
  /** Free text. */
  | 'TEXT'
  /** A value this subgraph does not know yet. */
  | 'UNKNOWN';

/** Custom text shown on the checkout page. */
export type CheckoutCustomText = {
  __typename?: 'CheckoutCustomText';
  /** Shown after the submit button. */
  afterSubmit?: Maybe<Scalars['String']['output']>;
  /** Shown beside the shipping address. */
  shippingAddress?: Maybe<Scalars['String']['output']>;
  /** Shown beside the submit button. */
  submit?: Maybe<Scalars['String']['output']>;
  /** Shown instead of the default terms of service text. */
  termsOfServiceAcceptance?: Maybe<Scalars['String']['output']>;
};

/** Who paid, as the provider collected it. */
export type CheckoutCustomer = {
  __typename?: 'CheckoutCustomer';
  /** The billing address the customer entered. */
  address?: Maybe<CheckoutPostalAddress>;
  /** The email address the customer entered. */
  email?: Maybe<Scalars['String']['output']>;
  /** Given name, when the provider collects it apart from the family name. */
  firstName?: Maybe<Scalars['String']['output']>;
  /** The IP address the customer paid from, when the provider reports it. */
  ipAddress?: Maybe<Scalars['String']['output']>;
  /** Family name, when the provider collects it apart from the given name. */
  lastName?: Maybe<Scalars['String']['output']>;
  /** Full name (or business name). */
  name?: Maybe<Scalars['String']['output']>;
  /** Phone number, as the customer entered it. */
  phone?: Maybe<Scalars['String']['output']>;
};

/** Whether Checkout creates a customer object. */
export type CheckoutCustomerCreation =
  /** A customer object is always created. */
  | 'ALWAYS'
  /** Only when the mode or payment method needs one. */
  | 'IF_REQUIRED'
  /** A value this subgraph does not know yet. */
  | 'UNKNOWN';

/** Everything the provider collected about who paid. */
export type CheckoutCustomerDetails = {
  __typename?: 'CheckoutCustomerDetails';
  /** The customer's billing address. */
  address?: Maybe<CheckoutPostalAddress>;
  /** The business name, when one was collected. */
  businessName?: Maybe<Scalars['String']['output']>;
  /** The customer's email address. */
  email?: Maybe<Scalars['String']['output']>;
  /** The individual's name, when a business name was collected too. */
  individualName?: Maybe<Scalars['String']['output']>;
  /** The customer's name, or the business name when one was given. */
  name?: Maybe<Scalars['String']['output']>;
  /** The customer's phone number. */
  phone?: Maybe<Scalars['String']['output']>;
  /** The customer's tax exemption. */
  taxExempt?: Maybe<CheckoutTaxExempt>;
  /** Tax ids the customer gave. [] when none. */
  taxIds: Array<CheckoutTaxId>;
};

/** A coupon or promotion code applied to the session. */
export type CheckoutDiscount = {
  __typename?: 'CheckoutDiscount';
  /** The coupon applied. */
  couponId?: Maybe<Scalars['ID']['output']>;
  /** The promotion code the customer redeemed. */
  promotionCodeId?: Maybe<Scalars['ID']['output']>;
};

/** An amount taken off by one discount. */
export type CheckoutDiscountAmount = {
  __typename?: 'CheckoutDiscountAmount';
  /** The amount taken off. */
  amount?: Maybe<CheckoutMoney>;
  /** The coupon behind the discount. */
  couponId?: Maybe<Scalars['ID']['output']>;
  /** The discount's id. */
  discountId?: Maybe<Scalars['ID']['output']>;
  /** The promotion code behind the discount. */
  promotionCodeId?: Maybe<Scalars['ID']['output']>;
};

/** On or off. */
export type CheckoutEnabledOrDisabled =
  /** Off. */
  | 'DISABLED'
  /** On. */
  | 'ENABLED'
  /** A value this subgraph does not know yet. */
  | 'UNKNOWN';

/** A setting that is either on or off. */
export type CheckoutEnabledSetting = {
  __typename?: 'CheckoutEnabledSetting';
  /** True when the setting is on. */
  enabled: Scalars['Boolean']['output'];
};

/** A fee or discount the provider applied to a session. */
export type CheckoutFee = {
  __typename?: 'CheckoutFee';
  /** What the fee came to; null when the provider gave no amount. */
  amount?: Maybe<CheckoutMoney>;
  /** The fee's description, or its name when that is all the provider gave. */
  description?: Maybe<Scalars['String']['output']>;
  /** The provider's kind of fee, as it names it (Stripe: stripe_fee, application_fee, tax, ...). */
  type?: Maybe<Scalars['String']['output']>;
};

/** Whether and how Checkout creates an invoice after payment. */
export type CheckoutInvoiceCreation = {
  __typename?: 'CheckoutInvoiceCreation';
  /** True when Checkout creates an invoice after payment. */
  enabled: Scalars['Boolean']['output'];
  /** What the invoice carries. */
  invoiceData?: Maybe<CheckoutInvoiceData>;
};

/** What an invoice created by Checkout carries. */
export type CheckoutInvoiceData = {
  __typename?: 'CheckoutInvoiceData';
  /** Tax ids of the merchant's account shown on the invoice. */
  accountTaxIds: Array<Scalars['ID']['output']>;
  /** How amounts show tax on the invoice PDF (exclude_tax, include_inclusive_tax). */
  amountTaxDisplay?: Maybe<Scalars['String']['output']>;
  /** Name-value pairs shown on the invoice. */
  customFields: Array<CheckoutNameValue>;
  /** The invoice's description. */
  description?: Maybe<Scalars['String']['output']>;
  /** The invoice's footer text. */
  footer?: Maybe<Scalars['String']['output']>;
  /** Who issues the invoice. */
  issuer?: Maybe<CheckoutTaxLiability>;
  /** The invoice's metadata; {} when none. */
  metadata: Scalars['JSONObject']['output'];
};

/** Whose account is liable. */
export type CheckoutLiabilityType =
  /** A connected account. */
  | 'ACCOUNT'
  /** The platform's own account. */
  | 'SELF'
  /** A value this subgraph does not know yet. */
  | 'UNKNOWN';

/** One line of what a session sold. */
export type CheckoutLineItem = {
  __typename?: 'CheckoutLineItem';
  /** Discounts on this line. */
  amountDiscount?: Maybe<CheckoutMoney>;
  /** Price times quantity, before discounts and taxes. */
  amountSubtotal?: Maybe<CheckoutMoney>;
  /** Tax on this line. */
  amountTax?: Maybe<CheckoutMoney>;
  /** What the line came to after discounts and taxes. */
  amountTotal?: Maybe<CheckoutMoney>;
  /** The product's description or name. */
  description?: Maybe<Scalars['String']['output']>;
  /** What each discount took off this line; [] when none. Stripe: asked for (expand[]=data.discounts) only when selected. Null when the provider did not give them. */
  discounts?: Maybe<Array<CheckoutDiscountAmount>>;
  /** The provider's line item id. */
  id: Scalars['ID']['output'];
  /** The provider's price id. */
  priceId?: Maybe<Scalars['ID']['output']>;
  /** The provider's id of the product sold. */
  productId?: Maybe<Scalars['ID']['output']>;
  /** The product's name in the merchant's catalogue. Stripe: asked for (expand[]=data.price.product on the line items' call) only when selected. */
  productName?: Maybe<Scalars['String']['output']>;
  /** How many units. */
  quantity?: Maybe<Scalars['Int']['output']>;
  /** The tax charged on this line at each rate; [] when none. Stripe: asked for (expand[]=data.taxes) only when selected. Null when the provider did not give them. */
  taxes?: Maybe<Array<CheckoutTaxAmount>>;
  /** The price of one unit, before discounts and taxes. Null for a price that is not per unit (tiered). */
  unitAmount?: Maybe<CheckoutMoney>;
};

/** What the session was created to do. */
export type CheckoutMode =
  /** Accept one-time payments. */
  | 'PAYMENT'
  /** Save payment details for later. */
  | 'SETUP'
  /** Start a subscription. */
  | 'SUBSCRIPTION'
  /** A mode this subgraph does not know yet. */
  | 'UNKNOWN';

/** An amount of money, exact in the currency's minor unit. */
export type CheckoutMoney = {
  __typename?: 'CheckoutMoney';
  /** The amount in the currency's minor unit as the provider counts it (cents for USD, yen for JPY). */
  amount: Scalars['SafeInt']['output'];
  /** Upper-case ISO 4217 currency code. */
  currency: Scalars['String']['output'];
  /** The amount in major units as a decimal string: "21.98" for 2198 USD cents, "5000" for 5000 JPY. */
  decimal: Scalars['String']['output'];
};

/** Whether Checkout asked for names. */
export type CheckoutNameCollection = {
  __typename?: 'CheckoutNameCollection';
  /** Whether a business name was asked for. */
  business?: Maybe<CheckoutOptionalSetting>;
  /** Whether an individual's name was asked for. */
  individual?: Maybe<CheckoutOptionalSetting>;
};

/** A name and a value. */
export type CheckoutNameValue = {
  __typename?: 'CheckoutNameValue';
  /** The name shown. */
  name: Scalars['String']['output'];
  /** The value shown beside it. */
  value: Scalars['String']['output'];
};

/** Not asked, or required. */
export type CheckoutNoneOrRequired =
  /** Not asked. */
  | 'NONE'
  /** Required. */
  | 'REQUIRED'
  /** A value this subgraph does not know yet. */
  | 'UNKNOWN';

/** An item the customer could add to the order. */
export type CheckoutOptionalItem = {
  __typename?: 'CheckoutOptionalItem';
  /** Whether and how far the customer could change the quantity. */
  adjustableQuantity?: Maybe<CheckoutAdjustableQuantity>;
  /** The item's price id. */
  priceId?: Maybe<Scalars['ID']['output']>;
  /** The quantity offered. */
  quantity?: Maybe<Scalars['Int']['output']>;
};

/** A collection setting that may be optional for the customer. */
export type CheckoutOptionalSetting = {
  __typename?: 'CheckoutOptionalSetting';
  /** True when the setting is on. */
  enabled: Scalars['Boolean']['output'];
  /** True when the customer could skip it. */
  optional: Scalars['Boolean']['output'];
};

/** Where the session was started. */
export type CheckoutOriginContext =
  /** Started from a mobile app. */
  | 'MOBILE_APP'
  /** A value this subgraph does not know yet. */
  | 'UNKNOWN'
  /** Started from a web page. */
  | 'WEB';

/** Whether Checkout always collects a payment method. */
export type CheckoutPaymentMethodCollection =
  /** A payment method is always collected. */
  | 'ALWAYS'
  /** Only when the total needs a payment. */
  | 'IF_REQUIRED'
  /** A value this subgraph does not know yet. */
  | 'UNKNOWN';

/** The payment method configuration used. */
export type CheckoutPaymentMethodConfigurationDetails = {
  __typename?: 'CheckoutPaymentMethodConfigurationDetails';
  /** The configuration id. */
  id: Scalars['ID']['output'];
  /** The parent configuration, for a connected account. */
  parentId?: Maybe<Scalars['ID']['output']>;
};

/** Which payment provider holds a session. */
export type CheckoutPaymentProvider =
  /** Converge Gate, the BLIK checkout used by merchants in Poland. */
  | 'CONVERGE_GATE'
  /** Stripe Checkout. */
  | 'STRIPE';

/** Whether the money has been collected. */
export type CheckoutPaymentStatus =
  /** The session needed no payment (a zero total, or setup mode). */
  | 'NO_PAYMENT_REQUIRED'
  /** The money has been collected. */
  | 'PAID'
  /** A payment status this subgraph does not know yet. */
  | 'UNKNOWN'
  /** The money has not been collected (yet): the session is open, expired, or awaiting a delayed payment. */
  | 'UNPAID';

/** Which updates the integration may make to the session. */
export type CheckoutPermissions = {
  __typename?: 'CheckoutPermissions';
  /** Who may update shipping details. */
  updateShippingDetails?: Maybe<CheckoutUpdatePermission>;
};

/** A postal address. */
export type CheckoutPostalAddress = {
  __typename?: 'CheckoutPostalAddress';
  /** City, district, suburb, town or village. */
  city?: Maybe<Scalars['String']['output']>;
  /** Two-letter ISO 3166-1 country code. */
  country?: Maybe<Scalars['String']['output']>;
  /** Street address, P.O. box or company name. */
  line1?: Maybe<Scalars['String']['output']>;
  /** Apartment, suite, unit or building. */
  line2?: Maybe<Scalars['String']['output']>;
  /** ZIP or postal code. */
  postalCode?: Maybe<Scalars['String']['output']>;
  /** State, county, province or region. */
  state?: Maybe<Scalars['String']['output']>;
};

/** The amount the customer saw, in their currency. */
export type CheckoutPresentmentDetails = {
  __typename?: 'CheckoutPresentmentDetails';
  /** The total in the customer's currency. */
  presentmentAmount?: Maybe<CheckoutMoney>;
};

/** The customer's answer on promotional messages. */
export type CheckoutPromotionsConsent =
  /** The customer agreed to promotional messages. */
  | 'OPT_IN'
  /** The customer declined promotional messages. */
  | 'OPT_OUT'
  /** A value this subgraph does not know yet. */
  | 'UNKNOWN';

/** A link that recreates an expired session. */
export type CheckoutRecovery = {
  __typename?: 'CheckoutRecovery';
  /** Whether promotion codes are allowed on the recovered session. */
  allowPromotionCodes: Scalars['Boolean']['output'];
  /** True when a recovery link is offered. */
  enabled: Scalars['Boolean']['output'];
  /** When the recovery link stops working. */
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  /** The recovery link itself, once the session has expired. */
  url?: Maybe<Scalars['String']['output']>;
};

/** When an embedded session redirects to its return URL. */
export type CheckoutRedirectOnCompletion =
  /** Always redirect. */
  | 'ALWAYS'
  /** Only for redirect-based payment methods. */
  | 'IF_REQUIRED'
  /** Never redirect. */
  | 'NEVER'
  /** A value this subgraph does not know yet. */
  | 'UNKNOWN';

/** Which saved payment methods may be shown again. */
export type CheckoutRedisplayFilter =
  /** Methods the customer allowed to show again. */
  | 'ALWAYS'
  /** Methods shown again only in limited contexts. */
  | 'LIMITED'
  /** A value this subgraph does not know yet. */
  | 'UNKNOWN'
  /** Methods saved without a redisplay choice. */
  | 'UNSPECIFIED';

/** Money given back to the customer for (part of) a session's payment. */
export type CheckoutRefund = {
  __typename?: 'CheckoutRefund';
  /** How much was (or is to be) refunded. */
  amount: CheckoutMoney;
  /** When the refund was created. */
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  /** The provider's refund id. */
  id: Scalars['ID']['output'];
  /** Why the merchant refunded; null when the provider did not say. */
  reason?: Maybe<CheckoutRefundReason>;
  /** Where the refund is in its life; null when the provider did not say. */
  status?: Maybe<CheckoutRefundStatus>;
};

/** Why the merchant refunded. */
export type CheckoutRefundReason =
  /** The payment was taken twice. */
  | 'DUPLICATE'
  /** An authorization expired before it was captured. */
  | 'EXPIRED_UNCAPTURED_CHARGE'
  /** The payment was fraudulent. */
  | 'FRAUDULENT'
  /** The customer asked for the money back. */
  | 'REQUESTED_BY_CUSTOMER'
  /** A reason this subgraph does not know yet. */
  | 'UNKNOWN';

/** Where a refund is in its life. */
export type CheckoutRefundStatus =
  /** The refund was canceled before it settled. */
  | 'CANCELED'
  /** The refund failed; no money moved. */
  | 'FAILED'
  /** Submitted, not yet settled. */
  | 'PENDING'
  /** The customer must act before the refund can go on. */
  | 'REQUIRES_ACTION'
  /** The money went back to the customer. */
  | 'SUCCEEDED'
  /** A refund status this subgraph does not know yet. */
  | 'UNKNOWN';

/** Saved payment method settings. */
export type CheckoutSavedPaymentMethodOptions = {
  __typename?: 'CheckoutSavedPaymentMethodOptions';
  /** Which saved methods may be shown again. */
  allowRedisplayFilters: Array<CheckoutRedisplayFilter>;
  /** Whether the customer may remove a saved method. */
  paymentMethodRemove?: Maybe<CheckoutEnabledOrDisabled>;
  /** Whether the customer may save a method. */
  paymentMethodSave?: Maybe<CheckoutEnabledOrDisabled>;
};

/** A payment provider's checkout session, the same shape whichever provider took the money. */
export type CheckoutSession = {
  __typename?: 'CheckoutSession';
  /** Whether Adaptive Pricing could present the customer's local currency. Stripe only. */
  adaptivePricing?: Maybe<CheckoutEnabledSetting>;
  /** What happens when the session expires: the recovery link, if enabled. Stripe only. */
  afterExpiration?: Maybe<CheckoutAfterExpiration>;
  /** Whether the customer could redeem promotion codes. Stripe only. */
  allowPromotionCodes?: Maybe<Scalars['Boolean']['output']>;
  /** The refunded total: for Stripe, the sum of the succeeded refunds; for Converge Gate, as it reports it. */
  amountRefunded?: Maybe<CheckoutMoney>;
  /** Total before discounts, shipping and taxes. */
  amountSubtotal?: Maybe<CheckoutMoney>;
  /** Total after discounts, shipping and taxes. */
  amountTotal?: Maybe<CheckoutMoney>;
  /** Stripe Tax on this session. Stripe only. */
  automaticTax?: Maybe<CheckoutAutomaticTax>;
  /** Whether Checkout asked for the billing address. Stripe only. */
  billingAddressCollection?: Maybe<CheckoutBillingAddressCollection>;
  /** Checkout page branding. Stripe only. */
  brandingSettings?: Maybe<CheckoutBrandingSettings>;
  /** Where the provider sends the customer who cancels. */
  cancelUrl?: Maybe<Scalars['String']['output']>;
  /** The merchant's own reference for this session, usually its order id. */
  clientReferenceId?: Maybe<Scalars['String']['output']>;
  /** Details the customer entered that the merchant chose to collect (business or individual name, shipping details). Stripe only. */
  collectedInformation?: Maybe<CheckoutCollectedInformation>;
  /** What the customer consented to. Stripe only. */
  consent?: Maybe<CheckoutConsent>;
  /** Which consents Checkout asked for. Stripe only. */
  consentCollection?: Maybe<CheckoutConsentCollection>;
  /** When the session was created. */
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  /** Upper-case ISO 4217 currency code. */
  currency?: Maybe<Scalars['String']['output']>;
  /** The original amounts and rate when Stripe converted the session into the customer's currency. Stripe only. */
  currencyConversion?: Maybe<CheckoutCurrencyConversion>;
  /** Up to three fields of the merchant's own, with what the customer entered. [] when none. Stripe only. */
  customFields: Array<CheckoutCustomField>;
  /** Custom text shown on the checkout page. Stripe only. */
  customText?: Maybe<CheckoutCustomText>;
  /** Who paid, when the provider knows. */
  customer?: Maybe<CheckoutCustomer>;
  /** The customer account id (Accounts v2), when there is one. Stripe only. */
  customerAccountId?: Maybe<Scalars['ID']['output']>;
  /** Whether Checkout creates a customer object. Stripe only. */
  customerCreation?: Maybe<CheckoutCustomerCreation>;
  /** Everything Stripe collected about who paid: address, tax status, tax ids. `customer` gathers the common part for every provider. Stripe only. */
  customerDetails?: Maybe<CheckoutCustomerDetails>;
  /** The provider's customer object id, when there is one. */
  customerId?: Maybe<Scalars['ID']['output']>;
  /** Coupons and promotion codes applied to the session. [] when none. Stripe only. */
  discounts: Array<CheckoutDiscount>;
  /** Payment method types the merchant excluded. [] when none. Stripe only. */
  excludedPaymentMethodTypes: Array<Scalars['String']['output']>;
  /** When the session expires, or expired, if not completed. */
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  /** The fees the provider charged on the session's payment (Stripe: its balance transaction's fee details, for a session paid through an invoice those of each of the invoice's payments; Converge Gate: the fees and discounts it lists). [] when there is no payment or the provider has not booked it yet. Null, with an error at this path, when they could not be loaded. */
  fees?: Maybe<Array<CheckoutFee>>;
  /** When the provider was last read for this answer. Older than the session's cache age when the provider was too busy to read it again at once: the answer then came from a copy, and its Cache-Control is no-store. */
  fetchedAt: Scalars['DateTime']['output'];
  /** The provider's session id. */
  id: Scalars['ID']['output'];
  /** The merchant's identifier for the integration that created the session. Stripe only. */
  integrationIdentifier?: Maybe<Scalars['String']['output']>;
  /** Whether and how Checkout creates an invoice after payment. Stripe only. */
  invoiceCreation?: Maybe<CheckoutInvoiceCreation>;
  /** The invoice the session created, if any. Stripe only. */
  invoiceId?: Maybe<Scalars['ID']['output']>;
  /** What the session sold (Stripe; Converge Gate sessions have none). Null, with an error at this path, when they could not be loaded. */
  lineItems?: Maybe<Array<CheckoutLineItem>>;
  /** True for a live-mode session, false for a test-mode one. */
  livemode?: Maybe<Scalars['Boolean']['output']>;
  /** The IETF language tag the checkout page is shown in. */
  locale?: Maybe<Scalars['String']['output']>;
  /** Whether Stripe acts as merchant of record (managed payments). Stripe only. */
  managedPayments?: Maybe<CheckoutEnabledSetting>;
  /** The merchant's key-value pairs; {} when there are none. */
  metadata: Scalars['JSONObject']['output'];
  /** What the session was created to do. */
  mode?: Maybe<CheckoutMode>;
  /** Whether Checkout asked for a business or individual name. Stripe only. */
  nameCollection?: Maybe<CheckoutNameCollection>;
  /** Items the customer could add to the order. [] when none. Stripe only. */
  optionalItems: Array<CheckoutOptionalItem>;
  /** The order this session pays for: its client reference id or, failing that, the order id in its metadata. Null when it has neither. */
  order?: Maybe<Order>;
  /** Where the session was started. Stripe only. */
  originContext?: Maybe<CheckoutOriginContext>;
  /** The provider's payment intent id. */
  paymentIntentId?: Maybe<Scalars['ID']['output']>;
  /** The payment link that created the session, if any. Stripe only. */
  paymentLinkId?: Maybe<Scalars['ID']['output']>;
  /** Whether Checkout always collects a payment method. Stripe only. */
  paymentMethodCollection?: Maybe<CheckoutPaymentMethodCollection>;
  /** The payment method configuration used, with dynamic payment methods. Stripe only. */
  paymentMethodConfigurationDetails?: Maybe<CheckoutPaymentMethodConfigurationDetails>;
  /** Options per payment method type, as Stripe sends them ({ card: { ... }, ... }): a large, fast-changing set, passed through as JSON. Stripe only. */
  paymentMethodOptions?: Maybe<Scalars['JSONObject']['output']>;
  /** Payment method types the session accepts (card, blik, ...). */
  paymentMethodTypes: Array<Scalars['String']['output']>;
  /** Whether the money has been collected. */
  paymentStatus?: Maybe<CheckoutPaymentStatus>;
  /** Which updates the integration may make to the session. Stripe only. */
  permissions?: Maybe<CheckoutPermissions>;
  /** Whether Checkout collected a phone number. Stripe only. */
  phoneNumberCollection?: Maybe<CheckoutEnabledSetting>;
  /** The amount in the customer's currency, when Adaptive Pricing presented another one. Stripe only. */
  presentmentDetails?: Maybe<CheckoutPresentmentDetails>;
  /** The payment provider that holds the session. */
  provider: CheckoutPaymentProvider;
  /** The expired session this one recovered, if any. Stripe only. */
  recoveredFromId?: Maybe<Scalars['ID']['output']>;
  /** When an embedded session redirects to returnUrl. Stripe only. */
  redirectOnCompletion?: Maybe<CheckoutRedirectOnCompletion>;
  /** True once the refunded total reaches the session's total. */
  refunded?: Maybe<Scalars['Boolean']['output']>;
  /** Refunds of the session's payment, in the order the provider lists them (Stripe: newest first). Null, with an error at this path, when they could not be loaded or read. */
  refunds?: Maybe<Array<CheckoutRefund>>;
  /** Where an embedded session sends the customer back. Stripe only. */
  returnUrl?: Maybe<Scalars['String']['output']>;
  /** Saved payment method settings. Stripe only. */
  savedPaymentMethodOptions?: Maybe<CheckoutSavedPaymentMethodOptions>;
  /** What the session's payment put in the merchant's balance with the provider: the amount booked, the fees and what is left, and when that can be paid out. Stripe only. Null when there is no payment or the provider has not booked it yet, or, with an error at this path, when it could not be loaded. */
  settlement?: Maybe<CheckoutSettlement>;
  /** The setup intent, for setup-mode sessions. Stripe only. */
  setupIntentId?: Maybe<Scalars['ID']['output']>;
  /** Countries Checkout offered for shipping, when it collected a shipping address. Stripe only. */
  shippingAddressCollection?: Maybe<CheckoutShippingAddressCollection>;
  /** The shipping rate chosen and what it cost. */
  shippingCost?: Maybe<CheckoutShippingCost>;
  /** Shipping rates offered. [] when none. Stripe only. */
  shippingOptions: Array<CheckoutShippingOption>;
  /** Where the session is in its life. */
  status?: Maybe<CheckoutSessionStatus>;
  /** The wording of the submit button. Stripe only. */
  submitType?: Maybe<CheckoutSubmitType>;
  /** The subscription, for subscription-mode sessions. Stripe only. */
  subscriptionId?: Maybe<Scalars['ID']['output']>;
  /** Where the provider sends the customer after paying. */
  successUrl?: Maybe<Scalars['String']['output']>;
  /** Whether Checkout collected tax ids. Stripe only. */
  taxIdCollection?: Maybe<CheckoutTaxIdCollection>;
  /** How the total breaks down into discounts, shipping and taxes. */
  totalDetails?: Maybe<CheckoutTotalDetails>;
  /** How the checkout is presented. Stripe only. */
  uiMode?: Maybe<CheckoutUiMode>;
  /** The checkout page's URL, while the session is open. */
  url?: Maybe<Scalars['String']['output']>;
  /** Wallet display settings. Stripe only. */
  walletOptions?: Maybe<CheckoutWalletOptions>;
};

/** Where a session is in its life. */
export type CheckoutSessionStatus =
  /** The customer finished checkout. */
  | 'COMPLETE'
  /** The session expired without being completed. */
  | 'EXPIRED'
  /** The customer can still pay. */
  | 'OPEN'
  /** Payment submitted, waiting for the provider to settle it. */
  | 'PENDING'
  /** A status this subgraph does not know yet. */
  | 'UNKNOWN';

/** What a payment put in the merchant's balance with the provider, in the balance's currency (which may differ from the session's). For several payments (of one invoice), their sum. */
export type CheckoutSettlement = {
  __typename?: 'CheckoutSettlement';
  /** The payment as booked, before fees. */
  amount: CheckoutMoney;
  /** When the net amount can be paid out. */
  availableOn?: Maybe<Scalars['DateTime']['output']>;
  /** The provider's fees on it, in all. */
  fee: CheckoutMoney;
  /** What the merchant receives: amount less fee. */
  net: CheckoutMoney;
};

/** Countries Checkout offered for shipping. */
export type CheckoutShippingAddressCollection = {
  __typename?: 'CheckoutShippingAddressCollection';
  /** Two-letter ISO 3166-1 country codes. */
  allowedCountries: Array<Scalars['String']['output']>;
};

/** The shipping rate chosen and what it cost. */
export type CheckoutShippingCost = {
  __typename?: 'CheckoutShippingCost';
  /** Shipping before taxes. */
  amountSubtotal?: Maybe<CheckoutMoney>;
  /** Taxes on shipping. */
  amountTax?: Maybe<CheckoutMoney>;
  /** Shipping including taxes. */
  amountTotal?: Maybe<CheckoutMoney>;
  /** The provider's shipping rate id. */
  shippingRateId?: Maybe<Scalars['ID']['output']>;
};

/** A name and address to ship to. */
export type CheckoutShippingDetails = {
  __typename?: 'CheckoutShippingDetails';
  /** Where the shipment goes. */
  address?: Maybe<CheckoutPostalAddress>;
  /** Who receives the shipment. */
  name?: Maybe<Scalars['String']['output']>;
};

/** A shipping rate offered. */
export type CheckoutShippingOption = {
  __typename?: 'CheckoutShippingOption';
  /** What the rate costs. */
  shippingAmount?: Maybe<CheckoutMoney>;
  /** The provider's shipping rate id. */
  shippingRateId?: Maybe<Scalars['ID']['output']>;
};

/** The wording of the submit button. */
export type CheckoutSubmitType =
  /** Chosen by Stripe. */
  | 'AUTO'
  /** Book. */
  | 'BOOK'
  /** Donate. */
  | 'DONATE'
  /** Pay. */
  | 'PAY'
  /** Subscribe. */
  | 'SUBSCRIBE'
  /** A value this subgraph does not know yet. */
  | 'UNKNOWN';

/** An amount of tax at one rate. */
export type CheckoutTaxAmount = {
  __typename?: 'CheckoutTaxAmount';
  /** The tax charged at this rate. */
  amount?: Maybe<CheckoutMoney>;
  /** The rate applied. */
  rate?: Maybe<CheckoutTaxRate>;
  /** Why this tax applies, in Stripe's words (standard_rated, reverse_charge, ...; a growing list kept as a string). */
  taxabilityReason?: Maybe<Scalars['String']['output']>;
  /** The amount the tax was calculated on. */
  taxableAmount?: Maybe<CheckoutMoney>;
};

/** A customer's tax exemption. */
export type CheckoutTaxExempt =
  /** The customer is exempt from tax. */
  | 'EXEMPT'
  /** The customer is not exempt. */
  | 'NONE'
  /** Reverse charge applies. */
  | 'REVERSE'
  /** A value this subgraph does not know yet. */
  | 'UNKNOWN';

/** A tax id the customer gave. */
export type CheckoutTaxId = {
  __typename?: 'CheckoutTaxId';
  /** Stripe's tax id type, e.g. eu_vat, gb_vat, us_ein (a long, growing list, kept as a string). */
  type: Scalars['String']['output'];
  /** The tax id itself, e.g. DE123456789. */
  value?: Maybe<Scalars['String']['output']>;
};

/** Whether Checkout collected tax ids. */
export type CheckoutTaxIdCollection = {
  __typename?: 'CheckoutTaxIdCollection';
  /** True when Checkout collected tax ids. */
  enabled: Scalars['Boolean']['output'];
  /** Whether a tax id was required. */
  required?: Maybe<CheckoutTaxIdRequirement>;
};

/** Whether a tax id is required. */
export type CheckoutTaxIdRequirement =
  /** Required where the customer's country supports tax ids. */
  | 'IF_SUPPORTED'
  /** Never required. */
  | 'NEVER'
  /** A value this subgraph does not know yet. */
  | 'UNKNOWN';

/** The account liable for tax, or for issuing an invoice. */
export type CheckoutTaxLiability = {
  __typename?: 'CheckoutTaxLiability';
  /** The connected account, when type is ACCOUNT. */
  accountId?: Maybe<Scalars['ID']['output']>;
  /** Whether the liable account is a connected account or the platform itself. */
  type?: Maybe<CheckoutLiabilityType>;
};

/** A tax rate. */
export type CheckoutTaxRate = {
  __typename?: 'CheckoutTaxRate';
  /** Two-letter ISO country code. */
  country?: Maybe<Scalars['String']['output']>;
  /** The name shown to the customer, e.g. VAT. */
  displayName?: Maybe<Scalars['String']['output']>;
  /** The provider's tax rate id. */
  id?: Maybe<Scalars['ID']['output']>;
  /** Whether the rate is included in the price. */
  inclusive?: Maybe<Scalars['Boolean']['output']>;
  /** Where the tax applies, e.g. a country or state. */
  jurisdiction?: Maybe<Scalars['String']['output']>;
  /** The rate in percent, e.g. 19. */
  percentage?: Maybe<Scalars['Float']['output']>;
};

/** The customer's answer on the terms of service. */
export type CheckoutTermsOfServiceConsent =
  /** The customer accepted the terms of service. */
  | 'ACCEPTED'
  /** A value this subgraph does not know yet. */
  | 'UNKNOWN';

/** How a total breaks down into discounts and taxes. */
export type CheckoutTotalBreakdown = {
  __typename?: 'CheckoutTotalBreakdown';
  /** The amount each discount took off. [] when none. */
  discounts: Array<CheckoutDiscountAmount>;
  /** The tax charged at each rate. [] when none. */
  taxes: Array<CheckoutTaxAmount>;
};

/** How the total breaks down. */
export type CheckoutTotalDetails = {
  __typename?: 'CheckoutTotalDetails';
  /** The sum of all discounts. */
  amountDiscount?: Maybe<CheckoutMoney>;
  /** The shipping cost. */
  amountShipping?: Maybe<CheckoutMoney>;
  /** The sum of all taxes. */
  amountTax?: Maybe<CheckoutMoney>;
  /** Per discount and per tax rate. Stripe only: selecting it makes the session's one call ask Stripe to expand total_details.breakdown. */
  breakdown?: Maybe<CheckoutTotalBreakdown>;
};

/** How the checkout is presented. */
export type CheckoutUiMode =
  /** Built from Elements (custom before 2026). */
  | 'ELEMENTS'
  /** Embedded in the merchant's page (embedded before 2026). */
  | 'EMBEDDED_PAGE'
  /** A form. */
  | 'FORM'
  /** A page hosted by Stripe (hosted before 2026). */
  | 'HOSTED_PAGE'
  /** A value this subgraph does not know yet. */
  | 'UNKNOWN';

/** Who may make an update. */
export type CheckoutUpdatePermission =
  /** Only from the browser. */
  | 'CLIENT_ONLY'
  /** Only from the merchant's server. */
  | 'SERVER_ONLY'
  /** A value this subgraph does not know yet. */
  | 'UNKNOWN';

/** Wallet display settings. */
export type CheckoutWalletOptions = {
  __typename?: 'CheckoutWalletOptions';
  /** Whether Link shows. */
  linkDisplay?: Maybe<CheckoutAutoOrNever>;
};

export type Order = {
  __typename?: 'Order';
  id: Scalars['ID']['output'];
};

/** What a client can ask this subgraph for directly; a gateway also reaches sessions through other subgraphs' references. */
export type Query = {
  __typename?: 'Query';
  /** One checkout session by its provider's id: a Stripe id (cs_test_..., cs_live_...) or a Converge Gate id (8 to 64 characters of A-Z a-z 0-9 - _); the id's shape picks the provider. Null, with a NOT_FOUND error, when the provider has no such session. */
  checkoutSession?: Maybe<CheckoutSession>;
};


/** What a client can ask this subgraph for directly; a gateway also reaches sessions through other subgraphs' references. */
export type QueryCheckoutSessionArgs = {
  id: Scalars['ID']['input'];
};

/** What a client can be told as it happens, over GraphQL over SSE (POST /graphql with Accept: text/event-stream) or graphql-ws (graphql-transport-ws on /graphql). */
export type Subscription = {
  __typename?: 'Subscription';
  /** The session now, then again each time its status, payment status or amounts change; completes after a final payment state (expired, paid, or a delayed payment that failed). An unknown or malformed id gets its error and completes at once. */
  checkoutSessionUpdated: CheckoutSession;
};


/** What a client can be told as it happens, over GraphQL over SSE (POST /graphql with Accept: text/event-stream) or graphql-ws (graphql-transport-ws on /graphql). */
export type SubscriptionCheckoutSessionUpdatedArgs = {
  id: Scalars['ID']['input'];
};



export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = {
  CheckoutSession: CheckoutSession;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  CheckoutSession:
    ( { __typename: 'CheckoutSession' }
    & GraphQLRecursivePick<FederationTypes['CheckoutSession'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  CheckoutAdjustableQuantity: ResolverTypeWrapper<CheckoutAdjustableQuantity>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  CheckoutAfterExpiration: ResolverTypeWrapper<CheckoutAfterExpiration>;
  CheckoutAutoOrHidden: CheckoutAutoOrHidden;
  CheckoutAutoOrNever: CheckoutAutoOrNever;
  CheckoutAutoOrNone: CheckoutAutoOrNone;
  CheckoutAutomaticTax: ResolverTypeWrapper<CheckoutAutomaticTax>;
  CheckoutAutomaticTaxStatus: CheckoutAutomaticTaxStatus;
  CheckoutBillingAddressCollection: CheckoutBillingAddressCollection;
  CheckoutBorderStyle: CheckoutBorderStyle;
  CheckoutBrandingImage: ResolverTypeWrapper<CheckoutBrandingImage>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  CheckoutBrandingSettings: ResolverTypeWrapper<CheckoutBrandingSettings>;
  CheckoutCollectedInformation: ResolverTypeWrapper<CheckoutCollectedInformation>;
  CheckoutConsent: ResolverTypeWrapper<CheckoutConsent>;
  CheckoutConsentCollection: ResolverTypeWrapper<CheckoutConsentCollection>;
  CheckoutCurrencyConversion: ResolverTypeWrapper<Omit<CheckoutCurrencyConversion, 'amountSubtotal' | 'amountTotal'> & { amountSubtotal?: Maybe<ResolversTypes['CheckoutMoney']>, amountTotal?: Maybe<ResolversTypes['CheckoutMoney']> }>;
  CheckoutCustomField: ResolverTypeWrapper<CheckoutCustomField>;
  CheckoutCustomFieldOption: ResolverTypeWrapper<CheckoutCustomFieldOption>;
  CheckoutCustomFieldType: CheckoutCustomFieldType;
  CheckoutCustomText: ResolverTypeWrapper<CheckoutCustomText>;
  CheckoutCustomer: ResolverTypeWrapper<CheckoutCustomer>;
  CheckoutCustomerCreation: CheckoutCustomerCreation;
  CheckoutCustomerDetails: ResolverTypeWrapper<CheckoutCustomerDetails>;
  CheckoutDiscount: ResolverTypeWrapper<CheckoutDiscount>;
  CheckoutDiscountAmount: ResolverTypeWrapper<Omit<CheckoutDiscountAmount, 'amount'> & { amount?: Maybe<ResolversTypes['CheckoutMoney']> }>;
  CheckoutEnabledOrDisabled: CheckoutEnabledOrDisabled;
  CheckoutEnabledSetting: ResolverTypeWrapper<CheckoutEnabledSetting>;
  CheckoutFee: ResolverTypeWrapper<Omit<CheckoutFee, 'amount'> & { amount?: Maybe<ResolversTypes['CheckoutMoney']> }>;
  CheckoutInvoiceCreation: ResolverTypeWrapper<CheckoutInvoiceCreation>;
  CheckoutInvoiceData: ResolverTypeWrapper<CheckoutInvoiceData>;
  CheckoutLiabilityType: CheckoutLiabilityType;
  CheckoutLineItem: ResolverTypeWrapper<Omit<CheckoutLineItem, 'amountDiscount' | 'amountSubtotal' | 'amountTax' | 'amountTotal' | 'discounts' | 'taxes' | 'unitAmount'> & { amountDiscount?: Maybe<ResolversTypes['CheckoutMoney']>, amountSubtotal?: Maybe<ResolversTypes['CheckoutMoney']>, amountTax?: Maybe<ResolversTypes['CheckoutMoney']>, amountTotal?: Maybe<ResolversTypes['CheckoutMoney']>, discounts?: Maybe<Array<ResolversTypes['CheckoutDiscountAmount']>>, taxes?: Maybe<Array<ResolversTypes['CheckoutTaxAmount']>>, unitAmount?: Maybe<ResolversTypes['CheckoutMoney']> }>;
  CheckoutMode: CheckoutMode;
  CheckoutMoney: ResolverTypeWrapper<MoneyModel>;
  CheckoutNameCollection: ResolverTypeWrapper<CheckoutNameCollection>;
  CheckoutNameValue: ResolverTypeWrapper<CheckoutNameValue>;
  CheckoutNoneOrRequired: CheckoutNoneOrRequired;
  CheckoutOptionalItem: ResolverTypeWrapper<CheckoutOptionalItem>;
  CheckoutOptionalSetting: ResolverTypeWrapper<CheckoutOptionalSetting>;
  CheckoutOriginContext: CheckoutOriginContext;
  CheckoutPaymentMethodCollection: CheckoutPaymentMethodCollection;
  CheckoutPaymentMethodConfigurationDetails: ResolverTypeWrapper<CheckoutPaymentMethodConfigurationDetails>;
  CheckoutPaymentProvider: CheckoutPaymentProvider;
  CheckoutPaymentStatus: CheckoutPaymentStatus;
  CheckoutPermissions: ResolverTypeWrapper<CheckoutPermissions>;
  CheckoutPostalAddress: ResolverTypeWrapper<CheckoutPostalAddress>;
  CheckoutPresentmentDetails: ResolverTypeWrapper<Omit<CheckoutPresentmentDetails, 'presentmentAmount'> & { presentmentAmount?: Maybe<ResolversTypes['CheckoutMoney']> }>;
  CheckoutPromotionsConsent: CheckoutPromotionsConsent;
  CheckoutRecovery: ResolverTypeWrapper<CheckoutRecovery>;
  CheckoutRedirectOnCompletion: CheckoutRedirectOnCompletion;
  CheckoutRedisplayFilter: CheckoutRedisplayFilter;
  CheckoutRefund: ResolverTypeWrapper<Omit<CheckoutRefund, 'amount'> & { amount: ResolversTypes['CheckoutMoney'] }>;
  CheckoutRefundReason: CheckoutRefundReason;
  CheckoutRefundStatus: CheckoutRefundStatus;
  CheckoutSavedPaymentMethodOptions: ResolverTypeWrapper<CheckoutSavedPaymentMethodOptions>;
  CheckoutSession: ResolverTypeWrapper<CheckoutSessionModel>;
  CheckoutSessionStatus: CheckoutSessionStatus;
  CheckoutSettlement: ResolverTypeWrapper<Omit<CheckoutSettlement, 'amount' | 'fee' | 'net'> & { amount: ResolversTypes['CheckoutMoney'], fee: ResolversTypes['CheckoutMoney'], net: ResolversTypes['CheckoutMoney'] }>;
  CheckoutShippingAddressCollection: ResolverTypeWrapper<CheckoutShippingAddressCollection>;
  CheckoutShippingCost: ResolverTypeWrapper<Omit<CheckoutShippingCost, 'amountSubtotal' | 'amountTax' | 'amountTotal'> & { amountSubtotal?: Maybe<ResolversTypes['CheckoutMoney']>, amountTax?: Maybe<ResolversTypes['CheckoutMoney']>, amountTotal?: Maybe<ResolversTypes['CheckoutMoney']> }>;
  CheckoutShippingDetails: ResolverTypeWrapper<CheckoutShippingDetails>;
  CheckoutShippingOption: ResolverTypeWrapper<Omit<CheckoutShippingOption, 'shippingAmount'> & { shippingAmount?: Maybe<ResolversTypes['CheckoutMoney']> }>;
  CheckoutSubmitType: CheckoutSubmitType;
  CheckoutTaxAmount: ResolverTypeWrapper<Omit<CheckoutTaxAmount, 'amount' | 'taxableAmount'> & { amount?: Maybe<ResolversTypes['CheckoutMoney']>, taxableAmount?: Maybe<ResolversTypes['CheckoutMoney']> }>;
  CheckoutTaxExempt: CheckoutTaxExempt;
  CheckoutTaxId: ResolverTypeWrapper<CheckoutTaxId>;
  CheckoutTaxIdCollection: ResolverTypeWrapper<CheckoutTaxIdCollection>;
  CheckoutTaxIdRequirement: CheckoutTaxIdRequirement;
  CheckoutTaxLiability: ResolverTypeWrapper<CheckoutTaxLiability>;
  CheckoutTaxRate: ResolverTypeWrapper<CheckoutTaxRate>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  CheckoutTermsOfServiceConsent: CheckoutTermsOfServiceConsent;
  CheckoutTotalBreakdown: ResolverTypeWrapper<Omit<CheckoutTotalBreakdown, 'discounts' | 'taxes'> & { discounts: Array<ResolversTypes['CheckoutDiscountAmount']>, taxes: Array<ResolversTypes['CheckoutTaxAmount']> }>;
  CheckoutTotalDetails: ResolverTypeWrapper<Omit<CheckoutTotalDetails, 'amountDiscount' | 'amountShipping' | 'amountTax' | 'breakdown'> & { amountDiscount?: Maybe<ResolversTypes['CheckoutMoney']>, amountShipping?: Maybe<ResolversTypes['CheckoutMoney']>, amountTax?: Maybe<ResolversTypes['CheckoutMoney']>, breakdown?: Maybe<ResolversTypes['CheckoutTotalBreakdown']> }>;
  CheckoutUiMode: CheckoutUiMode;
  CheckoutUpdatePermission: CheckoutUpdatePermission;
  CheckoutWalletOptions: ResolverTypeWrapper<CheckoutWalletOptions>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  JSONObject: ResolverTypeWrapper<Scalars['JSONObject']['output']>;
  Order: ResolverTypeWrapper<{ id: string }>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  SafeInt: ResolverTypeWrapper<Scalars['SafeInt']['output']>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  CheckoutAdjustableQuantity: CheckoutAdjustableQuantity;
  Boolean: Scalars['Boolean']['output'];
  Int: Scalars['Int']['output'];
  CheckoutAfterExpiration: CheckoutAfterExpiration;
  CheckoutAutomaticTax: CheckoutAutomaticTax;
  CheckoutBrandingImage: CheckoutBrandingImage;
  ID: Scalars['ID']['output'];
  String: Scalars['String']['output'];
  CheckoutBrandingSettings: CheckoutBrandingSettings;
  CheckoutCollectedInformation: CheckoutCollectedInformation;
  CheckoutConsent: CheckoutConsent;
  CheckoutConsentCollection: CheckoutConsentCollection;
  CheckoutCurrencyConversion: Omit<CheckoutCurrencyConversion, 'amountSubtotal' | 'amountTotal'> & { amountSubtotal?: Maybe<ResolversParentTypes['CheckoutMoney']>, amountTotal?: Maybe<ResolversParentTypes['CheckoutMoney']> };
  CheckoutCustomField: CheckoutCustomField;
  CheckoutCustomFieldOption: CheckoutCustomFieldOption;
  CheckoutCustomText: CheckoutCustomText;
  CheckoutCustomer: CheckoutCustomer;
  CheckoutCustomerDetails: CheckoutCustomerDetails;
  CheckoutDiscount: CheckoutDiscount;
  CheckoutDiscountAmount: Omit<CheckoutDiscountAmount, 'amount'> & { amount?: Maybe<ResolversParentTypes['CheckoutMoney']> };
  CheckoutEnabledSetting: CheckoutEnabledSetting;
  CheckoutFee: Omit<CheckoutFee, 'amount'> & { amount?: Maybe<ResolversParentTypes['CheckoutMoney']> };
  CheckoutInvoiceCreation: CheckoutInvoiceCreation;
  CheckoutInvoiceData: CheckoutInvoiceData;
  CheckoutLineItem: Omit<CheckoutLineItem, 'amountDiscount' | 'amountSubtotal' | 'amountTax' | 'amountTotal' | 'discounts' | 'taxes' | 'unitAmount'> & { amountDiscount?: Maybe<ResolversParentTypes['CheckoutMoney']>, amountSubtotal?: Maybe<ResolversParentTypes['CheckoutMoney']>, amountTax?: Maybe<ResolversParentTypes['CheckoutMoney']>, amountTotal?: Maybe<ResolversParentTypes['CheckoutMoney']>, discounts?: Maybe<Array<ResolversParentTypes['CheckoutDiscountAmount']>>, taxes?: Maybe<Array<ResolversParentTypes['CheckoutTaxAmount']>>, unitAmount?: Maybe<ResolversParentTypes['CheckoutMoney']> };
  CheckoutMoney: MoneyModel;
  CheckoutNameCollection: CheckoutNameCollection;
  CheckoutNameValue: CheckoutNameValue;
  CheckoutOptionalItem: CheckoutOptionalItem;
  CheckoutOptionalSetting: CheckoutOptionalSetting;
  CheckoutPaymentMethodConfigurationDetails: CheckoutPaymentMethodConfigurationDetails;
  CheckoutPermissions: CheckoutPermissions;
  CheckoutPostalAddress: CheckoutPostalAddress;
  CheckoutPresentmentDetails: Omit<CheckoutPresentmentDetails, 'presentmentAmount'> & { presentmentAmount?: Maybe<ResolversParentTypes['CheckoutMoney']> };
  CheckoutRecovery: CheckoutRecovery;
  CheckoutRefund: Omit<CheckoutRefund, 'amount'> & { amount: ResolversParentTypes['CheckoutMoney'] };
  CheckoutSavedPaymentMethodOptions: CheckoutSavedPaymentMethodOptions;
  CheckoutSession: CheckoutSessionModel;
  CheckoutSettlement: Omit<CheckoutSettlement, 'amount' | 'fee' | 'net'> & { amount: ResolversParentTypes['CheckoutMoney'], fee: ResolversParentTypes['CheckoutMoney'], net: ResolversParentTypes['CheckoutMoney'] };
  CheckoutShippingAddressCollection: CheckoutShippingAddressCollection;
  CheckoutShippingCost: Omit<CheckoutShippingCost, 'amountSubtotal' | 'amountTax' | 'amountTotal'> & { amountSubtotal?: Maybe<ResolversParentTypes['CheckoutMoney']>, amountTax?: Maybe<ResolversParentTypes['CheckoutMoney']>, amountTotal?: Maybe<ResolversParentTypes['CheckoutMoney']> };
  CheckoutShippingDetails: CheckoutShippingDetails;
  CheckoutShippingOption: Omit<CheckoutShippingOption, 'shippingAmount'> & { shippingAmount?: Maybe<ResolversParentTypes['CheckoutMoney']> };
  CheckoutTaxAmount: Omit<CheckoutTaxAmount, 'amount' | 'taxableAmount'> & { amount?: Maybe<ResolversParentTypes['CheckoutMoney']>, taxableAmount?: Maybe<ResolversParentTypes['CheckoutMoney']> };
  CheckoutTaxId: CheckoutTaxId;
  CheckoutTaxIdCollection: CheckoutTaxIdCollection;
  CheckoutTaxLiability: CheckoutTaxLiability;
  CheckoutTaxRate: CheckoutTaxRate;
  Float: Scalars['Float']['output'];
  CheckoutTotalBreakdown: Omit<CheckoutTotalBreakdown, 'discounts' | 'taxes'> & { discounts: Array<ResolversParentTypes['CheckoutDiscountAmount']>, taxes: Array<ResolversParentTypes['CheckoutTaxAmount']> };
  CheckoutTotalDetails: Omit<CheckoutTotalDetails, 'amountDiscount' | 'amountShipping' | 'amountTax' | 'breakdown'> & { amountDiscount?: Maybe<ResolversParentTypes['CheckoutMoney']>, amountShipping?: Maybe<ResolversParentTypes['CheckoutMoney']>, amountTax?: Maybe<ResolversParentTypes['CheckoutMoney']>, breakdown?: Maybe<ResolversParentTypes['CheckoutTotalBreakdown']> };
  CheckoutWalletOptions: CheckoutWalletOptions;
  DateTime: Scalars['DateTime']['output'];
  JSONObject: Scalars['JSONObject']['output'];
  Order: { id: string };
  Query: Record<PropertyKey, never>;
  SafeInt: Scalars['SafeInt']['output'];
  Subscription: Record<PropertyKey, never>;
};

export type CheckoutAdjustableQuantityResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutAdjustableQuantity'] = ResolversParentTypes['CheckoutAdjustableQuantity']> = {
  enabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  maximum?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  minimum?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type CheckoutAfterExpirationResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutAfterExpiration'] = ResolversParentTypes['CheckoutAfterExpiration']> = {
  recovery?: Resolver<Maybe<ResolversTypes['CheckoutRecovery']>, ParentType, ContextType>;
};

export type CheckoutAutomaticTaxResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutAutomaticTax'] = ResolversParentTypes['CheckoutAutomaticTax']> = {
  enabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  liability?: Resolver<Maybe<ResolversTypes['CheckoutTaxLiability']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['CheckoutAutomaticTaxStatus']>, ParentType, ContextType>;
};

export type CheckoutBrandingImageResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutBrandingImage'] = ResolversParentTypes['CheckoutBrandingImage']> = {
  fileId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  url?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type CheckoutBrandingSettingsResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutBrandingSettings'] = ResolversParentTypes['CheckoutBrandingSettings']> = {
  backgroundColor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  borderStyle?: Resolver<Maybe<ResolversTypes['CheckoutBorderStyle']>, ParentType, ContextType>;
  buttonColor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  displayName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  fontFamily?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  icon?: Resolver<Maybe<ResolversTypes['CheckoutBrandingImage']>, ParentType, ContextType>;
  logo?: Resolver<Maybe<ResolversTypes['CheckoutBrandingImage']>, ParentType, ContextType>;
};

export type CheckoutCollectedInformationResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutCollectedInformation'] = ResolversParentTypes['CheckoutCollectedInformation']> = {
  businessName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  individualName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  shippingDetails?: Resolver<Maybe<ResolversTypes['CheckoutShippingDetails']>, ParentType, ContextType>;
};

export type CheckoutConsentResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutConsent'] = ResolversParentTypes['CheckoutConsent']> = {
  promotions?: Resolver<Maybe<ResolversTypes['CheckoutPromotionsConsent']>, ParentType, ContextType>;
  termsOfService?: Resolver<Maybe<ResolversTypes['CheckoutTermsOfServiceConsent']>, ParentType, ContextType>;
};

export type CheckoutConsentCollectionResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutConsentCollection'] = ResolversParentTypes['CheckoutConsentCollection']> = {
  paymentMethodReuseAgreementPosition?: Resolver<Maybe<ResolversTypes['CheckoutAutoOrHidden']>, ParentType, ContextType>;
  promotions?: Resolver<Maybe<ResolversTypes['CheckoutAutoOrNone']>, ParentType, ContextType>;
  termsOfService?: Resolver<Maybe<ResolversTypes['CheckoutNoneOrRequired']>, ParentType, ContextType>;
};

export type CheckoutCurrencyConversionResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutCurrencyConversion'] = ResolversParentTypes['CheckoutCurrencyConversion']> = {
  amountSubtotal?: Resolver<Maybe<ResolversTypes['CheckoutMoney']>, ParentType, ContextType>;
  amountTotal?: Resolver<Maybe<ResolversTypes['CheckoutMoney']>, ParentType, ContextType>;
  fxRate?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  sourceCurrency?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type CheckoutCustomFieldResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutCustomField'] = ResolversParentTypes['CheckoutCustomField']> = {
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  label?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  maximumLength?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  minimumLength?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  optional?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  options?: Resolver<Array<ResolversTypes['CheckoutCustomFieldOption']>, ParentType, ContextType>;
  type?: Resolver<Maybe<ResolversTypes['CheckoutCustomFieldType']>, ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type CheckoutCustomFieldOptionResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutCustomFieldOption'] = ResolversParentTypes['CheckoutCustomFieldOption']> = {
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CheckoutCustomTextResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutCustomText'] = ResolversParentTypes['CheckoutCustomText']> = {
  afterSubmit?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  shippingAddress?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  submit?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  termsOfServiceAcceptance?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type CheckoutCustomerResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutCustomer'] = ResolversParentTypes['CheckoutCustomer']> = {
  address?: Resolver<Maybe<ResolversTypes['CheckoutPostalAddress']>, ParentType, ContextType>;
  email?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  firstName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  ipAddress?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type CheckoutCustomerDetailsResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutCustomerDetails'] = ResolversParentTypes['CheckoutCustomerDetails']> = {
  address?: Resolver<Maybe<ResolversTypes['CheckoutPostalAddress']>, ParentType, ContextType>;
  businessName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  email?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  individualName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  taxExempt?: Resolver<Maybe<ResolversTypes['CheckoutTaxExempt']>, ParentType, ContextType>;
  taxIds?: Resolver<Array<ResolversTypes['CheckoutTaxId']>, ParentType, ContextType>;
};

export type CheckoutDiscountResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutDiscount'] = ResolversParentTypes['CheckoutDiscount']> = {
  couponId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  promotionCodeId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
};

export type CheckoutDiscountAmountResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutDiscountAmount'] = ResolversParentTypes['CheckoutDiscountAmount']> = {
  amount?: Resolver<Maybe<ResolversTypes['CheckoutMoney']>, ParentType, ContextType>;
  couponId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  discountId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  promotionCodeId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
};

export type CheckoutEnabledSettingResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutEnabledSetting'] = ResolversParentTypes['CheckoutEnabledSetting']> = {
  enabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type CheckoutFeeResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutFee'] = ResolversParentTypes['CheckoutFee']> = {
  amount?: Resolver<Maybe<ResolversTypes['CheckoutMoney']>, ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  type?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type CheckoutInvoiceCreationResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutInvoiceCreation'] = ResolversParentTypes['CheckoutInvoiceCreation']> = {
  enabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  invoiceData?: Resolver<Maybe<ResolversTypes['CheckoutInvoiceData']>, ParentType, ContextType>;
};

export type CheckoutInvoiceDataResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutInvoiceData'] = ResolversParentTypes['CheckoutInvoiceData']> = {
  accountTaxIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  amountTaxDisplay?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  customFields?: Resolver<Array<ResolversTypes['CheckoutNameValue']>, ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  footer?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  issuer?: Resolver<Maybe<ResolversTypes['CheckoutTaxLiability']>, ParentType, ContextType>;
  metadata?: Resolver<ResolversTypes['JSONObject'], ParentType, ContextType>;
};

export type CheckoutLineItemResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutLineItem'] = ResolversParentTypes['CheckoutLineItem']> = {
  amountDiscount?: Resolver<Maybe<ResolversTypes['CheckoutMoney']>, ParentType, ContextType>;
  amountSubtotal?: Resolver<Maybe<ResolversTypes['CheckoutMoney']>, ParentType, ContextType>;
  amountTax?: Resolver<Maybe<ResolversTypes['CheckoutMoney']>, ParentType, ContextType>;
  amountTotal?: Resolver<Maybe<ResolversTypes['CheckoutMoney']>, ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  discounts?: Resolver<Maybe<Array<ResolversTypes['CheckoutDiscountAmount']>>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  priceId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  productId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  productName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  quantity?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  taxes?: Resolver<Maybe<Array<ResolversTypes['CheckoutTaxAmount']>>, ParentType, ContextType>;
  unitAmount?: Resolver<Maybe<ResolversTypes['CheckoutMoney']>, ParentType, ContextType>;
};

export type CheckoutMoneyResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutMoney'] = ResolversParentTypes['CheckoutMoney']> = {
  amount?: Resolver<ResolversTypes['SafeInt'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  decimal?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CheckoutNameCollectionResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutNameCollection'] = ResolversParentTypes['CheckoutNameCollection']> = {
  business?: Resolver<Maybe<ResolversTypes['CheckoutOptionalSetting']>, ParentType, ContextType>;
  individual?: Resolver<Maybe<ResolversTypes['CheckoutOptionalSetting']>, ParentType, ContextType>;
};

export type CheckoutNameValueResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutNameValue'] = ResolversParentTypes['CheckoutNameValue']> = {
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CheckoutOptionalItemResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutOptionalItem'] = ResolversParentTypes['CheckoutOptionalItem']> = {
  adjustableQuantity?: Resolver<Maybe<ResolversTypes['CheckoutAdjustableQuantity']>, ParentType, ContextType>;
  priceId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  quantity?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type CheckoutOptionalSettingResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutOptionalSetting'] = ResolversParentTypes['CheckoutOptionalSetting']> = {
  enabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  optional?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type CheckoutPaymentMethodConfigurationDetailsResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutPaymentMethodConfigurationDetails'] = ResolversParentTypes['CheckoutPaymentMethodConfigurationDetails']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  parentId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
};

export type CheckoutPermissionsResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutPermissions'] = ResolversParentTypes['CheckoutPermissions']> = {
  updateShippingDetails?: Resolver<Maybe<ResolversTypes['CheckoutUpdatePermission']>, ParentType, ContextType>;
};

export type CheckoutPostalAddressResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutPostalAddress'] = ResolversParentTypes['CheckoutPostalAddress']> = {
  city?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  country?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  line1?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  line2?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  postalCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  state?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type CheckoutPresentmentDetailsResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutPresentmentDetails'] = ResolversParentTypes['CheckoutPresentmentDetails']> = {
  presentmentAmount?: Resolver<Maybe<ResolversTypes['CheckoutMoney']>, ParentType, ContextType>;
};

export type CheckoutRecoveryResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutRecovery'] = ResolversParentTypes['CheckoutRecovery']> = {
  allowPromotionCodes?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  enabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  url?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type CheckoutRefundResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutRefund'] = ResolversParentTypes['CheckoutRefund']> = {
  amount?: Resolver<ResolversTypes['CheckoutMoney'], ParentType, ContextType>;
  createdAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['CheckoutRefundReason']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['CheckoutRefundStatus']>, ParentType, ContextType>;
};

export type CheckoutSavedPaymentMethodOptionsResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutSavedPaymentMethodOptions'] = ResolversParentTypes['CheckoutSavedPaymentMethodOptions']> = {
  allowRedisplayFilters?: Resolver<Array<ResolversTypes['CheckoutRedisplayFilter']>, ParentType, ContextType>;
  paymentMethodRemove?: Resolver<Maybe<ResolversTypes['CheckoutEnabledOrDisabled']>, ParentType, ContextType>;
  paymentMethodSave?: Resolver<Maybe<ResolversTypes['CheckoutEnabledOrDisabled']>, ParentType, ContextType>;
};

export type CheckoutSessionResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutSession'] = ResolversParentTypes['CheckoutSession'], FederationReferenceType extends FederationReferenceTypes['CheckoutSession'] = FederationReferenceTypes['CheckoutSession']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['CheckoutSession']> | FederationReferenceType, FederationReferenceType, ContextType>;
  adaptivePricing?: Resolver<Maybe<ResolversTypes['CheckoutEnabledSetting']>, ParentType, ContextType>;
  afterExpiration?: Resolver<Maybe<ResolversTypes['CheckoutAfterExpiration']>, ParentType, ContextType>;
  allowPromotionCodes?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  amountRefunded?: Resolver<Maybe<ResolversTypes['CheckoutMoney']>, ParentType, ContextType>;
  amountSubtotal?: Resolver<Maybe<ResolversTypes['CheckoutMoney']>, ParentType, ContextType>;
  amountTotal?: Resolver<Maybe<ResolversTypes['CheckoutMoney']>, ParentType, ContextType>;
  automaticTax?: Resolver<Maybe<ResolversTypes['CheckoutAutomaticTax']>, ParentType, ContextType>;
  billingAddressCollection?: Resolver<Maybe<ResolversTypes['CheckoutBillingAddressCollection']>, ParentType, ContextType>;
  brandingSettings?: Resolver<Maybe<ResolversTypes['CheckoutBrandingSettings']>, ParentType, ContextType>;
  cancelUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  clientReferenceId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  collectedInformation?: Resolver<Maybe<ResolversTypes['CheckoutCollectedInformation']>, ParentType, ContextType>;
  consent?: Resolver<Maybe<ResolversTypes['CheckoutConsent']>, ParentType, ContextType>;
  consentCollection?: Resolver<Maybe<ResolversTypes['CheckoutConsentCollection']>, ParentType, ContextType>;
  createdAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  currency?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  currencyConversion?: Resolver<Maybe<ResolversTypes['CheckoutCurrencyConversion']>, ParentType, ContextType>;
  customFields?: Resolver<Array<ResolversTypes['CheckoutCustomField']>, ParentType, ContextType>;
  customText?: Resolver<Maybe<ResolversTypes['CheckoutCustomText']>, ParentType, ContextType>;
  customer?: Resolver<Maybe<ResolversTypes['CheckoutCustomer']>, ParentType, ContextType>;
  customerAccountId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  customerCreation?: Resolver<Maybe<ResolversTypes['CheckoutCustomerCreation']>, ParentType, ContextType>;
  customerDetails?: Resolver<Maybe<ResolversTypes['CheckoutCustomerDetails']>, ParentType, ContextType>;
  customerId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  discounts?: Resolver<Array<ResolversTypes['CheckoutDiscount']>, ParentType, ContextType>;
  excludedPaymentMethodTypes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  fees?: Resolver<Maybe<Array<ResolversTypes['CheckoutFee']>>, ParentType, ContextType>;
  fetchedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  integrationIdentifier?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  invoiceCreation?: Resolver<Maybe<ResolversTypes['CheckoutInvoiceCreation']>, ParentType, ContextType>;
  invoiceId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  lineItems?: Resolver<Maybe<Array<ResolversTypes['CheckoutLineItem']>>, ParentType, ContextType>;
  livemode?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  locale?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  managedPayments?: Resolver<Maybe<ResolversTypes['CheckoutEnabledSetting']>, ParentType, ContextType>;
  metadata?: Resolver<ResolversTypes['JSONObject'], ParentType, ContextType>;
  mode?: Resolver<Maybe<ResolversTypes['CheckoutMode']>, ParentType, ContextType>;
  nameCollection?: Resolver<Maybe<ResolversTypes['CheckoutNameCollection']>, ParentType, ContextType>;
  optionalItems?: Resolver<Array<ResolversTypes['CheckoutOptionalItem']>, ParentType, ContextType>;
  order?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType>;
  originContext?: Resolver<Maybe<ResolversTypes['CheckoutOriginContext']>, ParentType, ContextType>;
  paymentIntentId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  paymentLinkId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  paymentMethodCollection?: Resolver<Maybe<ResolversTypes['CheckoutPaymentMethodCollection']>, ParentType, ContextType>;
  paymentMethodConfigurationDetails?: Resolver<Maybe<ResolversTypes['CheckoutPaymentMethodConfigurationDetails']>, ParentType, ContextType>;
  paymentMethodOptions?: Resolver<Maybe<ResolversTypes['JSONObject']>, ParentType, ContextType>;
  paymentMethodTypes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  paymentStatus?: Resolver<Maybe<ResolversTypes['CheckoutPaymentStatus']>, ParentType, ContextType>;
  permissions?: Resolver<Maybe<ResolversTypes['CheckoutPermissions']>, ParentType, ContextType>;
  phoneNumberCollection?: Resolver<Maybe<ResolversTypes['CheckoutEnabledSetting']>, ParentType, ContextType>;
  presentmentDetails?: Resolver<Maybe<ResolversTypes['CheckoutPresentmentDetails']>, ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['CheckoutPaymentProvider'], ParentType, ContextType>;
  recoveredFromId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  redirectOnCompletion?: Resolver<Maybe<ResolversTypes['CheckoutRedirectOnCompletion']>, ParentType, ContextType>;
  refunded?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  refunds?: Resolver<Maybe<Array<ResolversTypes['CheckoutRefund']>>, ParentType, ContextType>;
  returnUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  savedPaymentMethodOptions?: Resolver<Maybe<ResolversTypes['CheckoutSavedPaymentMethodOptions']>, ParentType, ContextType>;
  settlement?: Resolver<Maybe<ResolversTypes['CheckoutSettlement']>, ParentType, ContextType>;
  setupIntentId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  shippingAddressCollection?: Resolver<Maybe<ResolversTypes['CheckoutShippingAddressCollection']>, ParentType, ContextType>;
  shippingCost?: Resolver<Maybe<ResolversTypes['CheckoutShippingCost']>, ParentType, ContextType>;
  shippingOptions?: Resolver<Array<ResolversTypes['CheckoutShippingOption']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['CheckoutSessionStatus']>, ParentType, ContextType>;
  submitType?: Resolver<Maybe<ResolversTypes['CheckoutSubmitType']>, ParentType, ContextType>;
  subscriptionId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  successUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  taxIdCollection?: Resolver<Maybe<ResolversTypes['CheckoutTaxIdCollection']>, ParentType, ContextType>;
  totalDetails?: Resolver<Maybe<ResolversTypes['CheckoutTotalDetails']>, ParentType, ContextType>;
  uiMode?: Resolver<Maybe<ResolversTypes['CheckoutUiMode']>, ParentType, ContextType>;
  url?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  walletOptions?: Resolver<Maybe<ResolversTypes['CheckoutWalletOptions']>, ParentType, ContextType>;
};

export type CheckoutSettlementResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutSettlement'] = ResolversParentTypes['CheckoutSettlement']> = {
  amount?: Resolver<ResolversTypes['CheckoutMoney'], ParentType, ContextType>;
  availableOn?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  fee?: Resolver<ResolversTypes['CheckoutMoney'], ParentType, ContextType>;
  net?: Resolver<ResolversTypes['CheckoutMoney'], ParentType, ContextType>;
};

export type CheckoutShippingAddressCollectionResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutShippingAddressCollection'] = ResolversParentTypes['CheckoutShippingAddressCollection']> = {
  allowedCountries?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type CheckoutShippingCostResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutShippingCost'] = ResolversParentTypes['CheckoutShippingCost']> = {
  amountSubtotal?: Resolver<Maybe<ResolversTypes['CheckoutMoney']>, ParentType, ContextType>;
  amountTax?: Resolver<Maybe<ResolversTypes['CheckoutMoney']>, ParentType, ContextType>;
  amountTotal?: Resolver<Maybe<ResolversTypes['CheckoutMoney']>, ParentType, ContextType>;
  shippingRateId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
};

export type CheckoutShippingDetailsResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutShippingDetails'] = ResolversParentTypes['CheckoutShippingDetails']> = {
  address?: Resolver<Maybe<ResolversTypes['CheckoutPostalAddress']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type CheckoutShippingOptionResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutShippingOption'] = ResolversParentTypes['CheckoutShippingOption']> = {
  shippingAmount?: Resolver<Maybe<ResolversTypes['CheckoutMoney']>, ParentType, ContextType>;
  shippingRateId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
};

export type CheckoutTaxAmountResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutTaxAmount'] = ResolversParentTypes['CheckoutTaxAmount']> = {
  amount?: Resolver<Maybe<ResolversTypes['CheckoutMoney']>, ParentType, ContextType>;
  rate?: Resolver<Maybe<ResolversTypes['CheckoutTaxRate']>, ParentType, ContextType>;
  taxabilityReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  taxableAmount?: Resolver<Maybe<ResolversTypes['CheckoutMoney']>, ParentType, ContextType>;
};

export type CheckoutTaxIdResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutTaxId'] = ResolversParentTypes['CheckoutTaxId']> = {
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type CheckoutTaxIdCollectionResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutTaxIdCollection'] = ResolversParentTypes['CheckoutTaxIdCollection']> = {
  enabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  required?: Resolver<Maybe<ResolversTypes['CheckoutTaxIdRequirement']>, ParentType, ContextType>;
};

export type CheckoutTaxLiabilityResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutTaxLiability'] = ResolversParentTypes['CheckoutTaxLiability']> = {
  accountId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  type?: Resolver<Maybe<ResolversTypes['CheckoutLiabilityType']>, ParentType, ContextType>;
};

export type CheckoutTaxRateResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutTaxRate'] = ResolversParentTypes['CheckoutTaxRate']> = {
  country?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  displayName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  inclusive?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  jurisdiction?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  percentage?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
};

export type CheckoutTotalBreakdownResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutTotalBreakdown'] = ResolversParentTypes['CheckoutTotalBreakdown']> = {
  discounts?: Resolver<Array<ResolversTypes['CheckoutDiscountAmount']>, ParentType, ContextType>;
  taxes?: Resolver<Array<ResolversTypes['CheckoutTaxAmount']>, ParentType, ContextType>;
};

export type CheckoutTotalDetailsResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutTotalDetails'] = ResolversParentTypes['CheckoutTotalDetails']> = {
  amountDiscount?: Resolver<Maybe<ResolversTypes['CheckoutMoney']>, ParentType, ContextType>;
  amountShipping?: Resolver<Maybe<ResolversTypes['CheckoutMoney']>, ParentType, ContextType>;
  amountTax?: Resolver<Maybe<ResolversTypes['CheckoutMoney']>, ParentType, ContextType>;
  breakdown?: Resolver<Maybe<ResolversTypes['CheckoutTotalBreakdown']>, ParentType, ContextType>;
};

export type CheckoutWalletOptionsResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CheckoutWalletOptions'] = ResolversParentTypes['CheckoutWalletOptions']> = {
  linkDisplay?: Resolver<Maybe<ResolversTypes['CheckoutAutoOrNever']>, ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export interface JsonObjectScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSONObject'], any> {
  name: 'JSONObject';
}

export type OrderResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Order'] = ResolversParentTypes['Order']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  checkoutSession?: Resolver<Maybe<ResolversTypes['CheckoutSession']>, ParentType, ContextType, RequireFields<QueryCheckoutSessionArgs, 'id'>>;
};

export interface SafeIntScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['SafeInt'], any> {
  name: 'SafeInt';
}

export type SubscriptionResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  checkoutSessionUpdated?: SubscriptionResolver<ResolversTypes['CheckoutSession'], "checkoutSessionUpdated", ParentType, ContextType, RequireFields<SubscriptionCheckoutSessionUpdatedArgs, 'id'>>;
};

export type Resolvers<ContextType = RequestContext> = {
  CheckoutAdjustableQuantity?: CheckoutAdjustableQuantityResolvers<ContextType>;
  CheckoutAfterExpiration?: CheckoutAfterExpirationResolvers<ContextType>;
  CheckoutAutomaticTax?: CheckoutAutomaticTaxResolvers<ContextType>;
  CheckoutBrandingImage?: CheckoutBrandingImageResolvers<ContextType>;
  CheckoutBrandingSettings?: CheckoutBrandingSettingsResolvers<ContextType>;
  CheckoutCollectedInformation?: CheckoutCollectedInformationResolvers<ContextType>;
  CheckoutConsent?: CheckoutConsentResolvers<ContextType>;
  CheckoutConsentCollection?: CheckoutConsentCollectionResolvers<ContextType>;
  CheckoutCurrencyConversion?: CheckoutCurrencyConversionResolvers<ContextType>;
  CheckoutCustomField?: CheckoutCustomFieldResolvers<ContextType>;
  CheckoutCustomFieldOption?: CheckoutCustomFieldOptionResolvers<ContextType>;
  CheckoutCustomText?: CheckoutCustomTextResolvers<ContextType>;
  CheckoutCustomer?: CheckoutCustomerResolvers<ContextType>;
  CheckoutCustomerDetails?: CheckoutCustomerDetailsResolvers<ContextType>;
  CheckoutDiscount?: CheckoutDiscountResolvers<ContextType>;
  CheckoutDiscountAmount?: CheckoutDiscountAmountResolvers<ContextType>;
  CheckoutEnabledSetting?: CheckoutEnabledSettingResolvers<ContextType>;
  CheckoutFee?: CheckoutFeeResolvers<ContextType>;
  CheckoutInvoiceCreation?: CheckoutInvoiceCreationResolvers<ContextType>;
  CheckoutInvoiceData?: CheckoutInvoiceDataResolvers<ContextType>;
  CheckoutLineItem?: CheckoutLineItemResolvers<ContextType>;
  CheckoutMoney?: CheckoutMoneyResolvers<ContextType>;
  CheckoutNameCollection?: CheckoutNameCollectionResolvers<ContextType>;
  CheckoutNameValue?: CheckoutNameValueResolvers<ContextType>;
  CheckoutOptionalItem?: CheckoutOptionalItemResolvers<ContextType>;
  CheckoutOptionalSetting?: CheckoutOptionalSettingResolvers<ContextType>;
  CheckoutPaymentMethodConfigurationDetails?: CheckoutPaymentMethodConfigurationDetailsResolvers<ContextType>;
  CheckoutPermissions?: CheckoutPermissionsResolvers<ContextType>;
  CheckoutPostalAddress?: CheckoutPostalAddressResolvers<ContextType>;
  CheckoutPresentmentDetails?: CheckoutPresentmentDetailsResolvers<ContextType>;
  CheckoutRecovery?: CheckoutRecoveryResolvers<ContextType>;
  CheckoutRefund?: CheckoutRefundResolvers<ContextType>;
  CheckoutSavedPaymentMethodOptions?: CheckoutSavedPaymentMethodOptionsResolvers<ContextType>;
  CheckoutSession?: CheckoutSessionResolvers<ContextType>;
  CheckoutSettlement?: CheckoutSettlementResolvers<ContextType>;
  CheckoutShippingAddressCollection?: CheckoutShippingAddressCollectionResolvers<ContextType>;
  CheckoutShippingCost?: CheckoutShippingCostResolvers<ContextType>;
  CheckoutShippingDetails?: CheckoutShippingDetailsResolvers<ContextType>;
  CheckoutShippingOption?: CheckoutShippingOptionResolvers<ContextType>;
  CheckoutTaxAmount?: CheckoutTaxAmountResolvers<ContextType>;
  CheckoutTaxId?: CheckoutTaxIdResolvers<ContextType>;
  CheckoutTaxIdCollection?: CheckoutTaxIdCollectionResolvers<ContextType>;
  CheckoutTaxLiability?: CheckoutTaxLiabilityResolvers<ContextType>;
  CheckoutTaxRate?: CheckoutTaxRateResolvers<ContextType>;
  CheckoutTotalBreakdown?: CheckoutTotalBreakdownResolvers<ContextType>;
  CheckoutTotalDetails?: CheckoutTotalDetailsResolvers<ContextType>;
  CheckoutWalletOptions?: CheckoutWalletOptionsResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  JSONObject?: GraphQLScalarType;
  Order?: OrderResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  SafeInt?: GraphQLScalarType;
  Subscription?: SubscriptionResolvers<ContextType>;
};

