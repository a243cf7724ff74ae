import { Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController, OPTIONAL_READINESS_CHECKS, type ReadinessCheck } from './health.controller.js';

@Module({})
export class HealthModule {
  /** `optionalChecks`: dependencies the process serves without; their outage is reported, not fatal. */
  static forRoot(optionalChecks: readonly ReadinessCheck[] = []): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
      controllers: [HealthController],
      providers: [{ provide: OPTIONAL_READINESS_CHECKS, useValue: optionalChecks }],
    };
  }
}
