import type { GraphQLResolveInfo } from 'graphql';
import { DateTimeResolver, JSONObjectResolver, SafeIntResolver } from 'graphql-scalars';
import type { CheckoutSession } from '../model/checkout-session.js';
import { formatDecimal } from '../model/money.js';
import { orderIdOf } from '../model/order-reference.js';
import { cacheAges, privateCacheHint, restrictCacheHint, sessionCacheHint } from './cache-hints.js';
import type { RequestContext } from './context.js';
import type { Resolvers } from './generated/resolver-types.js';

export const resolvers: Resolvers = {
  DateTime: DateTimeResolver,
  JSONObject: JSONObjectResolver,
  SafeInt: SafeIntResolver,

  Query: {
    checkoutSession: (_parent, { id }, { loaders }, info) => loadSession(loaders, id, info),
  },

  CheckoutSession: {
    __resolveReference: (reference, { loaders }, info) => loadSession(loaders, reference.id, info),
    order: (session, _args, { orderIdMetadataKey }) => {
      const id = orderIdOf(session, orderIdMetadataKey);
      return id === null ? null : { id };
    },
    refunds: async (session, _args, { loaders }, info) => (await loadRefunds(loaders, session, info)).refunds,
    amountRefunded: async (session, _args, { loaders }, info) =>
      (await loadRefunds(loaders, session, info)).amountRefunded,
    refunded: async (session, _args, { loaders }, info) => (await loadRefunds(loaders, session, info)).refunded,
    lineItems: (session, _args, { loaders }) => loaders.lineItems.load(session),
  },

  Money: {
    decimal: (money) => formatDecimal(money.amount, money.minorUnitDigits),
  },
};

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
