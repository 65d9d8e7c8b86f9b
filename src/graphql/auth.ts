import { webcrypto } from 'node:crypto';
import { SignJWT, createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { AppConfig } from '../config.js';
import { Role } from '../modules/person/person.enums.js';

/** Who is asking. Taken from a verified token; never from anything else the client sends. */
export interface Viewer {
  personId: string;
  organizationId: string;
  role: Role;
}

const ROLES = new Set<string>(Object.values(Role));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Verified tokens are remembered (bounded, until they expire and at most CACHE_TTL_MS): a client
 * sends the same token with every request, and verifying it again costs ~0.1 ms of CPU each time
 * (WebCrypto HMAC), a tenth of a core at 1,000 req/s. With JWKS, a removed key stops being
 * accepted within CACHE_TTL_MS.
 */
const CACHE_MAX = 10_000;
const CACHE_TTL_MS = 5 * 60_000;

export class Authenticator {
  private readonly secret: Uint8Array;
  private readonly jwks: JWTVerifyGetKey | null;
  private readonly verified = new Map<string, { viewer: Viewer; until: number }>();
  /** The HS256 secret imported once: given raw bytes, jose imports them again on every verification. */
  private verifyKey: Promise<webcrypto.CryptoKey> | null = null;

  constructor(private readonly config: Pick<AppConfig, 'jwtSecret' | 'jwtIssuer' | 'jwtAudience' | 'jwksUrl'>) {
    this.secret = new TextEncoder().encode(config.jwtSecret);
    this.jwks = config.jwksUrl ? createRemoteJWKSet(new URL(config.jwksUrl)) : null;
  }

  /** Dev tokens: HS256 with the configured secret. */
  async sign(viewer: Viewer, expiresIn = '30d'): Promise<string> {
    return new SignJWT({ org: viewer.organizationId, role: viewer.role })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(viewer.personId)
      .setIssuer(this.config.jwtIssuer)
      .setAudience(this.config.jwtAudience)
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(this.secret);
  }

  private hmacKey(): Promise<webcrypto.CryptoKey> {
    return (this.verifyKey ??= webcrypto.subtle.importKey('raw', this.secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']));
  }

  /** Returns the viewer for a valid bearer token, null for no token; throws for a bad one. */
  async verifyAuthorizationHeader(header: string | undefined): Promise<Viewer | null> {
    if (!header) return null;
    const match = /^Bearer\s+([A-Za-z0-9_\-.]+)$/.exec(header.trim());
    if (!match?.[1]) throw new AuthenticationFailed('Authorization header must be "Bearer <token>"');
    const token = match[1];
    const known = this.verified.get(token);
    if (known) {
      if (known.until > Date.now()) return known.viewer;
      this.verified.delete(token);
    }
    try {
      const opts = { issuer: this.config.jwtIssuer, audience: this.config.jwtAudience };
      const { payload } = this.jwks
        ? await jwtVerify(token, this.jwks, { ...opts, algorithms: ['RS256', 'ES256'] })
        : await jwtVerify(token, await this.hmacKey(), { ...opts, algorithms: ['HS256'] });
      const { sub, org, role, exp } = payload as { sub?: unknown; org?: unknown; role?: unknown; exp?: number };
      if (typeof sub !== 'string' || !UUID.test(sub) || typeof org !== 'string' || !UUID.test(org) || typeof role !== 'string' || !ROLES.has(role)) {
        throw new AuthenticationFailed('token is missing required claims');
      }
      const viewer: Viewer = { personId: sub, organizationId: org, role: role as Role };
      if (this.verified.size >= CACHE_MAX) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, { viewer, until: Math.min(Date.now() + CACHE_TTL_MS, typeof exp === 'number' ? exp * 1000 : Infinity) });
      return viewer;
    } catch (err) {
      if (err instanceof AuthenticationFailed) throw err;
      throw new AuthenticationFailed('invalid or expired token');
    }
  }
}

export class AuthenticationFailed extends Error {}
