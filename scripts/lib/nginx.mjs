// nginx as the topology's load balancer and CDN: installs it when absent, writes a private config
// and runs it in the foreground from a temporary prefix, on loopback only (never /etc/nginx).
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startService, waitFor } from './processes.mjs';
import { portTaken } from './probes.mjs';

/** Debian's cache-purge module (FRiCKLE 2.3 in Debian 12: exact keys only, no wildcard). */
export const PURGE_MODULE = '/usr/lib/nginx/modules/ngx_http_cache_purge_module.so';
// Debian 12's nginx-light is only a transitional package for nginx (plus the echo module).
const PACKAGES = ['nginx', 'libnginx-mod-http-cache-purge'];

/** nginx and the purge module, installed with apt-get when missing (root only: CI, a fresh machine). */
export function ensureNginx(say = console.log) {
  if (hasNginx()) return;
  const install = `apt-get install -y --no-install-recommends ${PACKAGES.join(' ')}`;
  if (process.getuid?.() !== 0 || spawnSync('apt-get', ['--version']).status !== 0) {
    throw new Error(`nginx with the cache-purge module is missing: run \`sudo ${install}\``);
  }
  say(`Installing ${PACKAGES.join(' ')} …`);
  const apt = (args) =>
    spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  // A fresh image has no package lists yet.
  if (apt(['install', '-y', '--no-install-recommends', ...PACKAGES]).status !== 0) {
    apt(['update']);
    if (apt(['install', '-y', '--no-install-recommends', ...PACKAGES]).status !== 0)
      throw new Error(`${install} failed`);
  }
  if (!hasNginx()) throw new Error(`${install} ran, but nginx or ${PURGE_MODULE} is still missing`);
}

function hasNginx() {
  return spawnSync('nginx', ['-v']).status === 0 && existsSync(PURGE_MODULE);
}

/**
 * The configuration. Retries: a request goes to the other API when its instance refuses the
 * connection, resets it, times out connecting, or answers 502/503 (a closing Fastify answers 503
 * on a kept-alive connection), POSTs included (`non_idempotent`): each of those means the
 * instance did not process it. Retries are allowed for 5 s only (proxy_next_upstream_timeout)
 * while a response may take 60 s (proxy_read_timeout): a slow request is never replayed.
 */
export function nginxConfig({ prefix, listenPort, purgePort, apiPorts, user }) {
  const upstreams = apiPorts.map((port) => `    server 127.0.0.1:${port} max_fails=1 fail_timeout=2s;`).join('\n');
  return `load_module ${PURGE_MODULE};
${user ? `user ${user};` : ''}
worker_processes 2;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 1024; }
http {
  # Which API answered each request, and what nginx retried (e.g. "127.0.0.1:4001, 127.0.0.1:4002").
  log_format upstreams '$msec $request_method $request_uri $status upstream=$upstream_addr '
                       'upstream_status=$upstream_status cache=$upstream_cache_status';
  access_log ${prefix}/access.log upstreams buffer=64k flush=1s;
  client_body_temp_path ${prefix}/tmp/body;
  proxy_temp_path ${prefix}/tmp/proxy;
  fastcgi_temp_path ${prefix}/tmp/fastcgi;
  uwsgi_temp_path ${prefix}/tmp/uwsgi;
  scgi_temp_path ${prefix}/tmp/scgi;
  # The CDN: learner catalogue answers, kept as long as the API's Cache-Control says.
  proxy_cache_path ${prefix}/cache levels=1:2 keys_zone=catalogue:10m max_size=256m inactive=10m use_temp_path=off;

  upstream api {
${upstreams}
    keepalive 32;
    # Shorter than the API's keep-alive timeout (72 s), so nginx closes idle connections first.
    keepalive_timeout 30s;
  }

  server {
    listen 127.0.0.1:${listenPort};
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_connect_timeout 1s;
    proxy_read_timeout 60s;
    proxy_next_upstream error timeout http_502 http_503 non_idempotent;
    proxy_next_upstream_tries 3;
    proxy_next_upstream_timeout 5s;
    client_max_body_size 100m;

    location / {
      proxy_pass http://api;
    }

    # Public catalogue routes: GET/HEAD cached by the API's Cache-Control, revalidated by ETag;
    # never a request with credentials, nor a response to one.
    location ~ ^/(topics|lessons)(/|$) {
      proxy_pass http://api;
      proxy_cache catalogue;
      proxy_cache_key $uri$is_args$args;
      proxy_cache_revalidate on;
      proxy_cache_lock on;
      proxy_cache_use_stale error timeout updating http_502 http_503 http_504;
      proxy_cache_background_update on;
      proxy_cache_bypass $http_authorization;
      proxy_no_cache $http_authorization;
      add_header X-Cache-Status $upstream_cache_status always;
    }
  }

  # Exact-key purges, used by the topology's purge endpoint (scripts/lib/nginx-purge.mjs).
  server {
    listen 127.0.0.1:${purgePort};
    location / {
      allow 127.0.0.1;
      deny all;
      proxy_cache_purge catalogue $uri$is_args$args;
    }
  }
}
`;
}

/**
 * Run by root, nginx's workers switch to an unprivileged user: `nobody`, which then owns the cache
 * and temporary directories (and may enter the private prefix). Otherwise they run as the caller.
 */
function workerUser(prefix) {
  const dirs = ['tmp', 'cache'].map((dir) => path.join(prefix, dir));
  for (const dir of dirs) mkdirSync(dir, { recursive: true });
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag) => spawnSync('id', [flag, 'nobody'], { encoding: 'utf8' }).stdout.trim();
  const [uid, gid, group] = [Number(id('-u')), Number(id('-g')), id('-gn')];
  if (!Number.isInteger(uid) || !group) throw new Error('running as root, but there is no user nobody for nginx');
  chmodSync(prefix, 0o711);
  for (const dir of dirs) chownSync(dir, uid, gid);
  return `nobody ${group}`;
}

/** Writes the config under `prefix` and runs nginx in the foreground until stopService(). */
export async function startNginx({ prefix, listenPort, purgePort, apiPorts, name = 'nginx' }) {
  const user = workerUser(prefix);
  const conf = path.join(prefix, 'nginx.conf');
  writeFileSync(conf, nginxConfig({ prefix, listenPort, purgePort, apiPorts, user }));
  const check = spawnSync('nginx', ['-t', '-q', '-p', prefix, '-e', path.join(prefix, 'error.log'), '-c', conf], {
    encoding: 'utf8',
  });
  if (check.status !== 0) throw new Error(`nginx rejected ${conf}: ${check.stderr.trim()}`);
  // -e: nginx opens its error log before reading the config; keep it out of /var/log too.
  const args = ['-p', prefix, '-e', path.join(prefix, 'error.log'), '-c', conf];
  const child = startService(name, 'nginx', [...args, '-g', 'daemon off;']);
  try {
    await waitFor(`nginx on 127.0.0.1:${listenPort}`, () => portTaken(listenPort), {
      timeoutMs: 10_000,
      giveUp: () => child.exitCode !== null,
    });
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return child;
}
