import { Module } from '@nestjs/common';
import { ProgressController } from './infrastructure/http/progress.controller.js';
import { ProgressModule } from './progress.module.js';

/** `/progress` for the API app. */
@Module({
  imports: [ProgressModule],
  controllers: [ProgressController],
})
export class ProgressHttpModule {}
