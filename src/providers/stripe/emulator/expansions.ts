import type { WireObject } from '../../emulated-provider.js';

/**
 * The parts of a Checkout Session that Stripe sends only when `expand[]` names them, from
 * its object reference (2026, dahlia). A reference is an id string unless expanded, then
 * the object; an included part is absent unless expanded.
 */
const stripeSessionReferences: Readonly<Record<string, string>> = {
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

const stripeSessionIncludables = ['line_items', 'total_details.breakdown'] as const;

/** Stripe's default page of a list, as an expanded `line_items` carries it. */
const expandedListSize = 10;

type WireSession = Record<string, unknown>;

export type StripeExpansionAnswer = { ok: true; session: WireSession } | { ok: false; unknownPath: string };

/**
 * The session as Stripe answers a retrieve with these `expand[]` paths: references not
 * asked for collapse to their id, those asked for are objects (a stand-in `{id, object}`
 * when the emulator holds only the id), and included parts appear only when asked for.
 * A path Stripe cannot expand is an error, as it is for Stripe. The stored session is
 * never changed; what differs from it is copied, the rest shared.
 */
export function expandStripeSession(
  id: string,
  stored: WireSession,
  expand: readonly string[],
  lineItems: readonly WireObject[],
): StripeExpansionAnswer {
  const unknownPath = expand.find((path) => !(path in stripeSessionReferences) && !isIncludable(path));
  if (unknownPath !== undefined) return { ok: false, unknownPath };
  let session = stored;
  for (const [path, objectName] of Object.entries(stripeSessionReferences)) {
    const asked = expand.includes(path);
    session = transformAt(session, path.split('.'), (value) => (asked ? asObject(value, objectName) : asId(value))) as WireSession;
  }
  session = transformAt(session, ['total_details'], (totalDetails) => {
    if (!isRecord(totalDetails)) return totalDetails;
    if (expand.includes('total_details.breakdown')) {
      return totalDetails.breakdown ? totalDetails : { ...totalDetails, breakdown: { discounts: [], taxes: [] } };
    }
    return 'breakdown' in totalDetails ? without(totalDetails, 'breakdown') : totalDetails;
  }) as WireSession;
  if (expand.includes('line_items')) {
    const data = lineItems.slice(0, expandedListSize);
    const list = { object: 'list', data, has_more: lineItems.length > data.length, url: `/v1/checkout/sessions/${id}/line_items` };
    session = { ...session, line_items: list };
  } else if ('line_items' in session) {
    session = without(session, 'line_items');
  }
  return { ok: true, session };
}

function isIncludable(path: string): boolean {
  return (stripeSessionIncludables as readonly string[]).includes(path);
}

/**
 * The container with `change` applied to the values at the path, through lists along the
 * way; the same container when nothing changed, and any other shape left alone.
 */
function transformAt(container: unknown, path: readonly string[], change: (value: unknown) => unknown): unknown {
  const [name, ...rest] = path;
  if (name === undefined || !isRecord(container) || !(name in container)) return container;
  const value = container[name];
  const changeOne = rest.length > 0 ? (item: unknown) => transformAt(item, rest, change) : change;
  const next = Array.isArray(value) ? mapIfChanged(value, changeOne) : changeOne(value);
  return next === value ? container : { ...container, [name]: next };
}

function mapIfChanged(list: readonly unknown[], change: (value: unknown) => unknown): readonly unknown[] {
  const mapped = list.map(change);
  return mapped.every((item, index) => item === list[index]) ? list : mapped;
}

function without(record: Record<string, unknown>, name: string): Record<string, unknown> {
  const { [name]: _left, ...rest } = record;
  return rest;
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
