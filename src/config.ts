/** Runtime configuration, all from the environment with development defaults. See README "Configuration". */
export interface AppConfig {
  port: number;
  host: string;
  jwtSecret: string;
  jwtIssuer: string;
  jwtAudience: string;
  jwksUrl: string | null;
  introspection: boolean;
  landingPage: boolean;
  exposeStackTraces: boolean;
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxCost: number;
  maxBodyBytes: number;
  /** Serve per-operation timings at /metrics (Prometheus text format). */
  metrics: boolean;
  seedPeople: number;
  seedValue: number;
  production: boolean;
  /** Webhook URLs must be https (default: in production). */
  webhookRequireHttps: boolean;
  /** Webhooks may target private, loopback and reserved addresses (default: outside production). */
  webhookAllowPrivateNetworks: boolean;
  /** Days the engagement log (dispatched events, ended webhook deliveries, attempts) is kept. */
  engagementRetentionDays: number;
}

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new Error(`${name} must be an integer, got "${raw}"`);
  return n;
}

function bool(name: string, fallback: boolean): boolean {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(raw.toLowerCase());
}

export const DEV_JWT_SECRET = 'dev-only-secret-change-me-in-production-0123456789';

export function loadConfig(): AppConfig {
  const production = process.env.NODE_ENV === 'production';
  // An empty JWT_SECRET counts as unset: it must never become an empty HMAC key.
  const jwtSecret = process.env.JWT_SECRET || DEV_JWT_SECRET;
  if (production && !process.env.JWKS_URL && (jwtSecret === DEV_JWT_SECRET || jwtSecret.length < 32)) {
    throw new Error('JWT_SECRET (at least 32 characters) or JWKS_URL must be set when NODE_ENV=production');
  }
  return {
    port: int('PORT', 4000),
    host: process.env.HOST ?? '127.0.0.1',
    jwtSecret,
    jwtIssuer: process.env.JWT_ISSUER ?? 'mentor-match',
    jwtAudience: process.env.JWT_AUDIENCE ?? 'mentor-match-api',
    jwksUrl: process.env.JWKS_URL ?? null,
    introspection: bool('GRAPHQL_INTROSPECTION', !production),
    landingPage: bool('GRAPHQL_LANDING_PAGE', !production),
    // Stack traces in responses are a development aid only: never in production, whatever the flag says.
    exposeStackTraces: !production && bool('GRAPHQL_DEBUG', false),
    maxDepth: int('GRAPHQL_MAX_DEPTH', 12),
    maxAliases: int('GRAPHQL_MAX_ALIASES', 30),
    maxTokens: int('GRAPHQL_MAX_TOKENS', 5000),
    maxCost: int('GRAPHQL_MAX_COST', 50000),
    maxBodyBytes: int('MAX_BODY_BYTES', 1_000_000),
    metrics: bool('METRICS', true),
    seedPeople: int('SEED_PEOPLE', 2000),
    seedValue: int('SEED', 42),
    production,
    webhookRequireHttps: bool('WEBHOOK_REQUIRE_HTTPS', production),
    webhookAllowPrivateNetworks: bool('WEBHOOK_ALLOW_PRIVATE_NETWORKS', !production),
    engagementRetentionDays: Math.max(1, int('ENGAGEMENT_RETENTION_DAYS', 30)),
  };
}
