import { lookup } from 'node:dns/promises';

/**
 * The Node resolver behind `AppDeps.resolveHost`: every address the system resolver
 * (getaddrinfo: /etc/hosts, then DNS) gives for a name, as `fetch` would connect to.
 */
export async function nodeResolveHost(host: string): Promise<string[]> {
  const name = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return (await lookup(name, { all: true })).map((a) => a.address);
}
