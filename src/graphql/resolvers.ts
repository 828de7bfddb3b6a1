import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { DateTimeResolver, JSONObjectResolver, SafeIntResolver } from 'graphql-scalars';
import type { CheckoutSession } from '../model/checkout-session.js';
import { formatDecimal, type Money } from '../model/money.js';
import type { RequestContext } from './context.js';

export const resolvers: GraphQLResolverMap<RequestContext> = {
  DateTime: DateTimeResolver,
  JSONObject: JSONObjectResolver,
  SafeInt: SafeIntResolver,

  Query: {
    checkoutSession: (_parent, { id }: { id: string }, { loaders }) => loaders.checkoutSession.load(id),
  },

  CheckoutSession: {
    __resolveReference: ({ id }: Pick<CheckoutSession, 'id'>, { loaders }: RequestContext) =>
      loaders.checkoutSession.load(id),
    refunds: async (session: CheckoutSession, _args: unknown, { loaders }: RequestContext) =>
      (await loaders.refunds.load(session)).refunds,
    amountRefunded: async (session: CheckoutSession, _args: unknown, { loaders }: RequestContext) =>
      (await loaders.refunds.load(session)).amountRefunded,
    refunded: async (session: CheckoutSession, _args: unknown, { loaders }: RequestContext) =>
      (await loaders.refunds.load(session)).refunded,
    lineItems: (session: CheckoutSession, _args: unknown, { loaders }: RequestContext) => loaders.lineItems.load(session),
  },

  Money: {
    decimal: (money: Money) => formatDecimal(money.amount, money.minorUnitDigits),
  },
};
