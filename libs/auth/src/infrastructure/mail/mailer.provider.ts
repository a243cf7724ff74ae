import { Logger, type Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '@techtrek/platform';
import { Mailer } from '../../application/mailer.js';
import { OutboxMailer } from './outbox.mailer.js';
import { SmtpMailer } from './smtp.mailer.js';

/** SMTP when SMTP_URL is set; otherwise the development outbox in MAIL_OUTBOX_DIR. */
export const mailerProvider: Provider<Mailer> = {
  provide: Mailer,
  inject: [ConfigService],
  useFactory: (config: ConfigService<Environment, true>): Mailer => {
    const url = config.get('SMTP_URL', { infer: true });
    const from = config.get('MAIL_FROM', { infer: true });
    if (url) return new SmtpMailer({ url, from });
    const directory = config.get('MAIL_OUTBOX_DIR', { infer: true });
    if (config.get('NODE_ENV', { infer: true }) === 'production') {
      new Logger('Mailer').warn(`SMTP_URL is not set: account mail (reset codes) goes to files in ${directory}`);
    }
    return new OutboxMailer({ directory, from });
  },
};
