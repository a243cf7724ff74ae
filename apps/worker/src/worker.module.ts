import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule, type Environment } from '@techtrek/platform';

/**
 * The background process: runs every BullMQ processor and scheduler. Its only HTTP routes are
 * /health and /metrics, on WORKER_PORT.
 */
@Module({})
export class WorkerModule {
  static forRoot(environment: Environment): DynamicModule {
    return {
      module: WorkerModule,
      imports: [PlatformModule.forRoot({ processName: 'worker', environment })],
    };
  }
}
