/** What delivery needs from an e-mail transport; the Node entry provides one over SMTP. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}
