import type { Config } from '../config/config.js';
import { convergeGateSettlingId } from '../providers/convergegate/emulator/moving-session.js';
import { convergeGateCompletedId } from '../providers/convergegate/emulator/sessions.js';
import { stripeSeedExampleId } from '../providers/stripe/emulator/sessions.js';

const exampleQueries = [
  `{ checkoutSession(id: "${stripeSeedExampleId}") { id status amountTotal { amount currency decimal } } }`,
  `{ checkoutSession(id: "${convergeGateCompletedId}") { id provider status amountTotal { decimal currency } refunds { amount { decimal } status } fees { description amount { decimal } } } }`,
];

/** A BLIK payment that settles about 10 s after it is first read: the stream shows PENDING, then COMPLETE and ends. */
const exampleSubscription = `subscription { checkoutSessionUpdated(id: "${convergeGateSettlingId}") { id status paymentStatus amountTotal { decimal currency } } }`;

/** A browser that opens the GraphQL URL gets Apollo Sandbox: the page is on, and no Router-Secret is asked for. */
export function servesSandboxPage(config: Config): boolean {
  return config.graphql.introspection && config.server.routerSecret === undefined;
}

export interface SandboxBannerOptions {
  graphqlUrl: string;
  emulatorUrl: string;
  /** Whether to suggest Apollo Sandbox in a browser (see `servesSandboxPage`). */
  browsable: boolean;
  /** With ROUTER_SECRET set, each command sends it, read from the shell's own ROUTER_SECRET. */
  routerSecret: boolean;
}

/**
 * What sandbox mode prints for a person at a terminal: plain text, not a log line, so each
 * `curl` command runs as it is when pasted into a shell. It suggests only what works as
 * printed, and never prints a secret.
 */
export function sandboxBanner({ graphqlUrl, emulatorUrl, browsable, routerSecret }: SandboxBannerOptions): string {
  const secretHeader = routerSecret ? ` -H "router-secret: $ROUTER_SECRET"` : '';
  const tryLines = [
    ...exampleQueries.map((query) => `  curl -s ${graphqlUrl} -H 'content-type: application/json'${secretHeader} -d '${JSON.stringify({ query })}'`),
    `  curl -sN ${graphqlUrl} -H 'accept: text/event-stream' -H 'content-type: application/json'${secretHeader} -d '${JSON.stringify({ query: exampleSubscription })}'`,
  ];
  return [
    '',
    'SANDBOX MODE: no provider key is set (or SANDBOX=true), so the subgraph serves the made-up',
    `example sessions of its built-in provider emulator (${emulatorUrl}), never a real provider.`,
    'Set STRIPE_SECRET_KEY or CONVERGEGATE_SECRET_KEY to serve real sessions.',
    '',
    routerSecret ? 'Try, in a shell where ROUTER_SECRET holds the same value as here (export it first):' : 'Try:',
    '',
    ...tryLines.flatMap((line) => [line, '']),
    ...(browsable ? [`or open ${graphqlUrl} in a browser for Apollo Sandbox.`, ''] : []),
  ].join('\n');
}
