import { convergeGateCompletedId } from './data/convergegate-sessions.js';
import { stripeSeedExampleId } from './data/stripe-sessions.js';

const exampleQueries = [
  `{ checkoutSession(id: "${stripeSeedExampleId}") { id status amountTotal { amount currency decimal } } }`,
  `{ checkoutSession(id: "${convergeGateCompletedId}") { id provider status amountTotal { decimal currency } refunds { amount { decimal } status } fees { description amount { decimal } } } }`,
];

/**
 * What sandbox mode prints for a person at a terminal: plain text, not a log line, so each
 * `curl` command runs as it is when pasted into a shell.
 */
export function sandboxBanner(graphqlUrl: string, emulatorUrl: string): string {
  const tryLines = exampleQueries.map(
    (query) => `  curl -s ${graphqlUrl} -H 'content-type: application/json' -d '${JSON.stringify({ query })}'`,
  );
  return [
    '',
    'SANDBOX MODE: no provider key is set (or SANDBOX=true), so the subgraph serves the made-up',
    `example sessions of its built-in provider emulator (${emulatorUrl}), never a real provider.`,
    'Set STRIPE_SECRET_KEY or CONVERGEGATE_SECRET_KEY to serve real sessions.',
    '',
    'Try:',
    '',
    ...tryLines.flatMap((line) => [line, '']),
    `or open ${graphqlUrl} in a browser for Apollo Sandbox.`,
    '',
  ].join('\n');
}
