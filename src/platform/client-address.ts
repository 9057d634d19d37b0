import type { Context } from 'hono';

/** What @hono/node-server passes as the environment: the Node request, whose socket knows the peer. */
interface NodeBindings {
  incoming?: { socket?: { remoteAddress?: string } };
}

const MAX_ADDRESS = 64;

/**
 * The client's address, for throttling failed attempts per address. Through the Node
 * server, the peer of the TCP connection (behind a reverse proxy that is the proxy: all
 * its clients then share one count); there no header is believed, as anyone could send
 * one. On Workers, `CF-Connecting-IP`, which Cloudflare sets and a client cannot
 * override. Null when neither is known.
 */
export function clientAddress(c: Context): string | null {
  const incoming = (c.env as NodeBindings | undefined)?.incoming;
  const address = incoming ? incoming.socket?.remoteAddress : c.req.header('cf-connecting-ip');
  const trimmed = address?.trim();
  return trimmed && trimmed.length <= MAX_ADDRESS ? trimmed : null;
}
