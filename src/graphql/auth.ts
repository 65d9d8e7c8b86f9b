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

export class Authenticator {
  private readonly secret: Uint8Array;
  private readonly jwks: JWTVerifyGetKey | null;

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

  /** Returns the viewer for a valid bearer token, null for no token; throws for a bad one. */
  async verifyAuthorizationHeader(header: string | undefined): Promise<Viewer | null> {
    if (!header) return null;
    const match = /^Bearer\s+([A-Za-z0-9_\-.]+)$/.exec(header.trim());
    if (!match?.[1]) throw new AuthenticationFailed('Authorization header must be "Bearer <token>"');
    const token = match[1];
    try {
      const opts = { issuer: this.config.jwtIssuer, audience: this.config.jwtAudience };
      const { payload } = this.jwks
        ? await jwtVerify(token, this.jwks, { ...opts, algorithms: ['RS256', 'ES256'] })
        : await jwtVerify(token, this.secret, { ...opts, algorithms: ['HS256'] });
      const { sub, org, role } = payload as { sub?: unknown; org?: unknown; role?: unknown };
      if (typeof sub !== 'string' || !UUID.test(sub) || typeof org !== 'string' || !UUID.test(org) || typeof role !== 'string' || !ROLES.has(role)) {
        throw new AuthenticationFailed('token is missing required claims');
      }
      return { personId: sub, organizationId: org, role: role as Role };
    } catch (err) {
      if (err instanceof AuthenticationFailed) throw err;
      throw new AuthenticationFailed('invalid or expired token');
    }
  }
}

export class AuthenticationFailed extends Error {}
