import { answering, json, type EmulatedRoutes, type EmulatorRoute, type NormalAnswer } from '../../emulated-provider.js';
import { convergeGateSessions } from './sessions.js';

/**
 * Converge Gate's retrieve path, `/v1/checkout/sessions/{id}`, served under the prefix the
 * emulator gives it. Sessions are stored by the id they are requested under, since a body
 * may carry another. Its error bodies come unwrapped (`{"type": ..., "message": ...}`), one
 * of the two forms the documentation leaves open. Faults are keyed by session id.
 */
export class ConvergeGateRoutes implements EmulatedRoutes {
  private readonly sessions = new Map<string, Record<string, unknown>>();

  constructor(readonly secretKey: string) {
    for (const [id, session] of convergeGateSessions) this.sessions.set(id, structuredClone(session));
  }

  putSession(id: string, session: Record<string, unknown>): void {
    this.sessions.set(id, session);
  }

  unauthorized(): EmulatorRoute {
    return answering(undefined, () => errorAnswer(401, 'authentication_error', 'Invalid API key'));
  }

  route(segments: readonly string[]): EmulatorRoute {
    const [v1, checkout, sessions, id, ...rest] = segments;
    if (v1 === 'v1' && checkout === 'checkout' && sessions === 'sessions' && id !== undefined && rest.length === 0) {
      return answering(id, () => {
        const session = this.sessions.get(id);
        if (!session) return errorAnswer(404, 'invalid_request_error', 'No such checkout session');
        return json(200, session);
      });
    }
    return answering(undefined, () => errorAnswer(404, 'invalid_request_error', 'Unrecognized request URL'));
  }
}

function errorAnswer(status: number, type: string, message: string): NormalAnswer {
  return json(status, { type, message });
}
