import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@techtrek/auth';
import { integerIdPipe, ApiProblemResponses } from '@techtrek/platform';
import type { FastifyReply } from 'fastify';
import type { BroadcastProgress } from '../../../application/broadcasts/broadcast.use-cases.js';
import { BroadcastProgressQuery, StartBroadcastUseCase } from '../../../application/broadcasts/broadcast.use-cases.js';
import { BroadcastDto, StartBroadcastRequestDto } from './broadcast.dto.js';

const broadcastId = integerIdPipe();

/** The fields an admin sees (the fan-out's internal position stays inside). */
const toDto = ({ lastUserId: _last, audienceMaxUserId: _max, ...broadcast }: BroadcastProgress): BroadcastDto =>
  broadcast;

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/notifications/broadcast')
@ApiProblemResponses(403)
export class AdminBroadcastsController {
  constructor(
    private readonly startBroadcast: StartBroadcastUseCase,
    private readonly progress: BroadcastProgressQuery,
  ) {}

  /**
   * Sends a notification to every learner, or to a topic's learners, as they are now. Answers at
   * once (202): the worker creates the notifications in batches; follow `Location` for progress.
   */
  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: BroadcastDto })
  async start(
    @CurrentPrincipal() principal: Principal,
    @Body() body: StartBroadcastRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BroadcastDto> {
    const broadcast = await this.startBroadcast.execute({ createdBy: principal.userId, ...body });
    void reply.header('location', `/admin/notifications/broadcast/${broadcast.id}`);
    return toDto(broadcast);
  }

  /** A broadcast's fan-out and the delivery of its notifications. */
  @Get(':id')
  @ApiProblemResponses(404)
  @ApiParam({ name: 'id', type: 'integer', example: 7 })
  async show(@Param('id', broadcastId) id: number): Promise<BroadcastDto> {
    return toDto(await this.progress.execute(id));
  }
}
