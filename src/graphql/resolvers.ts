import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { GraphQLFieldResolver, GraphQLResolveInfo } from 'graphql';
import { DateTimeResolver, JSONObjectResolver, SafeIntResolver } from 'graphql-scalars';
import type { CheckoutSession } from '../model/checkout-session.js';
import { formatDecimal, type Money } from '../model/money.js';
import { orderIdOf } from '../model/order-reference.js';
import { cacheAges, privateCacheHint, restrictCacheHint, sessionCacheHint } from './cache-hints.js';
import type { RequestContext } from './context.js';

export const resolvers: GraphQLResolverMap<RequestContext> = {
  DateTime: DateTimeResolver,
  JSONObject: JSONObjectResolver,
  SafeInt: SafeIntResolver,

  Query: {
    checkoutSession: (_parent, { id }: { id: string }, { loaders }, info) => loadSession(loaders, id, info),
  },

  CheckoutSession: {
    // Called as (reference, context, info), though the resolver map types every entry as a field resolver.
    __resolveReference: resolveSessionReference as unknown as GraphQLFieldResolver<unknown, RequestContext>,
    order: (session: CheckoutSession, _args, { orderIdMetadataKey }) => {
      const id = orderIdOf(session, orderIdMetadataKey);
      return id === null ? null : { id };
    },
    refunds: async (session: CheckoutSession, _args, { loaders }, info) => (await loadRefunds(loaders, session, info)).refunds,
    amountRefunded: async (session: CheckoutSession, _args, { loaders }, info) =>
      (await loadRefunds(loaders, session, info)).amountRefunded,
    refunded: async (session: CheckoutSession, _args, { loaders }, info) => (await loadRefunds(loaders, session, info)).refunded,
    lineItems: (session: CheckoutSession, _args: unknown, { loaders }: RequestContext) => loaders.lineItems.load(session),
  },

  Money: {
    decimal: (money: Money) => formatDecimal(money.amount, money.minorUnitDigits),
  },
};

function resolveSessionReference(
  reference: Pick<CheckoutSession, 'id'>,
  { loaders }: RequestContext,
  info: GraphQLResolveInfo,
): Promise<CheckoutSession> {
  return loadSession(loaders, reference.id, info);
}

async function loadSession(
  loaders: RequestContext['loaders'],
  id: string,
  info: GraphQLResolveInfo,
): Promise<CheckoutSession> {
  const session = await loaders.checkoutSession.load(id);
  restrictCacheHint(info, sessionCacheHint(session));
  return session;
}

function loadRefunds(loaders: RequestContext['loaders'], session: CheckoutSession, info: GraphQLResolveInfo) {
  restrictCacheHint(info, privateCacheHint(cacheAges.refunds));
  return loaders.refunds.load(session);
}
