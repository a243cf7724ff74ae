#!/usr/bin/env node
// Fails on a high or critical advisory in the production dependencies that docs/security-audit.md
// does not explain. Needs the registry's advisory endpoint, so it is `npm run audit`, not part of
// `npm test`.
//
//   npm run audit                          # runs `npm audit --omit=dev --json`
//   node scripts/audit.mjs --report FILE   # judges a saved report instead (CI artefact, offline check)
//
// Exit codes: 0 nothing unexplained, 1 unexplained high/critical advisories, 2 no report (the
// advisory endpoint did not answer: that is not a pass).
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const GATED = new Set(['high', 'critical']);

/**
 * Advisories accepted for now, by GHSA id: the package they are in and why they do not apply here.
 * Each has its section in docs/security-audit.md; remove the entry once the fix is installed.
 */
const ACCEPTED = {
  // 'GHSA-xxxx-xxxx-xxxx': { package: 'name', reason: 'why it does not apply / what mitigates it' },
};

async function loadReport(args) {
  const at = args.indexOf('--report');
  if (at >= 0) return JSON.parse(await readFile(args[at + 1], 'utf8'));
  try {
    const { stdout } = await promisify(execFile)('npm', ['audit', '--omit=dev', '--json'], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return JSON.parse(stdout);
  } catch (error) {
    // npm audit exits 1 when it finds anything; its JSON is still on stdout.
    if (error.stdout) return JSON.parse(error.stdout);
    throw error;
  }
}

/** Every advisory in the report at a gated severity, with the installed paths it affects. */
function gatedAdvisories(report) {
  const found = new Map();
  for (const vulnerability of Object.values(report.vulnerabilities ?? {})) {
    for (const via of vulnerability.via) {
      // A string `via` points at another package's entry, which lists the advisory itself.
      if (typeof via !== 'object' || !GATED.has(via.severity)) continue;
      const id = via.url?.match(/GHSA(-[a-z0-9]{4}){3}/i)?.[0] ?? String(via.source);
      const entry = found.get(id) ?? { id, ...via, nodes: new Set() };
      for (const node of vulnerability.nodes ?? []) entry.nodes.add(node);
      entry.fixAvailable = vulnerability.fixAvailable;
      found.set(id, entry);
    }
  }
  return [...found.values()];
}

function describe(advisory) {
  const fix =
    advisory.fixAvailable === true
      ? 'fix: npm audit fix'
      : advisory.fixAvailable
        ? `fix: ${advisory.fixAvailable.name}@${advisory.fixAvailable.version}${advisory.fixAvailable.isSemVerMajor ? ' (major)' : ''}`
        : 'no fix available';
  return `  ${advisory.severity.toUpperCase()} ${advisory.id} ${advisory.name} ${advisory.range}: ${advisory.title}\n    ${advisory.url}\n    at ${[...advisory.nodes].join(', ')}; ${fix}`;
}

const report = await loadReport(process.argv.slice(2)).catch((error) => ({ message: error.message }));
if (!report.vulnerabilities) {
  // npm prints the endpoint's failure as JSON too: `message` (npm 11) or `error.summary`.
  const reason = report.message || report.error?.summary || report.error?.detail || 'unexpected output';
  console.error(`audit: no advisory report (${reason}).`);
  console.error(
    'audit: this is not a pass; run it where the registry answers POST /-/npm/v1/security/advisories/bulk.',
  );
  process.exit(2);
}

const advisories = gatedAdvisories(report);
const unexplained = advisories.filter((advisory) => !ACCEPTED[advisory.id]);
const stale = Object.keys(ACCEPTED).filter((id) => !advisories.some((advisory) => advisory.id === id));
const counts = report.metadata?.vulnerabilities ?? {};
console.log(
  `audit: production dependencies: ${counts.critical ?? 0} critical, ${counts.high ?? 0} high, ` +
    `${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low (packages); ${advisories.length} high/critical advisories, ` +
    `${advisories.length - unexplained.length} explained in docs/security-audit.md`,
);
for (const id of stale)
  console.log(`audit: ${id} is accepted but no longer reported: remove it from scripts/audit.mjs`);
if (unexplained.length > 0) {
  console.error(`audit: ${unexplained.length} high/critical advisories are not explained:`);
  for (const advisory of unexplained) console.error(describe(advisory));
  console.error('audit: update the package, or explain the advisory in docs/security-audit.md and scripts/audit.mjs.');
  process.exit(1);
}
