import type { RemindersResult } from './reminders.js';

/** The `reminders` result in a few lines for the console and summary.md. */
export function resultLines(result: RemindersResult): string[] {
  const { medians, dueQuery, claimStatement } = result;
  return [
    `### ${result.scenario}: ${result.description}`,
    '',
    `| tick jobs/s | addBulk jobs/s | ratio | tick s (${result.learners}) | due query ms (1 batch) | claim statement ms (1 batch) | index used | status |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    `| ${medians.tickJobsPerSecond.toFixed(0)} | ${medians.baselineJobsPerSecond.toFixed(0)} | ${medians.ratio.toFixed(2)} | ` +
      `${medians.tickSeconds.toFixed(2)} | ${dueQuery.executionMs.toFixed(2)} | ${claimStatement.executionMs.toFixed(2)} | ` +
      `${dueQuery.usesIndex ? 'yes' : '**no**'} | ${result.errors.length === 0 ? 'ok' : `**ERROR** (${result.errors.length})`} |`,
    '',
    `Baseline: ${result.baseline}. Medians over ${result.rounds.length} rounds; the plan is in bench/results/${result.scenario}.json.`,
    ...deliveryLines(result),
  ];
}

function deliveryLines({ delivery }: RemindersResult): string[] {
  if (!delivery) return ['', 'Delivery: not measured (see errors).'];
  const { medians, expoLimit, learners } = delivery;
  return [
    '',
    `| delivery msg/s (${learners} reminders) | SDK straight msg/s | ratio | at ${expoLimit.ratePerSecond}/s: msg/s | keeps up |`,
    '| --- | --- | --- | --- | --- |',
    `| ${medians.messagesPerSecond.toFixed(0)} | ${medians.baselineMessagesPerSecond.toFixed(0)} | ${medians.ratio.toFixed(3)} | ` +
      `${expoLimit.messagesPerSecond.toFixed(0)} | ${expoLimit.keepsUp ? 'yes' : '**no**'} |`,
    '',
    `Delivery baseline: ${delivery.baseline}.`,
  ];
}
