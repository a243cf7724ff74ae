import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { scrubPersonalData } from './learner-text.js';

describe('scrubPersonalData', () => {
  it.each([
    ['write to jane.doe+hints@acme.co.uk.', 'write to [email].'],
    ['Mail JÖRG@example.de or ops@intra-net.io', 'Mail [email] or [email]'],
  ])('replaces email addresses: %p', (text, scrubbed) => {
    expect(scrubPersonalData(text)).toBe(scrubbed);
  });

  it.each([
    ['see https://acme.com/users?id=5, my profile', 'see [link], my profile'],
    ['(http://localhost:3000/me)', '([link])'],
    ['at www.janedoe.org.', 'at [link].'],
    ['my site janedoe.com/about is down', 'my site [link] is down'],
    ['ftp://files.acme.org/payroll.zip', '[link]'],
  ])('replaces links, keeping the punctuation that ends the sentence: %p', (text, scrubbed) => {
    expect(scrubPersonalData(text)).toBe(scrubbed);
  });

  it.each([
    ['call +44 20 7946 0958 today', 'call [phone] today'],
    ['(415) 555-2671', '[phone]'],
    ['415-555-2671 or 415.555.2671', '[phone] or [phone]'],
    ['mobile 07700 900123', 'mobile [phone]'],
    ['+33612345678', '[phone]'],
  ])('replaces phone numbers: %p', (text, scrubbed) => {
    expect(scrubPersonalData(text)).toBe(scrubbed);
  });

  it.each([
    ['IBAN DE89 3704 0044 0532 0130 00 please', 'IBAN [number] please'],
    ['gb82west12345698765432', '[number]'],
    ['card 4111 1111 1111 1111 expires', 'card [number] expires'],
    ['4111-1111-1111-1111', '[number]'],
    ['account 12345678901234', 'account [number]'],
  ])('replaces IBANs, card and other long account numbers: %p', (text, scrubbed) => {
    expect(scrubPersonalData(text)).toBe(scrubbed);
  });

  it.each([
    'Why do 3 servers need a load balancer?',
    'What does HTTP 404 mean, and 500?',
    'Is 192.168.0.1 a private address?',
    'It changed on 2024-01-15, or 15/01/2024, from 2019-2024.',
    'pi is 3.14159265 and 1 000 000 or 1.000.000 users',
    'Port 8080, TLS 1.3, IPv6 2001:db8::1, version 1.2.3',
    'What is example.com? And Node.js/Deno, TCP/IP, e.g./i.e.?',
    'Is DE12 this that okay?',
    'Does a 1,000,000-row table need an index?',
    'Why is 2^10 = 1024?',
  ])('keeps ordinary prose and technical numbers: %p', (text) => {
    expect(scrubPersonalData(text)).toBe(text);
  });

  it('collapses runs of whitespace and trims the ends', () => {
    expect(scrubPersonalData('  what\n\n is   a\tDNS  ')).toBe('what is a DNS');
  });

  it('scrubs everything in one sentence', () => {
    expect(
      scrubPersonalData('I am jane@acme.com, +1 415 555 2671, see https://acme.com/jane - why does my API fail?'),
    ).toBe('I am [email], [phone], see [link] - why does my API fail?');
  });

  it('never leaves an email address, whatever surrounds it', () => {
    const word = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/);
    fc.assert(
      fc.property(fc.string(), word, word, fc.string(), (before, user, host, after) => {
        const email = `${user}@${host}.com`;
        expect(scrubPersonalData(`${before} ${email} ${after}`)).not.toContain(email);
      }),
    );
  });

  it('is idempotent: a placeholder never makes its neighbours look like personal data', () => {
    const pieces = fc.oneof(
      fc.string(),
      fc.constantFrom(...' +()-./@[]'.split(''), '4444', '0000', 'DE89', 'www.', 'http://', 'a.com'),
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 20 }), (parts) => {
        const text = parts.join('');
        const once = scrubPersonalData(text);
        expect(scrubPersonalData(once)).toBe(once);
      }),
    );
  });
});
