import { Module } from '@nestjs/common';
import { AuthModule } from '@techtrek/auth';
import { LessonsModule } from '@techtrek/lessons';
import { PlatformModule } from '@techtrek/platform';

@Module({
  imports: [PlatformModule.forCommand({ processName: 'seed' }), LessonsModule, AuthModule],
})
export class SeedModule {}
