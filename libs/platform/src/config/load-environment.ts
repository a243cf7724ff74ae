import { existsSync } from 'node:fs';
import { EnvironmentValidationError, validateEnvironment, type Environment } from './environment.js';

/**
 * Reads `.env` (real environment variables win) and validates it before anything starts, so a bad
 * value stops the process with one line naming the variable, not a stack trace.
 */
export function loadEnvironmentOrExit(envFile = '.env'): Environment {
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  try {
    return validateEnvironment(process.env);
  } catch (error) {
    if (!(error instanceof EnvironmentValidationError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
