import type { DynamicModule } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import type { Environment } from './environment.js';

/** Typed access to validated settings: `config.get('PORT', { infer: true })`. */
export type AppConfig = ConfigService<Environment, true>;

/**
 * Serves exactly the settings the process validated at start (`loadEnvironmentOrExit`), typed,
 * instead of re-reading `process.env` strings: an app built twice in one process (tests) gets
 * the settings it was built with.
 */
export function platformConfigModule(environment: Environment): Promise<DynamicModule> {
  return ConfigModule.forRoot({
    isGlobal: true,
    cache: true,
    ignoreEnvFile: true,
    skipProcessEnv: true,
    load: [() => ({ ...environment })],
  });
}
