import type { SoakReport } from './workload.js';

const ms = (value: number | null | undefined): string =>
  value === null || value === undefined ? '–' : value.toFixed(1);
const mib = (value: number | null | undefined): string =>
  value === null || value === undefined ? '–' : value.toFixed(0);
const row = (cells: (string | number)[]): string => `| ${cells.join(' | ')} |`;
const statuses = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .map(([status, count]) => `${status}×${count}`)
    .join(' ');

/** Markdown: the run in one line, then per route, per process (RSS) and what went wrong. */
export function soakLines(report: SoakReport): string[] {
  const { settings, measured, baseline } = report;
  const routeHeader = [
    'route',
    'requests',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'max ms',
    'p99 ÷ baseline',
    'errors',
    'statuses',
  ];
  const rssHeader = ['process', 'first sample', 'after warm-up', 'settled', 'end', 'growth', 'allowed', 'verdict'];
  return [
    `${report.learners} learners for ${settings.durationSeconds} s (${settings.warmupSeconds} s warm-up), think time ` +
      `0–${2 * settings.thinkMs} ms: ${report.requests} requests, ${report.requestErrors} errors ` +
      `(error rate ${(report.errorRate * 100).toFixed(3)} %); after the warm-up ${measured.requests} requests, ` +
      `${measured.perSecond.toFixed(0)}/s, p99 ${ms(measured.overall.p99Ms)} ms.`,
    '',
    row(routeHeader),
    row(routeHeader.map(() => '---')),
    ...report.routes.map((route) =>
      row([
        route.route,
        route.count,
        ms(route.p50Ms),
        ms(route.p95Ms),
        ms(route.p99Ms),
        ms(route.maxMs),
        route.p99Ratio === null ? '–' : route.p99Ratio.toFixed(1),
        route.errors === 0 ? '0' : `**${route.errors}**`,
        statuses(route.statuses),
      ]),
    ),
    row([
      `${baseline.route} (baseline)`,
      baseline.summary.count,
      ms(baseline.summary.p50Ms),
      ms(baseline.summary.p95Ms),
      ms(baseline.summary.p99Ms),
      ms(baseline.summary.maxMs),
      '1.0',
      baseline.errors,
      '',
    ]),
    '',
    row(rssHeader),
    row(rssHeader.map(() => '---')),
    ...Object.entries(report.rss).map(([name, verdict]) =>
      row([
        name,
        mib(verdict.firstMiB),
        mib(verdict.firstWindowMiB),
        mib(verdict.startMiB),
        mib(verdict.endMiB),
        verdict.growthMiB === null ? '–' : `${verdict.growthMiB >= 0 ? '+' : ''}${verdict.growthMiB.toFixed(1)}`,
        mib(verdict.allowedMiB),
        verdict.beyondNoise ? '**grew**' : verdict.growthMiB === null ? '**no samples**' : 'steady',
      ]),
    ),
    '',
    `RSS in MiB, sampled every ${settings.sampleIntervalMs / 1000} s; medians of ${settings.rss.windowMs / 1000} s ` +
      `windows after the warm-up: settled = the lowest before the last, end = the last. Growth allowed: the ` +
      `larger of ${settings.rss.maxGrowthMiB} MiB and ${settings.rss.maxGrowthRatio * 100} % of settled. ` +
      `Actions after the warm-up: ${statuses(report.actions)}. Slowest: ` +
      report.slowest
        .slice(0, 3)
        .map((slow) => `${slow.route} ${slow.ms.toFixed(0)} ms (${slow.status}, at ${(slow.atMs / 1000).toFixed(1)} s)`)
        .join(', ') +
      '.',
    ...(report.problems.length > 0 ? ['', ...report.problems.map((problem) => `- **${problem}**`)] : []),
    ...report.errorSamples
      .slice(0, 5)
      .map(
        (sample) =>
          `  - at ${(sample.atMs / 1000).toFixed(1)} s ${sample.route}: ${sample.status ?? sample.error} ` +
          `(expected ${sample.expected.join('/') || '–'}) ${sample.body.slice(0, 200)}`,
      ),
  ];
}
