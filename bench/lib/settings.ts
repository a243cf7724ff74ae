import type { RunSettings } from './report.js';

export interface BenchSettings extends RunSettings {
  databaseUrl: string;
}

/** An integer setting from the environment, `fallback` when unset or empty. */
export function integerFromEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer ≥ ${min} (got "${raw}")`);
  }
  return value;
}

/** Everything tunable comes from BENCH_* variables, so `npm run bench` needs no flags. */
export function readSettings(): BenchSettings {
  const databaseUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/techtrek_bench';
  if (!/^postgres(ql)?:\/\/\S+\/[^/\s]+$/.test(databaseUrl)) {
    throw new Error(`BENCH_DATABASE_URL must be a postgres:// URL naming a database (got "${databaseUrl}")`);
  }
  return {
    databaseUrl,
    connections: integerFromEnv('BENCH_CONNECTIONS', 50, 1),
    pipelining: 1,
    durationSeconds: integerFromEnv('BENCH_DURATION_SECONDS', 5, 1),
    warmupSeconds: integerFromEnv('BENCH_WARMUP_SECONDS', 2, 0),
    warmupRequests: integerFromEnv('BENCH_WARMUP_REQUESTS', 3000, 0),
    rounds: integerFromEnv('BENCH_ROUNDS', 6, 1),
  };
}
