import type { CheckoutSession } from '../model/checkout-session.js';

/** A verified webhook said the session changed; `final` when the event itself ends the payment (Stripe's async_payment_failed). */
export interface SessionChange {
  sessionId: string;
  final: boolean;
}

/** A change as it travels between replicas: `nonce` names this one delivery, so one replica alone refetches it. */
export interface AnnouncedChange extends SessionChange {
  nonce: string;
}

export interface ChangeBusHandlers {
  /** Another replica received a webhook about the session. */
  changed(change: AnnouncedChange): void;
  /** Another replica read the session for its subscribers (after a webhook, or a poll). */
  read(session: CheckoutSession, final: boolean): void;
}

/** How the replicas watching sessions tell each other what they learnt (fleet-wide over Redis, or nobody). */
export interface ChangeBus {
  announce(change: AnnouncedChange): void;
  share(session: CheckoutSession, final: boolean): void;
  /** True for the one replica that refetches the session after this delivery; true as well when nobody else can be asked. */
  claim(sessionId: string, nonce: string): Promise<boolean>;
  listen(handlers: ChangeBusHandlers): void;
}

/** A subgraph alone: nothing to tell, and every refetch is its own. */
export const localChangeBus: ChangeBus = {
  announce: () => {},
  share: () => {},
  claim: () => Promise.resolve(true),
  listen: () => {},
};
