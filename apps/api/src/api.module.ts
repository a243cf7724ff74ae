import { Module } from '@nestjs/common';
import { PlatformModule } from '@techtrek/platform';

/** The HTTP API: serves the mobile app and the admin tools, and enqueues jobs for the worker. */
@Module({
  imports: [PlatformModule.forRoot({ processName: 'api' })],
})
export class ApiModule {}
