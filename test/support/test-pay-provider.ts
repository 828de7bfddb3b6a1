import type { ProviderSection } from '../../src/config/settings.js';
import type { PaymentProvider } from '../../src/model/checkout-session.js';
import type { CheckoutProvider } from '../../src/providers/checkout-provider.js';
import { answering, json, type EmulatedProvider, type EmulatedRoutes } from '../../src/providers/emulated-provider.js';
import type { ProviderModule } from '../../src/providers/provider-module.js';

// A provider that exists only in the tests: ids `tp_` and 8 letters, refunds in the session
// body, webhooks signed by sending the secret itself in `x-testpay-secret`, and served by the
// emulator under `/testpay` at `GET /v1/sessions/{id}` with a Bearer key.
export const testPayValue = 'TESTPAY' as PaymentProvider;
export const testPaySessionId = 'tp_abcdefgh';
export const testPaySettlingId = 'tp_settling';

export const testPayClient: CheckoutProvider = {
  key: 'testpay',
  label: 'Test Pay',
  account: 'testpay:test:0',
  expansions: [],
  retrieveSession: () => Promise.reject(new Error('not called here')),
};

class TestPayRoutes implements EmulatedRoutes {
  private readonly sessions = new Map<string, Record<string, unknown>>([[testPaySessionId, { id: testPaySessionId, state: 'open' }]]);

  constructor(readonly secretKey: string) {}

  route(segments: readonly string[]) {
    const [v1, sessions, id, ...rest] = segments;
    if (v1 !== 'v1' || sessions !== 'sessions' || id === undefined || rest.length > 0) {
      return answering(undefined, () => json(404, { message: 'no such path' }));
    }
    return answering(id, () => {
      const session = this.sessions.get(id);
      return session ? json(200, session) : json(404, { message: 'no such session' });
    });
  }

  unauthorized() {
    return answering(undefined, () => json(401, { message: 'bad key' }));
  }

  putSession(id: string, session: Record<string, unknown>): void {
    this.sessions.set(id, session);
  }
}

const emulatedTestPay: EmulatedProvider = {
  pathPrefix: 'testpay',
  createRoutes: ({ secretKey }) => new TestPayRoutes(secretKey),
  webhookSecretFor: (secretKey) => `${secretKey}_hooks`,
  movingSessions: () => [
    {
      id: testPaySettlingId,
      before: { id: testPaySettlingId, state: 'open' },
      after: { id: testPaySettlingId, state: 'paid' },
      eventType: 'session.paid',
    },
  ],
  eventObject: (session) => ({ session: session.id, state: session.state }),
  signatureHeaders: (secret) => ({ 'x-testpay-secret': secret }),
};

/** Test Pay's section of `Config.providers`, with this webhook secret. */
export function testPaySection(webhookSecret: string | undefined): ProviderSection {
  return { secretKey: 'tp_key_test', apiUrl: 'https://testpay.example', webhookSecret };
}

export function testPayModule(): ProviderModule {
  return {
    key: 'testpay',
    schemaValue: testPayValue,
    label: 'Test Pay',
    idShape: {
      claims: (id) => id.startsWith('tp_'),
      problemWith: (id) => (/^tp_[a-z]{8}$/.test(id) ? undefined : 'a Test Pay id is tp_ and 8 letters'),
    },
    refundsOnSession: true,
    createClient: () => testPayClient,
    webhooks: {
      secretVariable: 'TESTPAY_WEBHOOK_SECRET',
      createSource: (secret) => ({
        provider: 'Test Pay',
        verify: ({ header }) => (header('x-testpay-secret') === secret ? { valid: true } : { valid: false, reason: 'wrong secret' }),
        sessionIdsOf: (event) => [(event as { session: string }).session],
        endsPayment: () => false,
        eventKeyOf: (event) => (event as { id: string }).id,
      }),
    },
    configuration: {
      variables: {},
      keyVariable: 'TESTPAY_SECRET_KEY',
      keyExample: 'tp_key_...',
      webhookSecretVariable: 'TESTPAY_WEBHOOK_SECRET',
      sectionOf: () => undefined,
      problems: () => [],
      sandboxSectionOf: (_env, emulated) => emulated,
    },
    emulator: emulatedTestPay,
  };
}
