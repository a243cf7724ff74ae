import { Module, type DynamicModule } from '@nestjs/common';
import { AccountsModule } from '@techtrek/auth';
import { LessonsModule } from '@techtrek/lessons';
import { PlatformModule, type Environment } from '@techtrek/platform';

@Module({})
export class SeedModule {
  static forRoot(environment: Environment): DynamicModule {
    return {
      module: SeedModule,
      imports: [PlatformModule.forCommand({ processName: 'seed', environment }), LessonsModule, AccountsModule],
    };
  }
}
