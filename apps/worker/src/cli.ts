import 'reflect-metadata';
import { loadEnvironmentOrExit } from '@techtrek/platform';
import { createDatabaseIfAbsent, revertLastMigration, runMigrations } from './commands/database.commands.js';
import { rebuildLeaderboards } from './commands/leaderboard.command.js';
import { seed } from './commands/seed.command.js';

/** Operations commands, shipped with the worker image: `node <worker>/cli.js <command>`. */
const COMMANDS = {
  'db:create': createDatabaseIfAbsent,
  migrate: runMigrations,
  'migrate:revert': revertLastMigration,
  seed,
  'leaderboard:rebuild': rebuildLeaderboards,
} as const;

const name = process.argv[2] as keyof typeof COMMANDS | undefined;
if (!name || !(name in COMMANDS)) {
  process.stderr.write(`Usage: cli <${Object.keys(COMMANDS).join('|')}>\n`);
  process.exit(2);
}
const environment = loadEnvironmentOrExit();
try {
  await COMMANDS[name](environment, (line) => process.stdout.write(`${line}\n`));
} catch (error) {
  process.stderr.write(`${name} failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
