import { Module, type DynamicModule } from '@nestjs/common';
import { AiWorkerModule } from '@techtrek/ai';
import { AnalyticsWorkerModule } from '@techtrek/analytics';
import { LeaderboardWorkerModule } from '@techtrek/gamification';
import { NotificationsWorkerModule } from '@techtrek/notifications';
import { OutboxRelayModule, PlatformModule, QueueWorkersModule, type Environment } from '@techtrek/platform';

/**
 * The background process: relays the outbox to the queues and runs every job handler and
 * scheduler. Its only HTTP routes are /health and /metrics, on WORKER_PORT.
 */
@Module({})
export class WorkerModule {
  static forRoot(environment: Environment): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        PlatformModule.forRoot({ processName: 'worker', environment }),
        QueueWorkersModule,
        OutboxRelayModule,
        LeaderboardWorkerModule,
        NotificationsWorkerModule,
        AiWorkerModule,
        AnalyticsWorkerModule,
      ],
    };
  }
}
