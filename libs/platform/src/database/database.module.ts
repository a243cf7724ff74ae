import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '../config/environment.js';
import { AuditTrail } from '../audit/audit-trail.js';
import { AuditTrailReader } from '../audit/audit-trail.reader.js';
import { ConnectionErrorGuard } from './connection-error-guard.js';
import { buildDataSourceOptions } from './data-source-options.js';
import { Transactions } from './transactions.js';

/**
 * The TypeORM connection, the transaction context every module's repositories share, and the
 * audit trail written inside those transactions. Global: every module may need a transaction.
 */
@Module({})
export class DatabaseModule {
  static forRoot(options: { applicationName: string }): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [Transactions, AuditTrail, AuditTrailReader, ConnectionErrorGuard],
      exports: [Transactions, AuditTrail, AuditTrailReader],
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
