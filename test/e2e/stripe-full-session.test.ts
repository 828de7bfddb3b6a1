import { describe, expect, it } from 'vitest';
import { stripeEverythingId } from '../../src/providers/stripe/emulator/full-session.js';
import { stripeSeedExampleId } from '../../src/providers/stripe/emulator/sessions.js';
import { everyDetail } from '../support/every-detail.js';
import { useHarness } from '../support/harness.js';

describe('the whole Stripe checkout session', () => {
  const harness = useHarness();

  it('types every setting, consent and collected detail of a real 2026 session', async () => {
    const result = await harness.query(`{ checkoutSession(id: "${stripeEverythingId}") { mode ${everyDetail} } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.checkoutSession).toEqual({
      mode: 'SUBSCRIPTION',
      allowPromotionCodes: true,
      adaptivePricing: { enabled: true },
      afterExpiration: { recovery: { enabled: true, allowPromotionCodes: true, expiresAt: '2025-12-24T12:13:20.000Z', url: null } },
      automaticTax: { enabled: true, status: 'COMPLETE', liability: { type: 'SELF', accountId: null } },
      billingAddressCollection: 'REQUIRED',
      brandingSettings: {
        backgroundColor: '#ffffff',
        borderStyle: 'ROUNDED',
        buttonColor: '#0a2540',
        displayName: 'Example Shop',
        fontFamily: 'inter',
        icon: { fileId: null, url: 'https://shop.example.com/icon.png' },
        logo: { fileId: 'file_1EmulatorLogo', url: null },
      },
      collectedInformation: {
        businessName: 'Rosen GmbH',
        individualName: 'Jenny Rosen',
        shippingDetails: { name: 'Jenny Rosen', address: { line1: 'Jungfernstieg 7', city: 'Hamburg', postalCode: '20354', country: 'DE' } },
      },
      consent: { promotions: 'OPT_IN', termsOfService: 'ACCEPTED' },
      consentCollection: { paymentMethodReuseAgreementPosition: 'HIDDEN', promotions: 'AUTO', termsOfService: 'REQUIRED' },
      currencyConversion: {
        amountSubtotal: { amount: 11000, currency: 'USD', decimal: '110.00' },
        amountTotal: { amount: 10659, currency: 'USD' },
        fxRate: '0.9091',
        sourceCurrency: 'USD',
      },
      customFields: [
        {
          key: 'dropoff',
          label: 'Where to leave the parcel',
          type: 'DROPDOWN',
          optional: false,
          value: 'neighbour',
          options: [
            { label: 'Front door', value: 'frontdoor' },
            { label: 'Neighbour', value: 'neighbour' },
          ],
          minimumLength: null,
          maximumLength: null,
        },
        { key: 'gift_note', label: 'Gift note', type: 'TEXT', optional: true, value: 'Happy birthday!', options: [], minimumLength: 2, maximumLength: 140 },
      ],
      customText: { afterSubmit: 'We ship within two days.', shippingAddress: null, submit: 'Your card is charged today.', termsOfServiceAcceptance: null },
      customerAccountId: null,
      customerCreation: 'ALWAYS',
      customerDetails: {
        email: 'jenny@rosen.example',
        name: 'Rosen GmbH',
        individualName: 'Jenny Rosen',
        businessName: 'Rosen GmbH',
        phone: '+49401234567',
        taxExempt: 'REVERSE',
        taxIds: [{ type: 'eu_vat', value: 'DE123456789' }],
        address: { city: 'Hamburg' },
      },
      discounts: [{ couponId: 'SPRING10', promotionCodeId: 'promo_1EmulatorSpring' }],
      excludedPaymentMethodTypes: ['cashapp'],
      integrationIdentifier: 'shop-web-v3',
      invoiceId: 'in_1EmulatorEverything',
      invoiceCreation: null,
      managedPayments: { enabled: false },
      nameCollection: { business: { enabled: true, optional: true }, individual: { enabled: true, optional: false } },
      optionalItems: [{ priceId: 'price_1EmulatorSocks', quantity: 1, adjustableQuantity: { enabled: true, minimum: 1, maximum: 5 } }],
      originContext: 'WEB',
      paymentLinkId: 'plink_1EmulatorEverything',
      paymentMethodCollection: 'IF_REQUIRED',
      paymentMethodConfigurationDetails: { id: 'pmc_1EmulatorConfig', parentId: null },
      paymentMethodOptions: { card: { request_three_d_secure: 'automatic' }, sepa_debit: { setup_future_usage: 'off_session' } },
      permissions: { updateShippingDetails: 'SERVER_ONLY' },
      phoneNumberCollection: { enabled: true },
      presentmentDetails: { presentmentAmount: { amount: 10659, currency: 'USD', decimal: '106.59' } },
      recoveredFromId: 'cs_test_a0ExpiredBeforeRecovery00000000000000000000000000',
      redirectOnCompletion: 'IF_REQUIRED',
      returnUrl: 'https://shop.example.com/return',
      savedPaymentMethodOptions: { allowRedisplayFilters: ['ALWAYS', 'LIMITED'], paymentMethodRemove: 'DISABLED', paymentMethodSave: 'ENABLED' },
      setupIntentId: null,
      shippingAddressCollection: { allowedCountries: ['DE', 'AT', 'CH'] },
      shippingOptions: [
        { shippingAmount: { amount: 490, decimal: '4.90' }, shippingRateId: 'shr_1EmulatorStandard' },
        { shippingAmount: { amount: 990, decimal: '9.90' }, shippingRateId: 'shr_1EmulatorExpress' },
      ],
      submitType: 'SUBSCRIBE',
      subscriptionId: 'sub_1EmulatorExpanded',
      taxIdCollection: { enabled: true, required: 'IF_SUPPORTED' },
      uiMode: 'HOSTED_PAGE',
      walletOptions: { linkDisplay: 'NEVER' },
      totalDetails: {
        amountDiscount: { amount: 1000 },
        breakdown: {
          discounts: [{ amount: { amount: 1000, decimal: '10.00' }, discountId: 'di_1EmulatorSpring', couponId: 'SPRING10', promotionCodeId: 'promo_1EmulatorSpring' }],
          taxes: [
            {
              amount: { amount: 200 },
              rate: { id: 'txr_1EmulatorDE19', displayName: 'USt.', percentage: 19, inclusive: false, country: 'DE', jurisdiction: 'DE' },
              taxabilityReason: 'standard_rated',
              taxableAmount: { amount: 1053 },
            },
          ],
        },
      },
    });
  });

  it('reads the published example, whose optional parts are mostly null, without an error', async () => {
    const result = await harness.query(`{ checkoutSession(id: "${stripeSeedExampleId}") { ${everyDetail} } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.checkoutSession).toMatchObject({
      automaticTax: { enabled: false, status: null, liability: null },
      customFields: [],
      customText: { afterSubmit: null, submit: null },
      customerCreation: 'IF_REQUIRED',
      invoiceCreation: { enabled: false, invoiceData: { metadata: {}, accountTaxIds: [], customFields: [] } },
      paymentMethodCollection: 'ALWAYS',
      phoneNumberCollection: { enabled: false },
      shippingOptions: [],
      discounts: [],
      uiMode: null,
      // Asked for, Stripe breaks down a total without discounts or taxes into empty lists.
      totalDetails: { breakdown: { discounts: [], taxes: [] } },
    });
  });

  it('drops an optional part whose shape changed to null and still serves the session', async () => {
    harness.emulator.putStripeSession({
      id: 'cs_test_j1ChangedShapes00000000000000000',
      object: 'checkout.session',
      status: 'open',
      currency: 'usd',
      amount_total: 500,
      custom_text: 'a string where an object was',
      custom_fields: [{ no_key: true }],
      ui_mode: 'custom',
    });
    const result = await harness.query(`{ checkoutSession(id: "cs_test_j1ChangedShapes00000000000000000") { status amountTotal { decimal } customText { submit } customFields { key } uiMode } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.checkoutSession).toEqual({ status: 'OPEN', amountTotal: { decimal: '5.00' }, customText: null, customFields: [], uiMode: 'ELEMENTS' });
  });

  it('answers null and [] for these fields on a Converge Gate session', async () => {
    const result = await harness.query(`{ checkoutSession(id: "2AW-kLcRRC5P8U68CYe0kVA") { provider customFields { key } automaticTax { enabled } discounts { couponId } uiMode } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.checkoutSession).toEqual({ provider: 'CONVERGE_GATE', customFields: [], automaticTax: null, discounts: [], uiMode: null });
  });
});
