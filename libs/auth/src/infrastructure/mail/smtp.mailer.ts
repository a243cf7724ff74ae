import type { OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import { Mailer, type MailMessage } from '../../application/mailer.js';

export interface SmtpMailerSettings {
  /** smtp:// (STARTTLS when offered) or smtps:// (TLS from the start), credentials URL-encoded. */
  url: string;
  /** The From header, e.g. `TechTrek <no-reply@techtrek.app>`. */
  from: string;
}

type SmtpOptions = Omit<SMTPPool.Options, 'pool'>;

/** A dead or silent server fails a request within seconds instead of nodemailer's minutes. */
const DEFAULTS: SmtpOptions = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 10_000 };
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Connection options from an SMTP URL, read as nodemailer reads one: scheme, host, port,
 * credentials, and query parameters as further options (`?requireTLS=true`,
 * `?tls.rejectUnauthorized=false`; "true"/"false" and integers are converted).
 */
export function smtpOptionsFromUrl(smtpUrl: string): SmtpOptions {
  const url = URL.canParse(smtpUrl) ? new URL(smtpUrl) : undefined;
  // Not URL's own TypeError: it carries the input, password included, into whatever logs it.
  if (url === undefined) throw new Error('SMTP_URL is not a valid URL');
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new Error(`SMTP_URL must start with smtp:// or smtps:// (got ${url.protocol}//)`);
  }
  const options: Record<string, unknown> = {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    secure: url.protocol === 'smtps:',
  };
  if (url.port !== '') options.port = Number(url.port);
  if (url.username !== '' || url.password !== '') {
    options.auth = { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) };
  }
  for (const [key, raw] of url.searchParams) {
    const value = raw === 'true' ? true : raw === 'false' ? false : /^\d+$/.test(raw) ? Number(raw) : raw;
    const [name, nested] = key.split('.', 2) as [string, string | undefined];
    if (UNSAFE_KEYS.has(name) || (nested !== undefined && UNSAFE_KEYS.has(nested))) continue;
    if (nested === undefined) options[name] = value;
    else options[name] = { ...(options[name] as object | undefined), [nested]: value };
  }
  return options as SmtpOptions;
}

/** Sends through a pool of SMTP connections, closed when the module shuts down. Built by `mailerProvider`. */
export class SmtpMailer extends Mailer implements OnModuleDestroy {
  private readonly transporter: Transporter<SMTPPool.SentMessageInfo, SMTPPool.Options>;
  private readonly from: string;

  constructor(settings: SmtpMailerSettings) {
    super();
    this.transporter = createTransport({ ...DEFAULTS, ...smtpOptionsFromUrl(settings.url), pool: true });
    this.from = settings.from;
  }

  async send(message: MailMessage): Promise<void> {
    await this.transporter.sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      ...(message.html === undefined ? {} : { html: message.html }),
    });
  }

  close(): void {
    this.transporter.close();
  }

  onModuleDestroy(): void {
    this.close();
  }
}
