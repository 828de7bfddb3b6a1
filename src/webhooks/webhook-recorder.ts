/**
 * What became of a delivery: `verified` (evictions done), `rejected` (signature, timestamp
 * or body), `repeated` (an event handled already: nothing done), `unsaved` (the eviction
 * could not reach Redis: answered 503 for the provider to retry).
 */
export type WebhookResult = 'verified' | 'rejected' | 'repeated' | 'unsaved';

/** What the webhook routes tell observability. */
export interface WebhookRecorder {
  received(provider: string, result: WebhookResult): void;
}

/** For routes used without observability (unit tests, tools): records nothing. */
export const unrecordedWebhooks: WebhookRecorder = { received: () => {} };
