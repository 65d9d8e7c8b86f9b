import { afterEach, describe, expect, it, vi } from 'vitest';
import { SignJWT } from 'jose';
import { Authenticator } from '../../../src/graphql/auth.js';
import { Role } from '../../../src/modules/person/person.enums.js';

/** Verified tokens are remembered for speed; that must never outlive the token or accept a forgery. */
const config = { jwtSecret: 'a-test-secret-of-at-least-thirty-two-characters', jwtIssuer: 'mentor-match', jwtAudience: 'mentor-match-api', jwksUrl: null };
const viewer = { personId: '5f0c1c9e-6a1f-4d2e-9b51-0c8a3c6f1a01', organizationId: '5f0c1c9e-6a1f-4d2e-9b51-0c8a3c6f1a02', role: Role.MEMBER };

afterEach(() => vi.useRealTimers());

describe('the verified-token cache', () => {
  it('stops accepting a cached token once it expires', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-01T09:00:00Z'));
    const auth = new Authenticator(config);
    const token = await auth.sign(viewer, '60s');
    expect(await auth.verifyAuthorizationHeader(`Bearer ${token}`)).toEqual(viewer);
    vi.setSystemTime(new Date('2026-03-01T09:00:30Z'));
    expect(await auth.verifyAuthorizationHeader(`Bearer ${token}`)).toEqual(viewer);
    vi.setSystemTime(new Date('2026-03-01T09:01:01Z'));
    await expect(auth.verifyAuthorizationHeader(`Bearer ${token}`)).rejects.toThrow(/expired/);
  });

  it('does not let a token with the same claims but another signature ride on a cached one', async () => {
    const auth = new Authenticator(config);
    const token = await auth.sign(viewer);
    await auth.verifyAuthorizationHeader(`Bearer ${token}`);
    const [header, payload] = token.split('.');
    await expect(auth.verifyAuthorizationHeader(`Bearer ${header}.${payload}.${'A'.repeat(43)}`)).rejects.toThrow();
    const other = await new SignJWT({ org: viewer.organizationId, role: Role.ORG_ADMIN })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(viewer.personId)
      .setIssuer(config.jwtIssuer)
      .setAudience(config.jwtAudience)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('another-secret-another-secret-another-secret'));
    await expect(auth.verifyAuthorizationHeader(`Bearer ${other}`)).rejects.toThrow();
  });
});
