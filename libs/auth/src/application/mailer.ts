export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/**
 * Account mail (password reset codes) as a port: SMTP in production, files in a local outbox in
 * development. The sender address is the adapter's setting, not the caller's.
 */
export abstract class Mailer {
  /** Resolves once the message is handed over (accepted by the server, or written); rejects otherwise. */
  abstract send(message: MailMessage): Promise<void>;
}
