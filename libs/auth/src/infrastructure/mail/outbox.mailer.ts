import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Mailer, type MailMessage } from '../../application/mailer.js';

export interface OutboxMailerSettings {
  /** Created on first use; relative paths are taken from the working directory. */
  directory: string;
  from: string;
}

/** What each outbox file holds: JSON, so a developer can read it and a test can parse it. */
export interface OutboxMail extends MailMessage {
  from: string;
  date: string;
}

/** `2025-01-31T09-15-02-123Z`: sorts by time and is safe in every file system. */
function fileTimestamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

function slug(recipient: string): string {
  return (
    recipient
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 64) || 'recipient'
  );
}

/**
 * The development mailer (no SMTP_URL): each message becomes a JSON file in the outbox directory,
 * and one log line says where. The log never carries the body: it holds one-time codes.
 */
export class OutboxMailer extends Mailer {
  private readonly logger = new Logger(OutboxMailer.name);
  private readonly directory: string;
  private readonly from: string;

  constructor(settings: OutboxMailerSettings) {
    super();
    this.directory = path.resolve(settings.directory);
    this.from = settings.from;
  }

  async send(message: MailMessage): Promise<void> {
    const now = new Date();
    const { to, subject, text, html } = message;
    const mail: OutboxMail = { from: this.from, to, date: now.toISOString(), subject, text, html };
    const name = `${fileTimestamp(now)}-${slug(message.to)}-${randomBytes(3).toString('hex')}.json`;
    const file = path.join(this.directory, name);
    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    // Written aside and renamed, so whoever watches the outbox never reads half a file.
    await writeFile(`${file}.partial`, `${JSON.stringify(mail, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    await rename(`${file}.partial`, file);
    this.logger.log(`Mail "${subject}" to ${to} written to ${file}`);
  }
}
