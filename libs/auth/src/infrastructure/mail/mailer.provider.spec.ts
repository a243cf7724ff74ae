import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import type { Environment } from '@techtrek/platform';
import { Mailer } from '../../application/mailer.js';
import { mailerProvider } from './mailer.provider.js';
import { OutboxMailer } from './outbox.mailer.js';
import { SmtpMailer } from './smtp.mailer.js';

type MailSettings = Pick<Environment, 'NODE_ENV' | 'SMTP_URL' | 'MAIL_FROM' | 'MAIL_OUTBOX_DIR'>;

const DEFAULTS: MailSettings = {
  NODE_ENV: 'test',
  MAIL_FROM: 'TechTrek <no-reply@techtrek.local>',
  MAIL_OUTBOX_DIR: '.dev-outbox',
};

async function moduleWith(settings: Partial<MailSettings>) {
  const values: MailSettings = { ...DEFAULTS, ...settings };
  // Only `get` is used; a stand-in keeps the real process environment out of the test.
  const config = { get: (key: keyof MailSettings) => values[key] };
  return Test.createTestingModule({
    providers: [mailerProvider, { provide: ConfigService, useValue: config }],
  }).compile();
}

describe('mailerProvider', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('sends over SMTP when SMTP_URL is set, and closes the pool when the module shuts down', async () => {
    const moduleRef = await moduleWith({ SMTP_URL: 'smtp://user:secret@127.0.0.1:2525' });
    const mailer = moduleRef.get(Mailer);
    expect(mailer).toBeInstanceOf(SmtpMailer);
    const close = jest.spyOn(mailer as SmtpMailer, 'close');

    await moduleRef.close();

    expect(close).toHaveBeenCalledTimes(1);
  });

  it('writes to the outbox when SMTP_URL is unset', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const moduleRef = await moduleWith({});

    expect(moduleRef.get(Mailer)).toBeInstanceOf(OutboxMailer);
    expect(warn).not.toHaveBeenCalled();
    await moduleRef.close();
  });

  it('warns when production has no SMTP_URL', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const moduleRef = await moduleWith({ NODE_ENV: 'production' });

    expect(moduleRef.get(Mailer)).toBeInstanceOf(OutboxMailer);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('SMTP_URL is not set'));
    await moduleRef.close();
  });
});
