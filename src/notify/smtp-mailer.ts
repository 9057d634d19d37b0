import type { Transporter } from 'nodemailer';
import type { Mailer } from '../platform/mailer';

/**
 * Node-only: e-mail over SMTP (Workers cannot open sockets; there, webhooks only).
 * nodemailer (with the TLS, DNS and zlib modules it pulls in) is loaded on the first
 * message, not at start: most processes send none for hours, and start-up stays short.
 */
export function smtpMailer(url: string, from: string): Mailer & { close(): void } {
  let transport: Promise<Transporter> | undefined;
  const open = () => {
    transport ??= import('nodemailer').then((nodemailer) => nodemailer.default.createTransport(url));
    return transport;
  };
  return {
    async send(message) {
      await (await open()).sendMail({ from, ...message });
    },
    close: () => {
      void transport?.then((opened) => opened.close());
    },
  };
}
