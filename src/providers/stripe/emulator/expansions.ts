import type { WireObject } from '../../emulated-provider.js';

/**
 * Where one kind of Stripe object (by its `object` name) holds references, each an id
 * unless `expand[]` names it, then the object; and parts Stripe sends only when named.
 * From Stripe's object references (2026-07-29.dahlia); kinds the emulator holds no objects
 * of are expanded to a stand-in `{id, object}`.
 */
interface ObjectKind {
  /** Dotted path (through lists on the way) → the kind of object it names. */
  references: Readonly<Record<string, string>>;
  /** Dotted path → the kind of what it holds (`list:<kind>` for a list; undefined for plain data) and what Stripe sends when there is nothing. */
  includables?: Readonly<Record<string, { kind?: string; empty: unknown }>>;
}

const objectKinds: Readonly<Record<string, ObjectKind>> = {
  'checkout.session': {
    references: {
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
    },
    includables: {
      line_items: { kind: 'list:item', empty: undefined },
      'total_details.breakdown': { empty: { discounts: [], taxes: [] } },
    },
  },
  payment_intent: {
    references: {
      application: 'application',
      customer: 'customer',
      latest_charge: 'charge',
      on_behalf_of: 'account',
      payment_method: 'payment_method',
      review: 'review',
    },
  },
  charge: {
    references: {
      application: 'application',
      application_fee: 'application_fee',
      balance_transaction: 'balance_transaction',
      customer: 'customer',
      failure_balance_transaction: 'balance_transaction',
      on_behalf_of: 'account',
      payment_intent: 'payment_intent',
      review: 'review',
      source_transfer: 'transfer',
    },
  },
  // The balance transactions the emulator holds are all of charges.
  balance_transaction: { references: { source: 'charge' } },
  item: {
    references: { 'price.product': 'product' },
    includables: { taxes: { empty: [] }, discounts: { empty: [] } },
  },
  refund: {
    references: {
      balance_transaction: 'balance_transaction',
      charge: 'charge',
      customer: 'customer',
      failure_balance_transaction: 'balance_transaction',
      payment_intent: 'payment_intent',
      payment_method: 'payment_method',
      source_transfer_reversal: 'transfer_reversal',
      transfer_reversal: 'transfer_reversal',
    },
  },
  invoice_payment: {
    references: {
      invoice: 'invoice',
      'payment.charge': 'charge',
      'payment.payment_intent': 'payment_intent',
      'payment.payment_record': 'payment_record',
    },
  },
};

/** docs.stripe.com/api/expanding_objects: "Expansions have a maximum depth of four levels", a list's `data` counted. */
export const maxExpansionDepth = 4;

/** What an expansion reads beyond the object itself. */
export interface ExpansionSources {
  /** The object of this kind with this id, when the emulator holds one. */
  object(kind: string, id: string): WireObject | undefined;
  /** A part Stripe includes only when asked that the object does not hold itself (a session's `line_items`). */
  included(kind: string, path: string, object: Record<string, unknown>): unknown;
}

export type ExpansionProblem = { tooDeep: string } | { cannotExpand: string };

/**
 * Why Stripe would refuse these `expand[]` paths on an object of this kind (a list is
 * `list:<kind>`, its paths starting at `data`): one deeper than four levels, or one naming
 * something that cannot be expanded (the segment it fails at). Undefined when all are fine.
 */
export function expansionProblem(kind: string, paths: readonly string[]): ExpansionProblem | undefined {
  for (const path of paths) {
    const segments = path.split('.');
    if (segments.length > maxExpansionDepth) return { tooDeep: path };
    const segment = problemAt(kind, segments);
    if (segment !== undefined) return { cannotExpand: segment };
  }
  return undefined;
}

/**
 * The object as Stripe answers with these (valid) `expand[]` paths: references asked for
 * become objects, through every level asked, the others collapse to their id; parts
 * included only when asked appear only then. The stored object is never changed; what
 * differs from it is copied, the rest shared.
 */
export function expandObject(object: Record<string, unknown>, kind: string, paths: readonly string[], sources: ExpansionSources): Record<string, unknown> {
  return render(object, kind, paths.map((path) => path.split('.')), sources);
}

