// The ceiling of the same-bytes ratio for any NestJS route that sends the headers our HTTP contract
// requires: a NestJS app that does nothing but answer the given bytes with helmet's headers (Nest's
// useSecurityHeaders, as the API configures them), CORS, a request id and catalogue cache headers,
// against bare Fastify answering the same bytes without them, alternating A B A B like the runner.
// It shows how much of a scenario's gap is the framework plus the contract, not the API's own work.
//   node bench/tools/framework-floor.mjs <body file> [bare]
// `bare` leaves the headers out (NestJS alone). Ports 3911/3912 on 127.0.0.1; about 50 s.
import 'reflect-metadata';
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const serving = process.argv[2] === '--serve';
const [server, bodyFile, variant = 'contract'] = serving
  ? process.argv.slice(3)
  : [undefined, ...process.argv.slice(2)];

async function nestServer(port, withContract) {
  const { Controller, Get, Module } = await import('@nestjs/common');
  const { NestFactory } = await import('@nestjs/core');
  const { FastifyAdapter } = await import('@nestjs/platform-fastify');
  const body = readFileSync(bodyFile, 'utf8');
  class LessonsController {
    detail() {
      return body;
    }
  }
  Reflect.decorate([Controller('lessons')], LessonsController);
  const detail = Object.getOwnPropertyDescriptor(LessonsController.prototype, 'detail');
  Reflect.decorate([Get(':id')], LessonsController.prototype, 'detail', detail);
  class FloorModule {}
  Reflect.decorate([Module({ controllers: [LessonsController] })], FloorModule);
  const adapter = new FastifyAdapter({ genReqId: () => randomUUID(), requestIdHeader: false });
  const app = await NestFactory.create(FloorModule, adapter, { logger: false, bodyParser: false });
  if (withContract) {
    app.enableCors({ origin: [], exposedHeaders: ['X-Request-Id', 'ETag', 'Retry-After'], maxAge: 600 });
    app.useSecurityHeaders({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", "'unsafe-inline'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
        },
      },
    });
    const fastify = app.getHttpAdapter().getInstance();
    fastify.addHook('onRequest', (request, reply, done) => {
      reply.header('x-request-id', request.id);
      done();
    });
    fastify.addHook('onSend', (_request, reply, payload, done) => {
      reply.header('cache-control', 'public, max-age=60, stale-while-revalidate=300');
      reply.header('content-type', 'application/json; charset=utf-8');
      reply.header('etag', '"nQskzFxXSTMciO4rXD9X4Uikn-YCF33p"');
      done(null, payload);
    });
  }
  await app.listen({ port, host: '127.0.0.1' });
}

async function bareServer(port) {
  const Fastify = (await import('fastify')).default;
  const body = readFileSync(bodyFile);
  const app = Fastify({ logger: false });
  app.get('/lessons/:id', (_request, reply) => {
    reply.header('content-type', 'application/json; charset=utf-8');
    reply.send(body);
  });
  await app.listen({ port, host: '127.0.0.1' });
}

if (serving) {
  await (server === 'nest' ? nestServer(3911, variant !== 'bare') : bareServer(3912));
  process.send('ready');
} else {
  if (!bodyFile) {
    console.error('usage: framework-floor.mjs <body file> [bare]');
    process.exit(2);
  }
  const start = (name) =>
    new Promise((resolve) => {
      const child = fork(new URL(import.meta.url).pathname, ['--serve', name, bodyFile, variant]);
      child.on('message', () => resolve(child));
    });
  const nest = await start('nest');
  const bare = await start('bare');
  const load = (port, duration) =>
    new Promise((resolve) =>
      autocannon({ url: `http://127.0.0.1:${port}/lessons/1`, connections: 50, duration }, (_error, result) =>
        resolve(result.requests.average),
      ),
    );
  await load(3911, 2);
  await load(3912, 2);
  const ratios = [];
  for (let round = 1; round <= 4; round += 1) {
    const nestRate = await load(3911, 5);
    const bareRate = await load(3912, 5);
    ratios.push(nestRate / bareRate);
    console.log(`round ${round}: nest ${Math.round(nestRate)} req/s, bare Fastify ${Math.round(bareRate)} req/s`);
  }
  ratios.sort((a, b) => a - b);
  console.log(`median ratio ${((ratios[1] + ratios[2]) / 2).toFixed(2)}`);
  nest.kill();
  bare.kill();
}
