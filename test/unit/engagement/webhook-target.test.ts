import { describe, expect, it } from 'vitest';
import { PRIVATE_ADDRESS_REFUSED, guardedLookup, isNonPublicAddress, refuseWebhookUrl } from '../../../src/modules/engagement/webhook-target.js';

describe('webhook destinations', () => {
  it('classifies addresses: private, loopback, link-local, shared, multicast, reserved and their IPv6 forms are non-public', () => {
    for (const ip of ['127.0.0.1', '10.0.0.8', '172.16.5.4', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255', '::1', '::', 'fd12:3456::1', 'fe80::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:a9fe:a9fe', '64:ff9b::10.0.0.1']) {
      expect(isNonPublicAddress(ip), ip).toBe(true);
    }
    for (const ip of ['8.8.8.8', '172.32.0.1', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
      expect(isNonPublicAddress(ip), ip).toBe(false);
    }
    expect(isNonPublicAddress('not-an-ip')).toBe(true);
  });

  it('registration: https when required; no loopback names or non-public literals unless allowed', () => {
    const strict = { requireHttps: true, allowPrivateNetworks: false };
    expect(refuseWebhookUrl(new URL('https://hooks.example.com/x'), strict)).toBeNull();
    expect(refuseWebhookUrl(new URL('http://hooks.example.com/x'), strict)).toMatch(/https/);
    expect(refuseWebhookUrl(new URL('https://LOCALHOST/x'), strict)).not.toBeNull();
    expect(refuseWebhookUrl(new URL('https://[::ffff:127.0.0.1]/x'), strict)).not.toBeNull();
    expect(refuseWebhookUrl(new URL('https://0x7f000001/x'), strict)).not.toBeNull(); // URL normalises it to 127.0.0.1
    const open = { requireHttps: false, allowPrivateNetworks: true };
    expect(refuseWebhookUrl(new URL('http://127.0.0.1:9999/x'), open)).toBeNull();
  });

  it('delivery: the socket lookup refuses names that resolve to non-public addresses', async () => {
    const lookup = (policy: { requireHttps: boolean; allowPrivateNetworks: boolean }) =>
      new Promise<{ err: NodeJS.ErrnoException | null; address: string }>((resolve) => guardedLookup(policy)('localhost', { family: 4 }, (err, address) => resolve({ err, address: address as string })));
    const refused = await lookup({ requireHttps: false, allowPrivateNetworks: false });
    expect(refused.err?.code).toBe(PRIVATE_ADDRESS_REFUSED);
    const allowed = await lookup({ requireHttps: false, allowPrivateNetworks: true });
    expect(allowed.err).toBeNull();
    expect(allowed.address).toBe('127.0.0.1');
  });
});
