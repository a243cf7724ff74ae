import { describe, expect, it } from '@jest/globals';
import { baselineNotes, tableWithNotes, type ScenarioResult } from './report.js';

const result = (scenario: string, baseline: ScenarioResult['baseline']): ScenarioResult => ({
  scenario,
  description: '',
  request: { method: 'GET', path: '/' },
  settings: { connections: 50, pipelining: 1, durationSeconds: 5, warmupSeconds: 2, rounds: 6 },
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
});
