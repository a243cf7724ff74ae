import { Module } from '@nestjs/common';
import { jobHandler } from '@techtrek/platform';
import { GenerateHintUseCase } from './application/generate-hint.use-case.js';
import { HintWriter } from './application/hint-writer.js';
import { ProviderSlots } from './application/provider-slots.js';
import { AiModule } from './ai.module.js';
import { hintProvidersProvider } from './infrastructure/providers/configured-hint-providers.js';
import { GroundedHintProvider } from './infrastructure/providers/grounded-hint.provider.js';
import { GenerateHintJobHandler } from './infrastructure/queue/generate-hint.job-handler.js';
import { GENERATE_HINT_JOB } from './infrastructure/queue/hint-job.js';
import { RedisProviderSlots } from './infrastructure/redis/redis-provider-slots.js';

/** The hint job for the worker app: the providers, the routing and the writer. */
@Module({
  imports: [AiModule],
  providers: [
    GroundedHintProvider,
    hintProvidersProvider,
    { provide: ProviderSlots, useClass: RedisProviderSlots },
    HintWriter,
    GenerateHintUseCase,
    ...jobHandler(GENERATE_HINT_JOB, GenerateHintJobHandler),
  ],
})
export class AiWorkerModule {}
