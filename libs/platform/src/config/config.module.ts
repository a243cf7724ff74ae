import type { DynamicModule } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { validateEnvironment, type Environment } from './environment.js';

/** Typed access to validated settings: `config.get('PORT', { infer: true })`. */
export type AppConfig = ConfigService<Environment, true>;

/**
 * Called from `PlatformModule.forRoot`, i.e. when an app module is built, not when this file is
 * imported: @nestjs/config reads the environment at `forRoot` time.
 */
export function platformConfigModule(): Promise<DynamicModule> {
  return ConfigModule.forRoot({
    isGlobal: true,
    cache: true,
    // main.ts has already loaded .env (real variables win); tests set variables directly.
    ignoreEnvFile: true,
    validate: validateEnvironment,
  });
}
