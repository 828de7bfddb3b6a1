import { createHash, createHmac } from 'node:crypto';
import type { EmulatedProvider } from '../../emulated-provider.js';
import { convergeGateIdentity } from '../identity.js';
import { convergeGateMovingSessions } from './moving-session.js';
import { ConvergeGateRoutes } from './routes.js';

/**
 * Converge Gate as the emulator serves it: under `/convergegate`, since its base URL is per
 * merchant and may carry a path; its webhooks are signed with its secret key.
 */
export const emulatedConvergeGate: EmulatedProvider = {
  pathPrefix: convergeGateIdentity.key,
  createRoutes: ({ secretKey }) => new ConvergeGateRoutes(secretKey),
  webhookSecretFor: (secretKey) => secretKey,
  movingSessions: convergeGateMovingSessions,
  eventObject: (session) => ({ object: 'checkout.session', ...session }),
  // `Sec-Timestamp` and `Sec-Signature`: HMAC-SHA256 of timestamp + body under SHA-256 of the secret key, both as hex.
  signatureHeaders: (secret, timestamp, body) => ({
    'sec-timestamp': String(timestamp),
    'sec-signature': createHmac('sha256', createHash('sha256').update(secret).digest('hex')).update(`${timestamp}${body}`).digest('hex'),
  }),
};
