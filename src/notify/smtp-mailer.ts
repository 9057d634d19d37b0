import nodemailer from 'nodemailer';
import type { Mailer } from '../platform/mailer';

/** Node-only: e-mail over SMTP (Workers cannot open sockets; there, webhooks only). */
export function smtpMailer(url: string, from: string): Mailer & { close(): void } {
  const transport = nodemailer.createTransport(url);
  return {
    async send(message) {
      await transport.sendMail({ from, ...message });
    },
    close: () => transport.close(),
  };
}
