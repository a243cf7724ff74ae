import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BaselineDescription } from './baseline.js';
import { totalCpuMs, type CpuPerRequest } from './cpu-accounting.js';
import type { RoundMeasurement } from './load.js';
import type { Medians, Ratios, TargetVerdict } from './stats.js';
import type { ScenarioTarget } from './scenario.js';

export const RESULTS_DIRECTORY = path.join(import.meta.dirname, '..', 'results');

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  totalMemoryMiB: number;
  platform: string;
  nodeVersion: string;
  date: string;
}

export function machineInfo(): MachineInfo {
  return {
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    totalMemoryMiB: Math.round(os.totalmem() / 1024 / 1024),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    nodeVersion: process.version,
    date: new Date().toISOString(),
  };
}

export interface RunSettings {
  connections: number;
  pipelining: 1;
  durationSeconds: number;
  warmupSeconds: number;
  /** Warm-up goes on past `warmupSeconds` until the API has served this many requests (JIT). */
  warmupRequests: number;
  rounds: number;
}

export interface ScenarioResult {
  scenario: string;
  description: string;
  request: { method: string; path: string };
  /** What the API answered to the probe (and what a same-bytes baseline therefore replays). */
  response?: { status: number; contentType: string | null; bytes: number };
  /** What the scenario is divided by; missing when the run failed before the baseline started. */
  baseline?: BaselineDescription;
  settings: RunSettings;
  machine: MachineInfo;
  rounds: Array<{ round: number; scenario: RoundMeasurement; baseline: RoundMeasurement; problems: string[] }>;
  medians?: { scenario: Medians; baseline: Medians };
  ratios?: Ratios;
  target?: ScenarioTarget;
  targetVerdict: TargetVerdict | null;
  /** What the scenario's `extra` measured after its rounds (its own baseline included). */
  extra?: { lines: string[]; figures: Record<string, unknown> };
  /** Non-empty means the numbers cannot be trusted (or do not exist); the run exits non-zero. */
  errors: string[];
}

const fixed = (value: number | null | undefined, digits: number): string =>
  value === null || value === undefined ? '–' : value.toFixed(digits);

function statusCell(result: ScenarioResult): string {
  return result.errors.length > 0 ? `**ERROR** (${result.errors.length})` : 'ok';
}

function targetCell(result: ScenarioResult): string {
  if (!result.targetVerdict) return '–';
  return result.targetVerdict.pass ? 'pass' : `**fail**: ${result.targetVerdict.misses.join('; ')}`;
}

