import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signing, Stripe/Standard-Webhooks style: the signature is HMAC-SHA256, keyed with the
 * endpoint's secret, over `${timestamp}.${body}` — the timestamp (Unix seconds, also sent in a
 * header) is inside the MAC, so a captured request cannot be replayed later with a fresh one.
 */
export const SIGNATURE_HEADER = 'x-mentormatch-signature';
export const TIMESTAMP_HEADER = 'x-mentormatch-timestamp';
export const EVENT_ID_HEADER = 'x-mentormatch-event-id';
export const EVENT_TYPE_HEADER = 'x-mentormatch-event-type';
export const SIGNATURE_VERSION = 'v1';
/** Receivers should reject timestamps further than this from their clock. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `${SIGNATURE_VERSION}=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

/** What a receiver does: recompute and compare in constant time, then check the timestamp is fresh. */
export function verifyWebhookSignature(args: { secret: string; timestamp: string; body: string; signature: string; nowSeconds: number; toleranceSeconds?: number }): boolean {
  const ts = Number(args.timestamp);
  if (!/^\d{1,12}$/.test(args.timestamp) || Math.abs(args.nowSeconds - ts) > (args.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return false;
  const expected = Buffer.from(signWebhook(args.secret, args.timestamp, args.body));
  const given = Buffer.from(args.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
