import { describe, expect, it } from '@jest/globals';
import { baselineNotes, cpuNotes, tableWithNotes, type ScenarioResult } from './report.js';

const result = (scenario: string, baseline: ScenarioResult['baseline']): ScenarioResult => ({
  scenario,
  description: '',
  request: { method: 'GET', path: '/' },
  settings: { connections: 50, pipelining: 1, durationSeconds: 5, warmupSeconds: 2, warmupRequests: 3000, rounds: 6 },
  machine: { cpuModel: 'cpu', cores: 2, totalMemoryMiB: 1, platform: 'linux', nodeVersion: 'v20', date: '' },
  rounds: [],
  baseline,
  targetVerdict: null,
  errors: [],
});

describe('bench report', () => {
  it('explains a process baseline under the table, and nothing for same-bytes ones', () => {
    const results = [
      result('health', { kind: 'same-bytes', script: 'bench/servers/baseline.mjs' }),
      result('login', {
        kind: 'process',
        script: 'bench/servers/argon2-verify.mjs',
        operation: 'argon2id verify',
        info: { hash: '$argon2id$v=19$m=19456,t=2,p=1', uvThreadpoolSize: '4 (libuv default)' },
      }),
    ];
    expect(baselineNotes(results)).toEqual([
      '- login: the baseline is not HTTP: "base req/s" is argon2id verify per second ' +
        '(bench/servers/argon2-verify.mjs, 50 in flight; hash $argon2id$v=19$m=19456,t=2,p=1, ' +
        'uvThreadpoolSize 4 (libuv default)).',
    ]);
    expect(tableWithNotes(results.slice(0, 1))).not.toContain('\n\n');
    expect(tableWithNotes(results)).toContain('\n\n- login:');
  });

  it('says what a server baseline does per request, with what it reported when listening', () => {
    const serverBaseline = result('progress-submit', {
      kind: 'server',
      script: 'bench/servers/pg-insert.mjs',
      perRequest: 'one INSERT (Fastify + pg)',
      info: { poolSize: 10, table: 'bench_baseline_attempts' },
    });
    expect(baselineNotes([serverBaseline])).toEqual([
      '- progress-submit: the baseline is a server doing one INSERT (Fastify + pg) per request, loaded with ' +
        'the same request (bench/servers/pg-insert.mjs; poolSize 10, table bench_baseline_attempts).',
    ]);
  });

  it("puts each side's CPU per request under the table, and the ratio it leaves room for", () => {
    const medians = (serverMs: number, postgresMs: number | null, loadGeneratorMs: number) => ({
      reqPerSec: 1,
      p50Ms: 1,
      p99Ms: 1,
      rssMiB: 1,
      cpu: { serverMs, postgresMs, loadGeneratorMs },
    });
    const measured = {
      ...result('progress-submit', undefined),
      medians: { scenario: medians(1.5, 0.9, 0.1), baseline: medians(0.15, 0.1, 0.05) },
    };
    expect(cpuNotes([measured, result('health', undefined)])).toEqual([
      '- progress-submit: CPU per request (medians): API server 1.50 + PostgreSQL 0.90 + load generator 0.10 = 2.50 ms; ' +
        'baseline server 0.15 + PostgreSQL 0.10 + load generator 0.05 = 0.30 ms. With every core busy on both sides ' +
        'the throughput ratio is at most about 0.12.',
    ]);
    const unmeasuredPostgres = { ...measured, medians: { ...measured.medians, baseline: medians(0.2, null, 0.05) } };
    expect(cpuNotes([unmeasuredPostgres])[0]).toContain(
      'baseline server 0.20 + PostgreSQL – + load generator 0.05 = 0.25 ms',
    );
  });
});
