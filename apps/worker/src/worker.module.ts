import { Module } from '@nestjs/common';
import { PlatformModule } from '@techtrek/platform';

/**
 * The background process: runs every BullMQ processor and scheduler. Its only HTTP routes are
 * /health and /metrics, on WORKER_PORT.
 */
@Module({
  imports: [PlatformModule.forRoot({ processName: 'worker' })],
})
export class WorkerModule {}
