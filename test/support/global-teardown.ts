import { existsSync, readFileSync, rmSync } from 'node:fs';
import { Redis } from 'ioredis';
import pg from 'pg';

// Loaded through a CommonJS hook that cannot resolve our `.js`-suffixed TypeScript imports,
// so this file reads the run's names from the environment global-setup.ts wrote.
const TEST_SERVER_URL = process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Leaves no databases and no Redis keys of this run behind. */
export default async function globalTeardown(): Promise<void> {
  summariseContractReport();
  const databasePrefix = process.env.TECHTREK_TEST_DATABASE_PREFIX;
  const redisPrefix = process.env.TECHTREK_TEST_REDIS_PREFIX;
  if (!databasePrefix?.includes('test') || !redisPrefix) return;
  await dropRunDatabases(databasePrefix);
  await deleteRunKeys(redisPrefix);
}

async function dropRunDatabases(prefix: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_SERVER_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1 || '%'`,
      [prefix],
    );
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

async function deleteRunKeys(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** One line a test file wrote to TECHTREK_CONTRACT_REPORT (test-harness.ts). */
interface ContractFigures {
  file: string;
  validated: number;
  bypassed: Record<string, number>;
  reasons: Record<string, string>;
  prism: { processes: number; startMs: number };
  breaches: unknown[];
  errors: string[];
}

/**
 * Prints what Prism validated and what went straight to the app, by reason and file, so a bypass
 * cannot grow unnoticed.
 */
function summariseContractReport(): void {
  const report = process.env.TECHTREK_CONTRACT_REPORT;
  if (!report || !existsSync(report)) return;
  const lines = readFileSync(report, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ContractFigures);
  if (process.env.TECHTREK_CONTRACT_REPORT_SCRATCH === '1') rmSync(report, { force: true });
  const sum = (pick: (figures: ContractFigures) => number) => lines.reduce((total, line) => total + pick(line), 0);
  const reasons = new Map<string, { why: string; count: number; files: Map<string, number> }>();
  for (const line of lines) {
    for (const [reason, count] of Object.entries(line.bypassed)) {
      const entry = reasons.get(reason) ?? { why: line.reasons[reason] ?? '', count: 0, files: new Map() };
      const file = line.file.replace(/^test\//, '');
      entry.count += count;
      entry.files.set(file, (entry.files.get(file) ?? 0) + count);
      reasons.set(reason, entry);
    }
  }
  const bypassed = [...reasons.values()].reduce((total, entry) => total + entry.count, 0);
  const files = new Set(lines.map((line) => line.file)).size;
  const out = [
    `\nContract (Prism): ${files} files, ${sum((l) => l.validated)} exchanges validated, ${bypassed} sent straight to the app,` +
      ` ${sum((l) => l.breaches.length)} breaches, ${sum((l) => l.errors.length)} Prism errors;` +
      ` ${sum((l) => l.prism.processes)} Prism processes started in ${Math.round(sum((l) => l.prism.startMs) / 1000)} s`,
    ...[...reasons].flatMap(([reason, entry]) => [
      `  ${reason} ${entry.count}: ${entry.why}`,
      `    ${[...entry.files].map(([file, count]) => `${file} ${count}`).join(', ')}`,
    ]),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}