function problemAt(kind: string, segments: readonly string[]): string | undefined {
  const [first, ...rest] = segments;
  if (first === undefined) return undefined;
  const listed = listItemKind(kind);
  if (listed !== undefined) {
    if (first !== 'data' || rest.length === 0) return first;
    return problemAt(listed, rest);
  }
  const known = objectKinds[kind];
  // A kind the emulator holds no objects of: what lies below its stand-in is not known here.
  if (known === undefined) return undefined;
  for (const [path, target] of Object.entries(known.references)) {
    const below = restBelow(path.split('.'), segments);
    if (below !== undefined) return problemAt(target, below);
  }
  for (const [path, { kind: held }] of Object.entries(known.includables ?? {})) {
    const below = restBelow(path.split('.'), segments);
    if (below === undefined) continue;
    if (below.length === 0) return undefined;
    return held === undefined ? below[0] : problemAt(held, below);
  }
  return first;
}

function render(object: Record<string, unknown>, kind: string, paths: ReadonlyArray<readonly string[]>, sources: ExpansionSources): Record<string, unknown> {
  const listed = listItemKind(kind);
  if (listed !== undefined) {
    const itemPaths = paths.filter((path) => path[0] === 'data').map((path) => path.slice(1));
    const data = object.data;
    if (!Array.isArray(data)) return object;
    return { ...object, data: data.map((item) => (isRecord(item) ? render(item, listed, itemPaths, sources) : item)) };
  }
  const known = objectKinds[kind];
  if (known === undefined) return object;
  let result = object;
  for (const [path, target] of Object.entries(known.references)) {
    const segments = path.split('.');
    const asked = pathsBelow(segments, paths);
    result = updateAt(result, segments, (value, present) => {
      if (!present) return value;
      const one = (reference: unknown) => (asked.length > 0 ? expandReference(reference, target, asked, sources) : asId(reference));
      // A list of references (`account_tax_ids`) is expanded item by item.
      return Array.isArray(value) ? mapIfChanged(value, one) : one(value);
    }) as Record<string, unknown>;
  }
  for (const [path, includable] of Object.entries(known.includables ?? {})) {
    const segments = path.split('.');
    const asked = pathsBelow(segments, paths);
    result = updateAt(result, segments, (held, present) => {
      if (asked.length === 0) return absent;
      const value = sources.included(kind, path, object) ?? (present && held !== null ? held : includable.empty);
      return includable.kind !== undefined && isRecord(value) ? render(value, includable.kind, asked, sources) : value;
    }) as Record<string, unknown>;
  }
  return result;
}

function expandReference(value: unknown, kind: string, paths: ReadonlyArray<readonly string[]>, sources: ExpansionSources): unknown {
  const object = typeof value === 'string' ? (sources.object(kind, value) ?? { id: value, object: kind }) : value;
  return isRecord(object) ? render(object, kind, paths.filter((path) => path.length > 0), sources) : object;
}

/** The rest of each path that runs through `segments` ([] for one that ends there). */
function pathsBelow(segments: readonly string[], paths: ReadonlyArray<readonly string[]>): Array<readonly string[]> {
  return paths.flatMap((path) => {
    const rest = restBelow(segments, path);
    return rest === undefined ? [] : [rest];
  });
}

/** The segments of `path` below `prefix`, or undefined when it does not start with it. */
function restBelow(prefix: readonly string[], path: readonly string[]): readonly string[] | undefined {
  return prefix.every((segment, index) => path[index] === segment) ? path.slice(prefix.length) : undefined;
}

function listItemKind(kind: string): string | undefined {
  return kind.startsWith('list:') ? kind.slice('list:'.length) : undefined;
}

const absent = Symbol('absent');

/**
 * The container with `change` applied at the path, through lists on the way: `change` gets
 * the value there and whether it is there at all, and answers the new value (`absent` to
 * leave it out). The same container when nothing changed; a path through something other
 * than objects and lists is left alone.
 */
function updateAt(container: unknown, path: readonly string[], change: (value: unknown, present: boolean) => unknown): unknown {
  if (Array.isArray(container)) return mapIfChanged(container, (item) => updateAt(item, path, change));
  const [name, ...rest] = path;
  if (name === undefined || !isRecord(container)) return container;
  const present = name in container;
  if (rest.length > 0) {
    if (!present) return container;
    const value = container[name];
    const next = updateAt(value, rest, change);
    return next === value ? container : { ...container, [name]: next };
  }
  const value = container[name];
  const next = change(value, present);
  if (next === absent) return present ? without(container, name) : container;
  return present && next === value ? container : { ...container, [name]: next };
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
