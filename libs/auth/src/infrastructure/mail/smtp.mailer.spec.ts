import { describe, expect, it } from '@jest/globals';
import { smtpOptionsFromUrl } from './smtp.mailer.js';

describe('smtpOptionsFromUrl', () => {
  it('reads host and port, with STARTTLS-capable smtp:// as not secure from the start', () => {
    expect(smtpOptionsFromUrl('smtp://mail.example.com:587')).toEqual({
      host: 'mail.example.com',
      port: 587,
      secure: false,
    });
  });

  it('reads smtps:// as TLS from the start and leaves the default port to nodemailer', () => {
    expect(smtpOptionsFromUrl('smtps://mail.example.com')).toEqual({ host: 'mail.example.com', secure: true });
  });

  it('decodes URL-encoded credentials', () => {
    expect(smtpOptionsFromUrl('smtps://apikey%40example:s%3Acr%2Ft%40@[::1]:465').auth).toEqual({
      user: 'apikey@example',
      pass: 's:cr/t@',
    });
    expect(smtpOptionsFromUrl('smtps://[::1]:465').host).toBe('::1');
  });

  it('takes query parameters as options, converting booleans and integers, one level deep', () => {
    expect(
      smtpOptionsFromUrl(
        'smtp://h?requireTLS=true&socketTimeout=30000&name=api.example&tls.rejectUnauthorized=false&tls.servername=mx',
      ),
    ).toEqual({
      host: 'h',
      secure: false,
      requireTLS: true,
      socketTimeout: 30_000,
      name: 'api.example',
      tls: { rejectUnauthorized: false, servername: 'mx' },
    });
  });

  it('ignores prototype-polluting keys', () => {
    const options = smtpOptionsFromUrl('smtp://h?__proto__.polluted=true&constructor=x&tls.__proto__=y');
    expect(options).toEqual({ host: 'h', secure: false });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a malformed URL without repeating it (it holds the password)', () => {
    const attempt = () => smtpOptionsFromUrl('smtp://user:hunter2@mail.example.com:99999');
    expect(attempt).toThrow('SMTP_URL is not a valid URL');
    expect(() => {
      try {
        attempt();
      } catch (error) {
        throw new Error(JSON.stringify({ ...(error as object), message: (error as Error).message }));
      }
    }).not.toThrow(/hunter2/);
  });

  it('refuses other schemes', () => {
    expect(() => smtpOptionsFromUrl('http://mail.example.com')).toThrow('SMTP_URL must start with smtp:// or smtps://');
  });
});
