import type { GraphQLResolveInfo } from 'graphql';
import { DateTimeResolver, JSONObjectResolver, SafeIntResolver } from 'graphql-scalars';
import type { CheckoutSession } from '../model/checkout-session.js';
import { formatDecimal } from '../model/money.js';
import { orderIdOf } from '../model/order-reference.js';
import { responseMaxAges, sessionMaxAge } from './response-max-age.js';
import type { SessionEvent } from '../sessions/session-subscriber.js';
import type { RequestContext, SubscriptionScope } from './context.js';
import type { Resolvers } from './generated/resolver-types.js';
import { lineItemExpansionsSelected, sessionExpansionsSelected } from './selected-expansions.js';

export const resolvers: Resolvers = {
  DateTime: DateTimeResolver,
  JSONObject: JSONObjectResolver,
  SafeInt: SafeIntResolver,

  Query: {
    checkoutSession: (_parent, { id }, context, info) => loadSession(context, id, info),
  },

  Subscription: {
    checkoutSessionUpdated: {
      subscribe: (_parent, { id }, context) => subscriptionScope(context).watch(id),
      resolve: (event: SessionEvent, _args: unknown, context: RequestContext) => {
        subscriptionScope(context).eventArrived();
        if (!event.ok) throw event.error;
        return event.value;
      },
    },
  },

  CheckoutSession: {
    __resolveReference: (reference, context, info) => loadSession(context, reference.id, info),
    order: (session, _args, { orderIdMetadataKey }) => {
      const id = orderIdOf(session, orderIdMetadataKey);
      return id === null ? null : { id };
    },
    refunds: async (session, _args, context) => (await loadRefunds(context, session)).refunds,
    amountRefunded: async (session, _args, context) => (await loadRefunds(context, session)).amountRefunded,
    refunded: async (session, _args, context) => (await loadRefunds(context, session)).refunded,
    fees: async (session, _args, context) => (await loadSettlement(context, session)).fees,
    settlement: async (session, _args, context) => (await loadSettlement(context, session)).settlement,
    lineItems: (session, _args, { loaders }, info) => loaders.lineItems.load(session, lineItemExpansionsSelected(info)),
  },

  CheckoutMoney: {
    decimal: (money) => formatDecimal(money.amount, money.minorUnitDigits),
  },
};

function subscriptionScope({ subscriptions }: RequestContext): SubscriptionScope {
  if (!subscriptions) throw new Error('a subscription ran without a subscription transport');
  return subscriptions;
}

async function loadSession({ loaders, responseMaxAge }: RequestContext, id: string, info: GraphQLResolveInfo): Promise<CheckoutSession> {
  const session = await loaders.checkoutSession.load(id, sessionExpansionsSelected(info));
  responseMaxAge.restrict(sessionMaxAge(session));
  return session;
}

/** Fees not booked yet are still to come, whatever the session's own state. */
async function loadSettlement({ loaders, responseMaxAge }: RequestContext, session: CheckoutSession) {
  const feesAndSettlement = await loaders.settlements.load(session);
  if (feesAndSettlement.pending) responseMaxAge.restrict(responseMaxAges.changingSession);
  return feesAndSettlement;
}

function loadRefunds({ loaders, responseMaxAge }: RequestContext, session: CheckoutSession) {
  responseMaxAge.restrict(responseMaxAges.refunds);
  return loaders.refunds.load(session);
}
