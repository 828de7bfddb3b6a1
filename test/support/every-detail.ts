/** A selection of every Stripe-only detail of a checkout session, for queries that read them all. */
export const everyDetail = `
  allowPromotionCodes
  adaptivePricing { enabled }
  afterExpiration { recovery { enabled allowPromotionCodes expiresAt url } }
  automaticTax { enabled status liability { type accountId } }
  billingAddressCollection
  brandingSettings { backgroundColor borderStyle buttonColor displayName fontFamily icon { fileId url } logo { fileId url } }
  collectedInformation { businessName individualName shippingDetails { name address { line1 city postalCode country } } }
  consent { promotions termsOfService }
  consentCollection { paymentMethodReuseAgreementPosition promotions termsOfService }
  currencyConversion { amountSubtotal { amount currency decimal } amountTotal { amount currency } fxRate sourceCurrency }
  customFields { key label type optional value options { label value } minimumLength maximumLength }
  customText { afterSubmit shippingAddress submit termsOfServiceAcceptance }
  customerAccountId customerCreation
  customerDetails { email name individualName businessName phone taxExempt taxIds { type value } address { city } }
  discounts { couponId promotionCodeId }
  excludedPaymentMethodTypes integrationIdentifier invoiceId
  invoiceCreation { enabled invoiceData { description footer accountTaxIds metadata amountTaxDisplay customFields { name value } issuer { type } } }
  managedPayments { enabled }
  nameCollection { business { enabled optional } individual { enabled optional } }
  optionalItems { priceId quantity adjustableQuantity { enabled minimum maximum } }
  originContext paymentLinkId paymentMethodCollection
  paymentMethodConfigurationDetails { id parentId }
  paymentMethodOptions
  permissions { updateShippingDetails }
  phoneNumberCollection { enabled }
  presentmentDetails { presentmentAmount { amount currency decimal } }
  recoveredFromId redirectOnCompletion returnUrl
  savedPaymentMethodOptions { allowRedisplayFilters paymentMethodRemove paymentMethodSave }
  setupIntentId
  shippingAddressCollection { allowedCountries }
  shippingOptions { shippingAmount { amount decimal } shippingRateId }
  submitType subscriptionId
  taxIdCollection { enabled required }
  uiMode
  walletOptions { linkDisplay }
  totalDetails {
    amountDiscount { amount }
    breakdown {
      discounts { amount { amount decimal } discountId couponId promotionCodeId }
      taxes { amount { amount } rate { id displayName percentage inclusive country jurisdiction } taxabilityReason taxableAmount { amount } }
    }
  }
`;
