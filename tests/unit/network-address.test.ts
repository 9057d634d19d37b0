import { describe, expect, it } from 'vitest';
import { type AddressKind, classifyAddress, classifyHost, parseIPv6 } from '../../src/domain/network-address';
import {
  deliveryTargetProblem,
  hostProblem,
  UnresolvableHostError,
  urlFormProblem,
} from '../../src/modules/webhooks/webhook-target';
import { nodeResolveHost } from '../../src/platform/node-resolve-host';

/** A URL's host as the WHATWG parser canonicalises it, then classified. */
const kindOfUrl = (url: string): AddressKind => classifyHost(new URL(url).hostname);

describe('the host of a webhook URL', () => {
  it.each<[string, AddressKind]>([
    // Loopback in every form the URL parser accepts.
    ['http://127.0.0.1/', 'loopback'],
    ['http://127.255.255.254:8080/x', 'loopback'],
    ['http://2130706433/', 'loopback'],
    ['http://0x7f000001/', 'loopback'],
    ['http://0x7F.0.0.1/', 'loopback'],
    ['http://0177.0.0.1/', 'loopback'],
    ['http://017700000001/', 'loopback'],
    ['http://127.1/', 'loopback'],
    ['http://127.0.1/', 'loopback'],
    ['http://127.0.0.1./', 'loopback'],
    ['http://%31%32%37.0.0.1/', 'loopback'],
    ['http://１２７.０.０.１/', 'loopback'],
    ['http://localhost/', 'loopback'],
    ['http://LOCALHOST./', 'loopback'],
    ['http://api.localhost/', 'loopback'],
    ['http://[::1]/', 'loopback'],
    ['http://[0:0:0:0:0:0:0:1]/', 'loopback'],
    // IPv4-mapped, -compatible, NAT64 and 6to4 IPv6 carry the IPv4 address's kind.
    ['http://[::ffff:127.0.0.1]/', 'loopback'],
    ['http://[::ffff:7f00:1]/', 'loopback'],
    ['http://[0:0:0:0:0:ffff:127.0.0.1]/', 'loopback'],
    ['http://[::ffff:10.1.2.3]/', 'private'],
    ['http://[::ffff:169.254.169.254]/', 'metadata'],
    ['http://[::ffff:8.8.8.8]/', 'public'],
    ['http://[::127.0.0.1]/', 'loopback'],
    ['http://[::8.8.8.8]/', 'reserved'],
    ['http://[64:ff9b::127.0.0.1]/', 'loopback'],
    ['http://[64:ff9b::8.8.8.8]/', 'public'],
    ['http://[2002:7f00:1::]/', 'loopback'],
    ['http://[2002:c0a8:101::1]/', 'private'],
    // Unspecified: 0.0.0.0 reaches the local host on most systems.
    ['http://0.0.0.0/', 'unspecified'],
    ['http://0/', 'unspecified'],
    ['http://0.1.2.3/', 'unspecified'],
    ['http://[::]/', 'unspecified'],
    // RFC 1918 and their edges.
    ['http://10.0.0.1/', 'private'],
    ['http://10.255.255.255/', 'private'],
    ['http://167772161/', 'private'],
    ['http://172.16.0.1/', 'private'],
    ['http://172.31.255.255/', 'private'],
    ['http://172.15.255.255/', 'public'],
    ['http://172.32.0.0/', 'public'],
    ['http://192.168.1.1/', 'private'],
    ['http://0xc0a80101/', 'private'],
    ['http://192.169.0.1/', 'public'],
    // Link-local, and the metadata service inside it.
    ['http://169.254.169.254/latest/meta-data/', 'metadata'],
    ['http://0xa9fea9fe/', 'metadata'],
    ['http://2852039166/', 'metadata'],
    ['http://169.254.0.1/', 'link-local'],
    ['http://[fe80::1]/', 'link-local'],
    ['http://[febf::1]/', 'link-local'],
    ['http://[fd00:ec2::254]/', 'metadata'],
    ['http://100.100.100.200/', 'metadata'],
    ['http://metadata.google.internal/computeMetadata/v1/', 'metadata'],
    ['http://METADATA.GOOGLE.INTERNAL./', 'metadata'],
    ['http://metadata/', 'metadata'],
    // Unique-local, site-local, CGNAT.
    ['http://[fc00::1]/', 'unique-local'],
    ['http://[fd12:3456:789a::1]/', 'unique-local'],
    ['http://[fec0::1]/', 'private'],
    ['http://100.64.0.1/', 'shared'],
    ['http://100.127.255.255/', 'shared'],
    ['http://100.63.255.255/', 'public'],
    ['http://100.128.0.0/', 'public'],
    // Multicast, broadcast, documentation, benchmarking, future use.
    ['http://224.0.0.1/', 'multicast'],
    ['http://239.255.255.250/', 'multicast'],
    ['http://[ff02::1]/', 'multicast'],
    ['http://255.255.255.255/', 'broadcast'],
    ['http://4294967295/', 'broadcast'],
    ['http://240.0.0.1/', 'reserved'],
    ['http://192.0.2.10/', 'reserved'],
    ['http://198.18.0.1/', 'reserved'],
    ['http://198.51.100.7/', 'reserved'],
    ['http://203.0.113.9/', 'reserved'],
    ['http://192.0.0.8/', 'reserved'],
    ['http://[2001:db8::1]/', 'reserved'],
    ['http://[2001::1]/', 'reserved'],
    ['http://[100::1]/', 'reserved'],
    ['http://[3fff::1]/', 'reserved'],
    ['http://[4000::1]/', 'reserved'],
    // Private-use names.
    ['http://printer.local/', 'private'],
    ['http://build.corp.internal/', 'private'],
    ['http://nas.home.arpa/', 'private'],
    // Public.
    ['https://hooks.example.com/itaku', 'public'],
    ['https://8.8.8.8/', 'public'],
    ['https://134744072/', 'public'],
    ['https://[2606:4700:4700::1111]/', 'public'],
    ['https://127.0.0.1.example.com/', 'public'],
    ['https://localhost.example.com/', 'public'],
    ['https://xn--r8jz45g.jp/', 'public'],
    ['https://例え.jp/', 'public'],
  ])('%s is %s', (url, kind) => {
    expect(kindOfUrl(url)).toBe(kind);
    expect(hostProblem(url) === null).toBe(kind === 'public');
  });

  it('names the kind and the host in the refusal', () => {
    expect(hostProblem('http://0x7f000001/')).toBe(
      'must not point at a loopback address (127.0.0.1): webhooks reach only public hosts',
    );
    expect(hostProblem('http://[::ffff:127.0.0.1]/')).toContain('a loopback address ([::ffff:7f00:1])');
    expect(hostProblem('http://169.254.169.254/')).toContain('a cloud metadata service');
  });
});

