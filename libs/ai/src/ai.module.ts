import { Module } from '@nestjs/common';
import { LessonsModule } from '@techtrek/lessons';
import { outboxEvents } from '@techtrek/platform';
import { HintCache } from './application/hint-cache.js';
import { HintMaterialSource } from './application/hint-material.js';
import { HintMetrics } from './application/hint-metrics.js';
import { HintQuota } from './application/hint-quota.js';
import { HintRequestRepository } from './application/hint-request.repository.js';
import { HINT_SERVED_EVENT, ServedHintRecorder } from './application/served-hint-recorder.js';
import { PrometheusHintMetrics } from './infrastructure/metrics/prometheus-hint-metrics.js';
import { SqlHintRequestRepository } from './infrastructure/persistence/sql-hint-request.repository.js';
import { RedisHintCache } from './infrastructure/redis/redis-hint-cache.js';
import { RedisHintQuota } from './infrastructure/redis/redis-hint-quota.js';

const SHARED = [HintMaterialSource, HintRequestRepository, HintQuota, HintCache, HintMetrics, ServedHintRecorder];

/**
 * The core of AI hints (issue #7), in both apps: hint requests, the quota, the cache and the
 * lesson material hints are made of. Routes live in `AiHttpModule`, the hint job in `AiWorkerModule`.
 */
@Module({
  imports: [LessonsModule],
  providers: [
    HintMaterialSource,
    ServedHintRecorder,
    outboxEvents(HINT_SERVED_EVENT),
    { provide: HintRequestRepository, useClass: SqlHintRequestRepository },
    { provide: HintQuota, useClass: RedisHintQuota },
    { provide: HintCache, useClass: RedisHintCache },
    { provide: HintMetrics, useClass: PrometheusHintMetrics },
  ],
  exports: SHARED,
})
export class AiModule {}
