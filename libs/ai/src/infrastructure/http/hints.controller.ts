import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@techtrek/auth';
import { integerIdPipe, ApiProblemResponses } from '@techtrek/platform';
import type { FastifyReply } from 'fastify';
import { HintQuery } from '../../application/hint.query.js';
import { RequestHintUseCase, type HintAnswer } from '../../application/request-hint.use-case.js';
import { HintFeedbackRequestDto, HintRequestDto } from './dto/hint-requests.dto.js';
import { HintDto, HintJobDto } from './dto/hint-responses.dto.js';

const hintId = integerIdPipe();

/** 200 with the hint, or 202 with the job to poll (and where to poll it). */
function respond(answer: HintAnswer, reply: FastifyReply): HintDto | HintJobDto {
  if (answer.status === 'pending') {
    void reply.status(202).header('location', `/ai/hint/${answer.jobId}`);
    return { jobId: answer.jobId, status: 'pending', remainingToday: answer.remainingToday };
  }
  const { id, hint, level, provider, model, cached } = answer.hint;
  return { id, hint: hint!, level, provider: provider!, model: model!, cached, remainingToday: answer.remainingToday };
}

@ApiTags('ai')
@ApiBearerAuth()
@Controller('ai/hint')
export class HintsController {
  constructor(
    private readonly requestHint: RequestHintUseCase,
    private readonly hints: HintQuery,
  ) {}

  /**
   * A hint for an exercise (or an answer to a question about the lesson) that helps the learner
   * think without handing over the answer. Waits for it up to a few seconds (HINT_WAIT_MS): 200
   * with the hint, or 202 with a job id to poll at GET /ai/hint/{jobId}. Each hint counts towards
   * the learner's daily quota (429 with `Retry-After` when spent); cached hints too.
   */
  @Post()
  @ApiProblemResponses(404, [503, 'The hint could not be written (providers failing); it did not count'])
  @HttpCode(200)
  @ApiOkResponse({ type: HintDto })
  @ApiAcceptedResponse({ type: HintJobDto, description: 'Still being written: poll the Location' })
  async request(
    @CurrentPrincipal() principal: Principal,
    @Body() body: HintRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<HintDto | HintJobDto> {
    return respond(await this.requestHint.execute({ userId: principal.userId, ...body }), reply);
  }

  /** The hint of a job: 202 while it is written, 200 once it is; 404 for another learner's. */
  @Get(':jobId')
  @ApiProblemResponses(404, [503, 'The hint could not be written; ask again'])
  @ApiParam({ name: 'jobId', type: 'integer' })
  @ApiOkResponse({ type: HintDto })
  @ApiAcceptedResponse({ type: HintJobDto, description: 'Still being written' })
  async poll(
    @CurrentPrincipal() principal: Principal,
    @Param('jobId', hintId) jobId: number,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<HintDto | HintJobDto> {
    return respond(await this.hints.poll(jobId, principal.userId), reply);
  }

  /** Was this hint helpful? Rating again replaces the rating. Admins see the rates per topic and provider. */
  @Post(':id/feedback')
  @ApiProblemResponses(404, 409)
  @HttpCode(204)
  @ApiParam({ name: 'id', type: 'integer' })
  async rate(
    @CurrentPrincipal() principal: Principal,
    @Param('id', hintId) id: number,
    @Body() body: HintFeedbackRequestDto,
  ): Promise<void> {
    await this.hints.rate(id, principal.userId, body.helpful);
  }
}