/** One row per scenario: scenario and baseline side by side, ratios next to them. */
export function markdownTable(results: ScenarioResult[]): string {
  const header = [
    'scenario',
    'req/s',
    'base req/s',
    'req/s ratio',
    'p50 ms',
    'base p50',
    'p99 ms',
    'base p99',
    'p99 ratio',
    'RSS MiB',
    'base RSS',
    'target',
    'status',
  ];
  const rows = results.map((result) => {
    const scenario = result.medians?.scenario;
    const baseline = result.medians?.baseline;
    return [
      result.scenario,
      fixed(scenario?.reqPerSec, 0),
      fixed(baseline?.reqPerSec, 0),
      fixed(result.ratios?.throughput, 2),
      fixed(scenario?.p50Ms, 1),
      fixed(baseline?.p50Ms, 1),
      fixed(scenario?.p99Ms, 1),
      fixed(baseline?.p99Ms, 1),
      fixed(result.ratios?.p99, 2),
      fixed(scenario?.rssMiB, 0),
      fixed(baseline?.rssMiB, 0),
      targetCell(result),
      statusCell(result),
    ];
  });
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** A script's ready info as `key value, …`, for a footnote. */
function infoText(info: Record<string, unknown>): string {
  return Object.entries(info)
    .map(([key, value]) => `${key} ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
}

/**
 * Footnotes for the rows whose baseline is not "the same bytes over HTTP": a process baseline's
 * base req/s, p50, p99 and RSS are those of its operation; a server baseline's are HTTP, but of a
 * server that does real work per request. Either way the ratios divide by that.
 */
export function baselineNotes(results: ScenarioResult[]): string[] {
  return results.flatMap((result) => {
    const baseline = result.baseline;
    if (baseline?.kind === 'process') {
      const info = infoText(baseline.info);
      return [
        `- ${result.scenario}: the baseline is not HTTP: "base req/s" is ${baseline.operation} per second ` +
          `(${baseline.script}, ${result.settings.connections} in flight${info ? `; ${info}` : ''}).`,
      ];
    }
    if (baseline?.kind === 'server') {
      const info = infoText(baseline.info);
      return [
        `- ${result.scenario}: the baseline is a server doing ${baseline.perRequest} per request, loaded with ` +
          `the same request (${baseline.script}${info ? `; ${info}` : ''}).`,
      ];
    }
    return [];
  });
}

/** `api 1.50 + PostgreSQL 0.92 + load 0.14 = 2.56 ms` (a part not measured shows as –). */
export function cpuBreakdown(cpu: CpuPerRequest): string {
  return (
    `server ${fixed(cpu.serverMs, 2)} + PostgreSQL ${fixed(cpu.postgresMs, 2)} + load generator ` +
    `${fixed(cpu.loadGeneratorMs, 2)} = ${totalCpuMs(cpu).toFixed(2)} ms`
  );
}

/**
 * Where each side's CPU went, per request: when the load keeps every core busy on both sides, the
 * throughput ratio can be no better than baseline CPU ÷ scenario CPU, which says whether a target
 * is within reach on this machine at all, and what would have to shrink to reach it.
 */
export function cpuNotes(results: ScenarioResult[]): string[] {
  return results.flatMap((result) => {
    const scenario = result.medians?.scenario.cpu;
    const baseline = result.medians?.baseline.cpu;
    if (!scenario || !baseline) return [];
    return [`- ${result.scenario}: ${cpuComparison(scenario, baseline)}`];
  });
}

/** One sentence: both sides' CPU per request and the throughput ratio it leaves room for. */
export function cpuComparison(scenario: CpuPerRequest, baseline: CpuPerRequest): string {
  return (
    `CPU per request (medians): API ${cpuBreakdown(scenario)}; baseline ${cpuBreakdown(baseline)}. With every ` +
    `core busy on both sides the throughput ratio is at most about ${(totalCpuMs(baseline) / totalCpuMs(scenario)).toFixed(2)}.`
  );
}

/** The table, with the baseline and CPU footnotes under it when there are any, then each scenario's extra. */
export function tableWithNotes(results: ScenarioResult[]): string {
  const notes = [...baselineNotes(results), ...cpuNotes(results)];
  const extras = results.flatMap((result) => (result.extra ? ['', ...result.extra.lines] : []));
  return [markdownTable(results), ...(notes.length > 0 ? ['', ...notes] : []), ...extras].join('\n');
}

function settingsLine(settings: RunSettings, machine: MachineInfo): string {
  return (
    `${machine.date} · ${machine.cpuModel}, ${machine.cores} cores · Node ${machine.nodeVersion} · ` +
    `${settings.connections} connections, pipelining ${settings.pipelining}, ` +
    `${settings.rounds} rounds × ${settings.durationSeconds} s (after ≥ ${settings.warmupSeconds} s and ≥ ${settings.warmupRequests} requests of warm-up), medians`
  );
}

export function summaryMarkdown(results: ScenarioResult[], settings: RunSettings, machine: MachineInfo): string {
  const problems = results.flatMap((result) => result.errors.map((error) => `- ${result.scenario}: ${error}`));
  return [
    '# Benchmark summary',
    '',
    settingsLine(settings, machine),
    '',
    tableWithNotes(results),
    '',
    'Ratios are the median of per-round scenario ÷ baseline (the pair runs back to back). Only ratios',
    'from one run mean anything: absolute numbers drift ±30% on this kind of machine.',
    ...(problems.length > 0 ? ['', '## Errors', '', ...problems] : []),
    '',
  ].join('\n');
}

export async function writeScenarioResult(result: ScenarioResult): Promise<string> {
  await mkdir(RESULTS_DIRECTORY, { recursive: true });
  const file = path.join(RESULTS_DIRECTORY, `${result.scenario}.json`);
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

export async function writeSummary(markdown: string): Promise<string> {
  await mkdir(RESULTS_DIRECTORY, { recursive: true });
  const file = path.join(RESULTS_DIRECTORY, 'summary.md');
  await writeFile(file, markdown);
  return file;
}
