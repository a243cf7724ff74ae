// The baseline: a bare Fastify server that answers one route with bytes held in memory, the same
// bytes the API answered. It is the "how fast could this machine serve this response at all"
// yardstick that the scenario is divided by.
//
// Plain JavaScript on purpose: the TypeScript loader (@swc-node/register) adds ~100 MiB of RSS,
// which would make the baseline's memory meaningless next to the API (which runs built JS).
//
// Protocol (IPC, started by bench/lib/baseline.ts with `fork`): the parent sends
// { method, path, status, contentType, bodyBase64 }; this process replies { port } once it listens.
import { Buffer } from 'node:buffer';
import process from 'node:process';
import Fastify from 'fastify';

process.once('message', async (route) => {
  const body = Buffer.from(route.bodyBase64, 'base64');
  const app = Fastify({ logger: false });
  app.route({
    method: route.method,
    url: route.path.split('?')[0],
    handler: (_request, reply) => {
      reply.code(route.status);
      if (route.contentType) reply.header('content-type', route.contentType);
      reply.send(body);
    },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  process.send({ port: app.server.address().port });
  // The IPC channel stays open so the parent can read our pid's RSS; SIGTERM ends us.
  process.once('SIGTERM', () => app.close().then(() => process.exit(0)));
});
