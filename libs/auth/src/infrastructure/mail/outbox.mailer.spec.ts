import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OutboxMailer, type OutboxMail } from './outbox.mailer.js';

const FROM = 'TechTrek <no-reply@techtrek.test>';
const RESET = { to: 'Alice@Example.com', subject: 'Your TechTrek reset code', text: 'Your code is 482913.' };

describe('OutboxMailer', () => {
  let root: string;
  let outbox: string;
  let logged: string[];

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'techtrek-outbox-'));
    outbox = path.join(root, 'nested', 'outbox');
    logged = [];
    jest.spyOn(Logger.prototype, 'log').mockImplementation((message: unknown) => {
      logged.push(String(message));
    });
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await rm(root, { recursive: true, force: true });
  });

  it('writes each message as a readable JSON file in a directory it creates', async () => {
    await new OutboxMailer({ directory: outbox, from: FROM }).send(RESET);

    const files = await readdir(outbox);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z-alice-example-com-[0-9a-f]{6}\.json$/);
    const text = await readFile(path.join(outbox, files[0]!), 'utf8');
    expect(text).toContain('Alice@Example.com');
    expect(text).toContain('Your TechTrek reset code');
    expect(text).toContain('Your code is 482913.');
    const mail = JSON.parse(text) as OutboxMail;
    expect(mail).toEqual({ from: FROM, ...RESET, date: expect.any(String) });
    expect(Date.parse(mail.date)).not.toBeNaN();
    expect((await stat(path.join(outbox, files[0]!))).mode & 0o777).toBe(0o600);
  });

  it('keeps the HTML alternative when there is one', async () => {
    await new OutboxMailer({ directory: outbox, from: FROM }).send({ ...RESET, html: '<p>482913</p>' });

    const [file] = await readdir(outbox);
    expect(JSON.parse(await readFile(path.join(outbox, file!), 'utf8'))).toMatchObject({ html: '<p>482913</p>' });
  });

  it('gives every message its own file, named with safe characters only, and leaves no partial files', async () => {
    const mailer = new OutboxMailer({ directory: outbox, from: FROM });

    await Promise.all([
      mailer.send(RESET),
      mailer.send(RESET),
      mailer.send({ ...RESET, to: '"Bob" <../../etc/x@y.z>' }),
    ]);

    const files = await readdir(outbox);
    expect(files).toHaveLength(3);
    for (const file of files) expect(file).toMatch(/^[0-9A-Za-z-]+\.json$/);
    expect(files.filter((file) => file.includes('-bob-etc-x-y-z-'))).toHaveLength(1);
  });

  it('logs one line with the subject, the recipient and the file, never the body', async () => {
    await new OutboxMailer({ directory: outbox, from: FROM }).send(RESET);

    const [file] = await readdir(outbox);
    expect(logged).toEqual([
      `Mail "Your TechTrek reset code" to Alice@Example.com written to ${path.join(outbox, file!)}`,
    ]);
    expect(logged.join('\n')).not.toContain('482913');
  });

  it('rejects when the directory cannot be created', async () => {
    const aFile = path.join(root, 'a-file');
    await writeFile(aFile, '');

    await expect(
      new OutboxMailer({ directory: path.join(aFile, 'outbox'), from: FROM }).send(RESET),
    ).rejects.toMatchObject({ code: 'ENOTDIR' });
  });
});
