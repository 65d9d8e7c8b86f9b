/**
 * Where webhooks may be sent. An organisation admin chooses the URL, and the server makes the
 * request: without a guard, a webhook is a way to make the server POST into its own network
 * (cloud metadata at 169.254.169.254, the database host, admin ports on loopback). So, in
 * production by default:
 *   - only https URLs are accepted;
 *   - hosts that are, or resolve to, private, loopback, link-local, shared, multicast or reserved
 *     addresses are refused — at registration (IP literals and localhost names) and again at
 *     delivery, inside the socket's own DNS lookup, so the address checked is the address used
 *     (a name that resolves elsewhere later cannot slip past the check: no DNS rebinding window).
 * Development and tests deliver to loopback receivers, hence the switches (see README).
 */
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { loadConfig } from '../../config.js';

export interface WebhookNetworkPolicy {
  /** Refuse plain-http URLs. */
  readonly requireHttps: boolean;
  /** Allow private, loopback and other non-public destinations. */
  readonly allowPrivateNetworks: boolean;
}

/** The policy this process runs with (WEBHOOK_REQUIRE_HTTPS, WEBHOOK_ALLOW_PRIVATE_NETWORKS). */
export function webhookPolicyFromEnv(): WebhookNetworkPolicy {
  const config = loadConfig();
  return { requireHttps: config.webhookRequireHttps, allowPrivateNetworks: config.webhookAllowPrivateNetworks };
}

const blocked = new net.BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  blocked.addSubnet(prefix, bits, 'ipv4');
}
for (const [prefix, bits] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard-only
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  blocked.addSubnet(prefix, bits, 'ipv6');
}

/** The IPv4 address an IPv6 address embeds (mapped ::ffff:a.b.c.d, or NAT64 64:ff9b::/96), if any. */
function embeddedIpv4(ip: string): string | null {
  const lower = ip.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1]!;
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex) {
    const hi = parseInt(hex[1]!, 16);
    const lo = parseInt(hex[2]!, 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return null;
}

/** True for any address a webhook must not reach unless private networks are allowed. */
export function isNonPublicAddress(ip: string): boolean {
  const family = net.isIP(ip);
  if (family === 4) return blocked.check(ip, 'ipv4');
  if (family === 6) {
    const v4 = embeddedIpv4(ip);
    if (v4 !== null) return blocked.check(v4, 'ipv4');
    return blocked.check(ip, 'ipv6');
  }
  return true; // not an address at all: refuse rather than guess
}

/** Why `url` may not be registered under `policy`, or null when it may. */
export function refuseWebhookUrl(url: URL, policy: WebhookNetworkPolicy): string | null {
  if (policy.requireHttps && url.protocol !== 'https:') return 'Use an https URL.';
  if (policy.allowPrivateNetworks) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return 'Webhooks cannot be sent to this server\'s own network.';
  if (net.isIP(host) !== 0 && isNonPublicAddress(host)) return 'Webhooks cannot be sent to private, loopback or reserved addresses.';
  return null;
}

/** Error code of a delivery refused because its host resolved to a non-public address. */
export const PRIVATE_ADDRESS_REFUSED = 'EPRIVATEADDRESS';

/**
 * A `lookup` for sockets that resolves as usual, then refuses when any resolved address is
 * non-public (every address, since the socket may try the next one).
 */
export function guardedLookup(policy: WebhookNetworkPolicy): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as dns.LookupAddress[];
      if (!policy.allowPrivateNetworks && (list.length === 0 || list.some((a) => isNonPublicAddress(a.address)))) {
        const refused = Object.assign(new Error(`${hostname} resolves to a non-public address; refused`), { code: PRIVATE_ADDRESS_REFUSED });
        return callback(refused, '', 0);
      }
      if ((options as dns.LookupOptions).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      const first = list[0]!;
      callback(null, first.address, first.family);
    });
  };
}

export interface WebhookPost {
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly signal: AbortSignal;
}

/** The HTTP client of webhook deliveries: returns the status code; never follows redirects. */
export type WebhookSender = (url: string, request: WebhookPost) => Promise<{ status: number }>;

/** A sender over node:http(s) whose connections go only where `policy` allows. */
export function guardedSender(policy: WebhookNetworkPolicy): WebhookSender {
  const lookup = guardedLookup(policy);
  return (raw, request) =>
    new Promise((resolve, reject) => {
      const url = new URL(raw);
      const refused = refuseWebhookUrl(url, policy);
      if (refused) return reject(Object.assign(new Error(refused), { code: PRIVATE_ADDRESS_REFUSED }));
      const client = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : null;
      if (!client) return reject(new Error(`unsupported protocol ${url.protocol}`));
      const req = client.request(
        url,
        { method: 'POST', headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) }, lookup, signal: request.signal, agent: false },
        (res) => {
          res.resume(); // the body is not needed; drain it so the socket closes cleanly
          res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(request.body);
    });
}
