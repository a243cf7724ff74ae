import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '../config/environment.js';
import { buildDataSourceOptions } from './data-source-options.js';

/** The TypeORM connection; modules register their own ORM entities with `TypeOrmModule.forFeature`. */
@Module({})
export class DatabaseModule {
  static forRoot(options: { applicationName: string }): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService<Environment, true>) => ({
            ...buildDataSourceOptions({
              url: config.get('DATABASE_URL', { infer: true }),
              poolSize: config.get('DATABASE_POOL_SIZE', { infer: true }),
              applicationName: options.applicationName,
            }),
            autoLoadEntities: true,
            retryAttempts: 3,
            retryDelay: 1_000,
          }),
        }),
      ],
    };
  }
}
