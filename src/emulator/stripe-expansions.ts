import type { WireObject } from './route.js';

/**
 * The parts of a Checkout Session that Stripe sends only when `expand[]` names them, from
 * its object reference (2026, dahlia). A reference is an id string unless expanded, then
 * the object; an included part is absent unless expanded.
 */
export const stripeSessionReferences: Readonly<Record<string, string>> = {
  customer: 'customer',
  invoice: 'invoice',
  payment_intent: 'payment_intent',
  payment_link: 'payment_link',
  setup_intent: 'setup_intent',
  subscription: 'subscription',
  'automatic_tax.liability.account': 'account',
  'discounts.coupon': 'coupon',
  'discounts.promotion_code': 'promotion_code',
  'invoice_creation.invoice_data.account_tax_ids': 'tax_id',
  'invoice_creation.invoice_data.issuer.account': 'account',
  'shipping_cost.shipping_rate': 'shipping_rate',
  'shipping_options.shipping_rate': 'shipping_rate',
};

export const stripeSessionIncludables = ['line_items', 'total_details.breakdown'] as const;

/** Stripe's default page of a list, as an expanded `line_items` carries it. */
const expandedListSize = 10;

export type StripeExpansionAnswer = { ok: true; session: WireObject } | { ok: false; unknownPath: string };

/**
 * The session as Stripe answers a retrieve with these `expand[]` paths: references not
 * asked for collapse to their id, those asked for are objects (a stand-in `{id, object}`
 * when the emulator holds only the id), and included parts appear only when asked for.
 * A path Stripe cannot expand is an error, as it is for Stripe.
 */
export function expandStripeSession(
  stored: WireObject,
  expand: readonly string[],
  lineItems: readonly WireObject[],
): StripeExpansionAnswer {
  const unknownPath = expand.find((path) => !(path in stripeSessionReferences) && !isIncludable(path));
  if (unknownPath !== undefined) return { ok: false, unknownPath };
  const session = structuredClone(stored);
  for (const [path, objectName] of Object.entries(stripeSessionReferences)) {
    const asked = expand.includes(path);
    transformAt(session, path.split('.'), (value) => (asked ? asObject(value, objectName) : asId(value)));
  }
  const totalDetails = session.total_details;
  if (isRecord(totalDetails)) {
    if (expand.includes('total_details.breakdown')) totalDetails.breakdown ??= { discounts: [], taxes: [] };
    else delete totalDetails.breakdown;
  }
  if (expand.includes('line_items')) {
    const data = lineItems.slice(0, expandedListSize);
    session.line_items = {
      object: 'list',
      data,
      has_more: lineItems.length > data.length,
      url: `/v1/checkout/sessions/${stored.id}/line_items`,
    };
  } else {
    delete session.line_items;
  }
  return { ok: true, session };
}

function isIncludable(path: string): boolean {
  return (stripeSessionIncludables as readonly string[]).includes(path);
}

/** Applies `change` to the values at the path, through arrays along the way; leaves any other shape alone. */
function transformAt(container: unknown, path: readonly string[], change: (value: unknown) => unknown): void {
  const [name, ...rest] = path;
  if (name === undefined || !isRecord(container) || !(name in container)) return;
  const value = container[name];
  if (rest.length > 0) {
    for (const item of Array.isArray(value) ? value : [value]) transformAt(item, rest, change);
  } else {
    container[name] = Array.isArray(value) ? value.map(change) : change(value);
  }
}

function asId(value: unknown): unknown {
  return isRecord(value) && typeof value.id === 'string' ? value.id : value;
}

function asObject(value: unknown, objectName: string): unknown {
  return typeof value === 'string' ? { id: value, object: objectName } : value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
