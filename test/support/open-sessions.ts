import type { ProviderEmulator } from '../../src/emulator/server.js';

let sessionNumber = 0;

/** Puts `count` open Stripe sessions of 1.00 USD, with ids no other test uses, and returns their ids. */
export function putOpenSessions(emulator: ProviderEmulator, name: string, count: number): string[] {
  return Array.from({ length: count }, () => {
    sessionNumber += 1;
    const id = `cs_test_${name}${String(sessionNumber).padStart(5, '0')}abcdef`;
    emulator.putStripeSession({ id, object: 'checkout.session', status: 'open', currency: 'usd', amount_total: 100 });
    return id;
  });
}

/** How many calls the emulator had for the session itself (not its refunds or line items). */
export const callsFor = (emulator: ProviderEmulator, id: string) =>
  emulator.calls.filter((call) => call.path.split('?')[0]!.endsWith(`/${id}`)).length;
