import { describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import pino from 'pino';
import { REDACTED_PATHS } from './logging.module.js';
import { bindLazily } from './lazy-request-bindings.js';

function rootLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      callback();
    },
  });
  const serializers = { req: (request: { id: string; url: string }) => ({ id: request.id, path: request.url }) };
  let serialized = 0;
  const counting = {
    req: (request: { id: string; url: string }) => {
      serialized += 1;
      return serializers.req(request);
    },
  };
  const root = pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, serializers: counting }, sink);
  return { root, lines, serialized: () => serialized };
}

describe('bindLazily', () => {
  const request = { id: 'req-42', url: '/lessons/1', headers: { authorization: 'Bearer secret' } };

  it('writes the bindings on every line, as a plain child would', () => {
    const { root, lines } = rootLogger();
    const logger = root.child({});
    bindLazily(logger, { req: request });

    logger.warn('first');
    logger.child({ context: 'Errors' }).error('second');

    expect(lines.map((line) => line.req)).toEqual([
      { id: 'req-42', path: '/lessons/1' },
      { id: 'req-42', path: '/lessons/1' },
    ]);
    expect(lines[1].context).toBe('Errors');
    expect(JSON.stringify(lines)).not.toContain('secret');
  });

  it('serialises the bindings only once a line is written, and once only', () => {
    const { root, serialized } = rootLogger();
    const logger = root.child({});
    bindLazily(logger, { req: request });
    expect(serialized()).toBe(0);

    logger.info('one');
    logger.info('two');
    expect(serialized()).toBe(1);
  });

  it('lets pino replace the bindings later', () => {
    const { root, lines } = rootLogger();
    const logger = root.child({});
    bindLazily(logger, { req: request });

    logger.setBindings({ userId: 7 });
    logger.info('after');

    expect(lines[0]).toMatchObject({ req: { id: 'req-42' }, userId: 7 });
  });
});
