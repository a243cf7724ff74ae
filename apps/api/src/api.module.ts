import { Module, type DynamicModule } from '@nestjs/common';
import { AiHttpModule } from '@techtrek/ai';
import { AnalyticsModule } from '@techtrek/analytics';
import { AuthHttpModule } from '@techtrek/auth';
import { CmsHttpModule } from '@techtrek/cms';
import { GamificationHttpModule } from '@techtrek/gamification';
import { LessonsHttpModule } from '@techtrek/lessons';
import { NotificationsHttpModule } from '@techtrek/notifications';
import { ProgressHttpModule } from '@techtrek/progress';
import { PlatformModule, type Environment } from '@techtrek/platform';

/** The HTTP API: serves the mobile app and the admin tools, and enqueues jobs for the worker. */
@Module({})
export class ApiModule {
  static forRoot(environment: Environment): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        // The API serves through a Redis outage (ADR 0011): unready then, a balancer would drop every instance.
        PlatformModule.forRoot({ processName: 'api', environment, optionalReadinessChecks: ['redis'] }),
        AuthHttpModule,
        LessonsHttpModule,
        ProgressHttpModule,
        GamificationHttpModule,
        NotificationsHttpModule,
        CmsHttpModule,
        AiHttpModule,
        // No routes: declares where product events go, so the API may record them.
        AnalyticsModule,
      ],
    };
  }
}
