/** Why the change feed read a session. */
export type SubscriptionReadPurpose = 'first-read' | 'refetch-after-webhook' | 'poll';

/** What the change feed tells observability. */
export interface SubscriptionRecorder {
  /** The change feed read a session (through the read cache: a hit costs no provider call). */
  read(purpose: SubscriptionReadPurpose): void;
  /** Where the number of open subscriptions is read from. */
  countOpen(source: () => number): void;
}

/** For a feed used without observability (unit tests, tools): records nothing. */
export const unrecordedSubscriptions: SubscriptionRecorder = { read: () => {}, countOpen: () => {} };
