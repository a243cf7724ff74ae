import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { MediaStorageUnavailableError } from '../../application/media-storage.js';
import { LocalDiskMediaStorage } from './local-disk-media.storage.js';

const KEY = `${'ab'.repeat(32)}.png`;

describe('LocalDiskMediaStorage', () => {
  let root: string;
  let directory: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'techtrek-local-media-'));
    directory = join(root, 'nested', 'media');
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const storage = (publicBaseUrl = '') => new LocalDiskMediaStorage({ directory, publicBaseUrl });

  it('creates its directory on the first write and leaves only the finished file there', async () => {
    await storage().put(KEY, Buffer.from('bytes'));

    expect(await readdir(directory)).toEqual([KEY]);
    expect(await readFile(join(directory, KEY), 'utf8')).toBe('bytes');
  });

  it('finds what it stored, whole or by an inclusive range', async () => {
    const media = storage();
    await media.put(KEY, Buffer.from('0123456789'));

    const file = await media.find(KEY);

    expect(file?.size).toBe(10);
    expect(await text(file!.open())).toBe('0123456789');
    expect(await text(file!.open({ start: 2, end: 4 }))).toBe('234');
  });

  it('rewrites a key with the same bytes harmlessly', async () => {
    const media = storage();
    await media.put(KEY, Buffer.from('same'));
    await media.put(KEY, Buffer.from('same'));

    expect(await readdir(directory)).toEqual([KEY]);
  });

  it.each(['../escape.png', `../${KEY}`, `nested/${KEY}`, '/etc/passwd', `${KEY}/..`, '.', `.${KEY}.0a0b0c0d0e0f.tmp`])(
    'neither writes nor finds %j',
    async (key) => {
      const media = storage();
      await media.put(KEY, Buffer.from('x'));
      await writeFile(join(root, 'escape.png'), 'outside');

      await expect(media.put(key, Buffer.from('x'))).rejects.toThrow('not a media storage key');
      expect(await media.find(key)).toBeNull();
    },
  );

  it('finds nothing for a valid key it never stored', async () => {
    expect(await storage().find(`${'cd'.repeat(32)}.mp3`)).toBeNull();
  });

  it('reports a directory it cannot create as storage unavailable', async () => {
    // A file where the directory should be: fails for every user, root included.
    await writeFile(join(root, 'nested'), 'not a directory');

    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);

    await expect(storage().put(KEY, Buffer.from('bytes'))).rejects.toThrow(MediaStorageUnavailableError);
    // The client gets a plain 503; the log says why.
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('ENOTDIR'));
    logged.mockRestore();
  });

  it('leaves no temporary file behind when the final rename fails', async () => {
    const media = storage();
    await media.put(KEY, Buffer.from('first'));
    // A directory under the key's name makes the rename fail after the temporary file is written.
    const blocked = `${'ef'.repeat(32)}.png`;
    await mkdir(join(directory, blocked, 'occupied'), { recursive: true });
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);

    await expect(media.put(blocked, Buffer.from('second'))).rejects.toThrow(MediaStorageUnavailableError);
    expect((await readdir(directory)).sort()).toEqual([KEY, blocked].sort());
    logged.mockRestore();
  });

  it('gives /media/<key> URLs, under a public base URL when one is set', () => {
    expect(storage().publicUrl(KEY)).toBe(`/media/${KEY}`);
    expect(storage('https://cdn.example.com/').publicUrl(KEY)).toBe(`https://cdn.example.com/media/${KEY}`);
  });
});
