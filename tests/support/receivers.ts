import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedRequest {
  headers: IncomingMessage['headers'];
  body: string;
  /** With a `secret`: whether X-Itaku-Signature is the HMAC-SHA256 of the body under it. */
  verified?: boolean;
}

export interface ReceiverOptions {
  /** Verify each signature as a receiver would, answering 401 when it does not match. */
  secret?: string;
  /** Read each request and never answer it (a receiver that hangs). */
  hang?: boolean;
}

/** A real HTTP receiver on 127.0.0.1 answering every POST with `status()`. */
export async function httpReceiver(status: () => number = () => 204, options: ReceiverOptions = {}) {
  const received: ReceivedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const request: ReceivedRequest = { headers: req.headers, body };
      if (options.secret !== undefined) {
        const expected = `sha256=${createHmac('sha256', options.secret).update(body).digest('hex')}`;
        const given = String(req.headers['x-itaku-signature'] ?? '');
        request.verified =
          given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
      }
      received.push(request);
      if (options.hang) return;
      res.statusCode = request.verified === false ? 401 : status();
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A hanging receiver still holds its connections open.
        server.closeAllConnections();
      }),
  };
}

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on 127.0.0.1 (no TLS, no auth) that keeps what it receives. */
export async function smtpReceiver() {
  const received: ReceivedMail[] = [];
  let reject = false;
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (reject) callback(new Error('mailbox unavailable'));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** Refuse every recipient from now on (a failing SMTP relay). */
    refuse: (on: boolean) => {
      reject = on;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Waits until `check` holds, polling; fails after `ms`. */
export async function eventually(check: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}