describe('the form of a webhook URL', () => {
  it.each<[string, string | null]>([
    ['https://hooks.example.com/x', null],
    ['http://hooks.example.com:8080/x?y=1', null],
    ['ftp://example.com/x', 'must be an http:// or https:// URL'],
    ['file:///etc/passwd', 'must be an http:// or https:// URL'],
    ['gopher://127.0.0.1:6379/_', 'must be an http:// or https:// URL'],
    ['javascript:alert(1)', 'must be an http:// or https:// URL'],
    ['not a url', 'must be an http:// or https:// URL'],
    ['http://1.2.3.4.5/', 'must be an http:// or https:// URL'],
    ['https://user:pass@hooks.example.com/', 'must not contain a user name or password'],
    ['https://user@hooks.example.com/', 'must not contain a user name or password'],
    ['https://:pass@hooks.example.com/', 'must not contain a user name or password'],
  ])('%s', (url, problem) => {
    expect(urlFormProblem(url)).toBe(problem);
  });
});

describe('resolved addresses', () => {
  it.each<[string, AddressKind | null]>([
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['fe80::1%eth0', 'link-local'],
    ['10.1.2.3', 'private'],
    ['93.184.215.14', 'public'],
    ['2606:2800:21f:cb07:6820:80da:af6b:8b2c', 'public'],
    ['1.2.3', null],
    ['01.2.3.4', null],
    ['256.1.1.1', null],
    ['1::2::3', null],
    ['1:2:3:4:5:6:7:8:9', null],
    ['example.com', null],
  ])('%s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it('parses every IPv6 spelling of one address alike', () => {
    const forms = ['::ffff:127.0.0.1', '0:0:0:0:0:ffff:7f00:1', '::FFFF:7F00:0001', '0::ffff:127.0.0.1'];
    expect(new Set(forms.map(parseIPv6)).size).toBe(1);
  });

  const resolver =
    (table: Record<string, string[]>) =>
    async (host: string): Promise<string[]> => {
      const addresses = table[host];
      if (!addresses) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
      return addresses;
    };
  const dns = resolver({
    'hooks.example.com': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
    'rebind.example.com': ['93.184.215.14', '10.0.0.5'],
    'mapped.example.com': ['::ffff:169.254.169.254'],
    'empty.example.com': [],
  });

  it('refuses a public name when any of its addresses is not public', async () => {
    expect(await deliveryTargetProblem('https://hooks.example.com/x', dns)).toBeNull();
    expect(await deliveryTargetProblem('https://rebind.example.com/x', dns)).toBe(
      'must not point at a private network (rebind.example.com resolves to 10.0.0.5): webhooks reach only public hosts',
    );
    expect(await deliveryTargetProblem('https://mapped.example.com/x', dns)).toContain('a cloud metadata service');
  });

  it('refuses literal hosts and bad forms without resolving anything', async () => {
    const never = async (): Promise<string[]> => {
      throw new Error('resolved');
    };
    expect(await deliveryTargetProblem('http://0x7f000001/', never)).toContain('a loopback address');
    expect(await deliveryTargetProblem('http://[fc00::1]/', never)).toContain('unique-local');
    expect(await deliveryTargetProblem('https://u:p@hooks.example.com/', never)).toContain('user name or password');
    expect(await deliveryTargetProblem('https://8.8.8.8/', never)).toBeNull();
  });

  it('checks only the literal host without a resolver (Workers)', async () => {
    expect(await deliveryTargetProblem('https://rebind.example.com/x')).toBeNull();
    expect(await deliveryTargetProblem('http://10.0.0.5/x')).toContain('a private network');
  });

  it('reports a name that does not resolve as a retryable failure', async () => {
    await expect(deliveryTargetProblem('https://missing.example.com/', dns)).rejects.toThrow(
      new UnresolvableHostError('missing.example.com', { code: 'ENOTFOUND' }),
    );
    await expect(deliveryTargetProblem('https://empty.example.com/', dns)).rejects.toBeInstanceOf(
      UnresolvableHostError,
    );
  });

  it('resolves every address of a name with the Node resolver', async () => {
    // localhost comes from the hosts file: no query leaves the machine.
    const addresses = await nodeResolveHost('localhost');
    expect(addresses.length).toBeGreaterThan(0);
    expect(addresses.map((a) => classifyAddress(a))).toEqual(addresses.map(() => 'loopback'));
    expect(await nodeResolveHost('[::1]')).toEqual(['::1']);
  });
});
