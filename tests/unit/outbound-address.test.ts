/**
 * Where outbound requests may go: the address classification over every notation an attacker
 * can write an address in, the URL refusals and their messages, and the allow-list (names,
 * addresses, CIDR ranges).
 */
import { describe, expect, it } from 'vitest';
import { addressBytes } from '@/lib/outbound/address';
import { refuseAddresses } from '@/lib/outbound/lookup';
import { classifyAddress, EMPTY_ALLOW_LIST, isAllowed, parseAllowList, refuseUrl } from '@/lib/outbound';

describe('classifyAddress', () => {
  it.each([
    // IPv4 edges around the special ranges
    ['8.8.8.8', 'public'],
    ['100.63.255.255', 'public'],
    ['100.128.0.0', 'public'],
    ['172.15.255.255', 'public'],
    ['172.32.0.0', 'public'],
    ['192.169.0.0', 'public'],
    ['198.17.255.255', 'public'],
    ['198.20.0.0', 'public'],
    ['223.255.255.255', 'public'],
    ['1.0.0.0', 'public'],
    ['2001:4860:4860::8888', 'public'],
    ['::ffff:8.8.8.8', 'public'],
    ['64:ff9b::8.8.8.8', 'public'],
    ['2002:808:808::1', 'public'],
    // private unless allow-listed
    ['127.0.0.1', 'private'],
    ['127.255.255.254', 'private'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['100.127.255.255', 'private'],
    ['0.0.0.0', 'private'],
    ['0.1.2.3', 'private'],
    ['198.18.0.1', 'private'],
    ['198.19.255.255', 'private'],
    ['192.0.2.1', 'private'],
    ['224.0.0.1', 'private'],
    ['239.255.255.250', 'private'],
    ['240.0.0.1', 'private'],
    ['255.255.255.255', 'private'],
    ['::1', 'private'],
    ['::', 'private'],
    ['[::1]', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fec0::1', 'private'],
    ['ff02::1', 'private'],
    ['2001:db8::1', 'private'],
    ['64:ff9b:1::a00:1', 'private'],
    // IPv4 inside IPv6
    ['::ffff:127.0.0.1', 'private'],
    ['::ffff:7f00:1', 'private'],
    ['::FFFF:7F00:0001', 'private'],
    ['0:0:0:0:0:ffff:127.0.0.1', 'private'],
    ['::ffff:0:7f00:1', 'private'],
    ['::127.0.0.1', 'private'],
    ['::a00:1', 'private'],
    ['64:ff9b::7f00:1', 'private'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['2002:7f00:1::', 'private'],
    ['2002:c0a8:101::1', 'private'],
    ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'private'], // Teredo, client 127.0.0.1 inverted
    // decimal, octal and hex IPv4 notations
    ['2130706433', 'private'],
    ['0177.0.0.1', 'private'],
    ['0x7f.1', 'private'],
    ['0x7f000001', 'private'],
    ['127.1', 'private'],
    ['017700000001', 'private'],
    // never
    ['169.254.169.254', 'forbidden'],
    ['169.254.0.1', 'forbidden'],
    ['100.100.100.200', 'forbidden'],
    ['168.63.129.16', 'forbidden'],
    ['192.0.0.192', 'forbidden'],
    ['2852039166', 'forbidden'],
    ['0251.0376.0251.0376', 'forbidden'],
    ['0xa9.0xfe.0xa9.0xfe', 'forbidden'],
    ['fe80::1', 'forbidden'],
    ['febf::1', 'forbidden'],
    ['fe80::1%eth0', 'forbidden'],
    ['fd00:ec2::254', 'forbidden'],
    ['::ffff:169.254.169.254', 'forbidden'],
    ['::ffff:a9fe:a9fe', 'forbidden'],
    ['64:ff9b::a9fe:a9fe', 'forbidden'],
    ['2002:a9fe:a9fe::', 'forbidden'],
  ])('%s is %s', (address, kind) => {
    expect(classifyAddress(address)?.kind).toBe(kind);
  });

  it.each(['example.com', '', 'localhost', '1.2.3.4.5', '256.1.1.1', '::ffff:1:2:3:4:5:6:7', '12345678901234567890'])(
    '%j is not an address',
    (text) => {
      expect(classifyAddress(text)).toBeNull();
    },
  );

  it('names the range', () => {
    expect(classifyAddress('100.64.1.1')?.range).toBe('carrier-grade NAT');
    expect(classifyAddress('64:ff9b::7f00:1')?.range).toBe('loopback inside NAT64');
    expect(classifyAddress('198.18.5.5')?.range).toBe('benchmarking');
  });
});

describe('refuseUrl', () => {
  const none = EMPTY_ALLOW_LIST;
  it.each([
    ['http://2130706433/', /private or loopback address \(loopback; allow it with OUTBOUND_ALLOW\)/],
    ['http://0177.0.0.1/', /private or loopback address \(loopback/],
    ['http://0x7f.1:8080/', /private or loopback address \(loopback/],
    ['http://[::ffff:127.0.0.1]/', /private or loopback address \(loopback/],
    ['http://[::ffff:0:7f00:1]/', /private or loopback/],
    ['http://[64:ff9b::10.0.0.1]/', /private or loopback address \(private \(RFC 1918\) inside NAT64/],
    ['http://[2002:c0a8:101::1]/', /inside 6to4/],
    ['http://[fc00::1]/', /unique-local/],
    ['http://[fec0::1]/', /site-local/],
    ['http://198.18.0.1/', /benchmarking/],
    ['http://0.0.0.0:3000/', /unspecified/],
    ['http://100.64.0.1/', /carrier-grade NAT/],
    ['http://localhost./', /private or loopback/],
    ['http://api.localhost/', /private or loopback/],
    ['http://[::ffff:a9fe:a9fe]/', /^must not point at a link-local or cloud metadata address$/],
    ['http://2852039166/latest/meta-data/', /link-local or cloud metadata/],
    ['http://[64:ff9b::a9fe:a9fe]/', /link-local or cloud metadata/],
    ['http://metadata.google.internal./computeMetadata/v1/', /link-local or cloud metadata/],
    ['http://METADATA.GOOG/', /link-local or cloud metadata/],
    ['http://168.63.129.16/machine', /link-local or cloud metadata/],
    ['file:///etc/passwd', /must be an http:\/\/ or https:\/\/ URL/],
    ['gopher://127.0.0.1:6379/', /must be an http:\/\/ or https:\/\/ URL/],
    ['https://user:pass@hooks.example/', /user name or password/],
    ['http://[::1', /valid URL/],
  ])('refuses %s', (url, message) => {
    expect(refuseUrl(url, none)).toMatch(message);
  });

  it('accepts public names and addresses, and private ones on the list, never forbidden ones', () => {
    expect(refuseUrl('https://hooks.slack.com/services/T/B/X', none)).toBeNull();
    expect(refuseUrl('http://8.8.8.8/', none)).toBeNull();
    expect(refuseUrl('http://2130706433/', parseAllowList('127.0.0.0/8'))).toBeNull();
    expect(refuseUrl('http://[::ffff:10.1.2.3]/', parseAllowList('10.0.0.0/8'))).toBeNull();
    expect(refuseUrl('http://hooks.internal./x', parseAllowList('HOOKS.internal'))).toBeNull();
    expect(refuseUrl('http://localhost:3000/', parseAllowList('localhost'))).toBeNull();
    expect(refuseUrl('http://169.254.169.254/', parseAllowList('169.254.169.254'))).toMatch(/link-local/);
    expect(refuseUrl('http://169.254.169.254/', parseAllowList('169.254.0.0/16, 0.0.0.0/0'))).toMatch(/link-local/);
    expect(refuseUrl('http://metadata.google.internal/', parseAllowList('metadata.google.internal'))).toMatch(
      /cloud metadata/,
    );
  });
});

describe('addresses a name resolves to', () => {
  it('refuses the name when any one of them is refused', () => {
    expect(
      refuseAddresses('hooks.example', ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'], EMPTY_ALLOW_LIST),
    ).toBeNull();
    expect(refuseAddresses('hooks.example', ['93.184.215.14', '10.0.0.1'], EMPTY_ALLOW_LIST)).toMatch(
      /^refused: hooks.example resolves to 10.0.0.1, a private or loopback address/,
    );
    expect(refuseAddresses('hooks.example', ['10.0.0.1', '169.254.169.254'], parseAllowList('hooks.example'))).toMatch(
      /169.254.169.254, a link-local or cloud metadata address/,
    );
    expect(refuseAddresses('hooks.example', ['10.0.0.1', '192.168.0.1'], parseAllowList('hooks.example'))).toBeNull();
    expect(refuseAddresses('hooks.example', ['::ffff:10.0.0.9'], parseAllowList('10.0.0.9'))).toBeNull();
    expect(refuseAddresses('metadata.goog', ['8.8.8.8'], EMPTY_ALLOW_LIST)).toMatch(/cloud metadata/);
  });
});

describe('allow-list', () => {
  it('holds names, addresses and CIDR ranges, compared in one form', () => {
    const allow = parseAllowList(' 10.0.0.7 , Hooks.Internal., 10.20.0.0/16, fd00::/8, 0x7f.1 ');
    const bytes = (a: string) => addressBytes(a)!;
    expect(isAllowed(allow, 'x.example', bytes('10.0.0.7'))).toBe(true);
    expect(isAllowed(allow, 'x.example', bytes('::ffff:10.0.0.7'))).toBe(true);
    expect(isAllowed(allow, 'x.example', bytes('10.0.0.8'))).toBe(false);
    expect(isAllowed(allow, 'x.example', bytes('10.20.255.1'))).toBe(true);
    expect(isAllowed(allow, 'x.example', bytes('10.21.0.1'))).toBe(false);
    expect(isAllowed(allow, 'x.example', bytes('fd12::1'))).toBe(true);
    expect(isAllowed(allow, 'x.example', bytes('fc00::1'))).toBe(false);
    expect(isAllowed(allow, 'x.example', bytes('127.0.0.1'))).toBe(true);
    expect(isAllowed(allow, 'hooks.internal', bytes('192.168.9.9'))).toBe(true);
    expect(isAllowed(allow, 'HOOKS.INTERNAL.', null)).toBe(true);
    expect(isAllowed(allow, 'other.internal', null)).toBe(false);
  });

  it.each([
    'hooks internal',
    '10.0.0.0/33',
    '::/129',
    '10.0.0.0/8/8',
    'http://hooks.example',
    '-bad.example',
    '10.0.0.0/x',
  ])('refuses %j naming it', (entry) => {
    expect(() => parseAllowList(entry)).toThrow(`"${entry}" is not a host name, IP address or CIDR range`);
  });
});
