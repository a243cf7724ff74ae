import { afterEach, describe, expect, it } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { SmtpMailer } from './smtp.mailer.js';

interface ReceivedMail {
  mailFrom: string | undefined;
  rcptTo: string[];
  user: unknown;
  secure: boolean;
  raw: string;
}

interface TestServer {
  port: number;
  received: ReceivedMail[];
  sessions: () => { opened: number; closed: number };
}

const FROM = 'TechTrek <no-reply@techtrek.test>';
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A real SMTP server on 127.0.0.1: plain text (no STARTTLS), recording what it accepts. */
async function startServer(options: SMTPServerOptions = {}): Promise<TestServer> {
  const received: ReceivedMail[] = [];
  let opened = 0;
  let closed = 0;
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const { mailFrom, rcptTo } = session.envelope;
        received.push({
          mailFrom: mailFrom === false ? undefined : mailFrom.address,
          rcptTo: rcptTo.map((address) => address.address),
          user: session.user,
          secure: session.secure,
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
    onConnect(_session, callback) {
      opened += 1;
      callback();
    },
    onClose() {
      closed += 1;
    },
    ...options,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(resolve)));
  return { port: (server.server.address() as AddressInfo).port, received, sessions: () => ({ opened, closed }) };
}

function mailer(url: string): SmtpMailer {
  const created = new SmtpMailer({ url, from: FROM });
  cleanups.push(() => created.close());
  return created;
}

const RESET = { to: 'alice@example.com', subject: 'Your TechTrek reset code', text: 'Your code is 482913.' };

describe('SmtpMailer', () => {
  it('hands the message to the server: envelope, From, To, Subject and body', async () => {
    const server = await startServer();

    await mailer(`smtp://127.0.0.1:${server.port}`).send(RESET);

    expect(server.received).toHaveLength(1);
    const [mail] = server.received;
    expect(mail).toMatchObject({
      mailFrom: 'no-reply@techtrek.test',
      rcptTo: ['alice@example.com'],
      user: undefined,
      secure: false,
    });
    expect(mail!.raw).toContain(`From: ${FROM}\r\n`);
    expect(mail!.raw).toContain('To: alice@example.com\r\n');
    expect(mail!.raw).toContain('Subject: Your TechTrek reset code\r\n');
    expect(mail!.raw).toContain('Your code is 482913.');
  });

  it('sends an HTML alternative when one is given', async () => {
    const server = await startServer();

    await mailer(`smtp://127.0.0.1:${server.port}`).send({ ...RESET, html: '<p>Your code is <b>482913</b>.</p>' });

    expect(server.received[0]!.raw).toContain('Content-Type: multipart/alternative');
    expect(server.received[0]!.raw).toContain('<p>Your code is <b>482913</b>.</p>');
  });

  it('speaks TLS from the start with smtps://, taking options from the query string', async () => {
    // smtp-server's built-in certificate is self-signed, hence tls.rejectUnauthorized=false.
    const server = await startServer({ secure: true });

    await mailer(`smtps://127.0.0.1:${server.port}?tls.rejectUnauthorized=false`).send(RESET);

    expect(server.received[0]).toMatchObject({ secure: true, rcptTo: ['alice@example.com'] });
  });

  it('logs in with the URL-encoded credentials from the URL', async () => {
    const logins: { username?: string | null; password?: string | null }[] = [];
    const server = await startServer({
      authOptional: false,
      onAuth(auth, _session, callback) {
        logins.push({ username: auth.username, password: auth.password });
        if (auth.username === 'mailer@techtrek' && auth.password === 'p@ss:w/rd') callback(null, { user: 'mailer' });
        else callback(new Error('Invalid username or password'));
      },
    });

    await mailer(`smtp://mailer%40techtrek:p%40ss%3Aw%2Frd@127.0.0.1:${server.port}`).send(RESET);

    expect(logins).toEqual([{ username: 'mailer@techtrek', password: 'p@ss:w/rd' }]);
    expect(server.received[0]).toMatchObject({ user: 'mailer', rcptTo: ['alice@example.com'] });
  });

  it('rejects when the server refuses the credentials', async () => {
    const server = await startServer({
      authOptional: false,
      onAuth: (_auth, _session, callback) => callback(new Error('Invalid username or password')),
    });

    await expect(mailer(`smtp://mailer:wrong@127.0.0.1:${server.port}`).send(RESET)).rejects.toMatchObject({
      code: 'EAUTH',
    });
    expect(server.received).toEqual([]);
  });

  it('rejects when the server refuses the recipient (550)', async () => {
    const server = await startServer({
      onRcptTo: (_address, _session, callback) =>
        callback(Object.assign(new Error('No such mailbox'), { responseCode: 550 })),
    });

    await expect(mailer(`smtp://127.0.0.1:${server.port}`).send(RESET)).rejects.toMatchObject({
      responseCode: 550,
      message: expect.stringContaining('No such mailbox'),
    });
    expect(server.received).toEqual([]);
  });

  it('rejects when nothing listens', async () => {
    const server = await startServer();
    const port = server.port;
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();

    await expect(mailer(`smtp://127.0.0.1:${port}`).send(RESET)).rejects.toMatchObject({ code: 'ESOCKET' });
  });

  it('reuses a pooled connection and closes it on close()', async () => {
    const server = await startServer();
    const smtp = mailer(`smtp://127.0.0.1:${server.port}`);

    await smtp.send(RESET);
    await smtp.send({ ...RESET, to: 'bob@example.com' });
    expect(server.received.map((mail) => mail.rcptTo)).toEqual([['alice@example.com'], ['bob@example.com']]);
    expect(server.sessions()).toEqual({ opened: 1, closed: 0 });

    smtp.onModuleDestroy();
    await waitFor(() => server.sessions().closed === 1);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
