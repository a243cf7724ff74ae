import { Module } from '@nestjs/common';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { BullBoardModule } from '@bull-board/nestjs';
import { QUEUE_NAMES } from '@techtrek/platform';
import { BOARD_ROUTE } from './board-access.js';
import { BoardAuthHook } from './board-auth.hook.js';
import { BoardSessionController } from './board-session.controller.js';

/**
 * Bull Board at /admin/queues (API app only), over every queue: waiting, delayed and failed jobs
 * to inspect and retry. Its routes are hidden from the OpenAPI document (they are not Nest
 * routes), and guarded by `BoardAuthHook`.
 */
@Module({
  imports: [
    BullBoardModule.forRoot({
      route: BOARD_ROUTE,
      adapter: FastifyAdapter,
      boardOptions: { uiConfig: { boardTitle: 'TechTrek queues' } },
    }),
    BullBoardModule.forFeature(...QUEUE_NAMES.map((name) => ({ name, adapter: BullMQAdapter }))),
  ],
  controllers: [BoardSessionController],
  providers: [BoardAuthHook],
})
export class QueueBoardModule {}
