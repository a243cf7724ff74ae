import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@techtrek/auth';
import {
  IDEMPOTENCY_KEY_HEADER,
  idempotencyKeyOf,
  integerIdPipe,
  mapToProblem,
  problemDocument,
  requestFingerprint,
  ApiProblemResponses,
} from '@techtrek/platform';
import type { FastifyReply } from 'fastify';
import { SubmitAttemptBatchUseCase, type BatchAttemptResult } from '../../application/submit-attempt-batch.use-case.js';
import { SubmitAttemptUseCase } from '../../application/submit-attempt.use-case.js';
import { ProgressQuery } from '../../application/progress.query.js';
import { SubmitAttemptBatchRequestDto, SubmitAttemptRequestDto } from './dto/attempt-requests.dto.js';
import type { AttemptBatchResultDto, AttemptOutcomeDto, BatchAttemptResultDto } from './dto/attempt-responses.dto.js';
import type { LessonProgressDetailDto, ProgressOverviewDto } from './dto/progress-responses.dto.js';

const optionalDate = (value: string | undefined): Date | undefined =>
  value === undefined ? undefined : new Date(value);

/** What identifies an attempt for its key: everything the learner sent about it. */
const fingerprintOf = ({ lessonId, answers, startedAt, completedAt }: SubmitAttemptRequestDto): string =>
  requestFingerprint({ body: { lessonId, answers, startedAt, completedAt } });

@ApiTags('progress')
@ApiBearerAuth()
@Controller('progress')
export class ProgressController {
  constructor(
    private readonly submitAttempt: SubmitAttemptUseCase,
    private readonly submitBatch: SubmitAttemptBatchUseCase,
    private readonly progress: ProgressQuery,
  ) {}

  /**
   * Submits a lesson attempt; the server grades it (a client never sends a score) and answers with
   * the results, the XP earned, the streak and new badges. Retry with the same `Idempotency-Key`
   * and body: the stored answer comes back (`Idempotent-Replayed: true`) and nothing is applied
   * twice; the same key with another body is 422. Keys are kept with the attempt, for good.
   */
  @Post()
  @ApiProblemResponses(404, 409, 422)
  @HttpCode(201)
  @ApiHeader({
    name: IDEMPOTENCY_KEY_HEADER,
    required: false,
    schema: { type: 'string', minLength: 1, maxLength: 255 },
  })
  async submit(
    @CurrentPrincipal() principal: Principal,
    @Body() body: SubmitAttemptRequestDto,
    @Headers() headers: Record<string, string | string[] | undefined>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AttemptOutcomeDto> {
    const key = idempotencyKeyOf(headers);
    const { outcome, replayed } = await this.submitAttempt.execute({
      userId: principal.userId,
      lessonId: body.lessonId,
      answers: body.answers,
      startedAt: optionalDate(body.startedAt),
      completedAt: optionalDate(body.completedAt),
      idempotency: key === undefined ? undefined : { key, fingerprint: fingerprintOf(body) },
    });
    if (replayed) void reply.header('idempotent-replayed', 'true');
    return outcome as AttemptOutcomeDto;
  }

  /**
   * Syncs up to 50 attempts made offline, each with its own `idempotencyKey` and `completedAt`;
   * applied oldest first, each reported on its own: a refused attempt does not stop the others.
   */
  @Post('batch')
  @HttpCode(200)
  async submitMany(
    @CurrentPrincipal() principal: Principal,
    @Body() body: SubmitAttemptBatchRequestDto,
  ): Promise<AttemptBatchResultDto> {
    const results = await this.submitBatch.execute(
      body.attempts.map((attempt) => ({
        userId: principal.userId,
        lessonId: attempt.lessonId,
        answers: attempt.answers,
        startedAt: optionalDate(attempt.startedAt),
        completedAt: new Date(attempt.completedAt),
        idempotency: { key: attempt.idempotencyKey, fingerprint: fingerprintOf(attempt) },
      })),
    );
    return { results: results.map(toBatchResult) };
  }

  /** Every lesson the learner attempted, and completion per topic against what is published. */
  @Get()
  overview(@CurrentPrincipal() principal: Principal): Promise<ProgressOverviewDto> {
    return this.progress.overview(principal.userId);
  }

  /** One lesson's record and its attempt history, newest first. */
  @Get(':lessonId')
  @ApiProblemResponses(404)
  @ApiParam({ name: 'lessonId', type: 'integer', example: 13 })
  ofLesson(
    @CurrentPrincipal() principal: Principal,
    @Param('lessonId', integerIdPipe('lessonId')) lessonId: number,
  ): Promise<LessonProgressDetailDto> {
    return this.progress.ofLesson(principal.userId, lessonId);
  }
}

function toBatchResult(result: BatchAttemptResult): BatchAttemptResultDto {
  const { index, key: idempotencyKey } = result;
  if ('outcome' in result) {
    return {
      index,
      idempotencyKey,
      status: 201,
      replayed: result.replayed,
      attempt: result.outcome as AttemptOutcomeDto,
    };
  }
  const problem = problemDocument(mapToProblem(result.refusal));
  return {
    index,
    idempotencyKey,
    status: problem.status,
    replayed: false,
    problem: {
      type: problem.type,
      title: problem.title,
      code: problem.code,
      detail: problem.detail,
      errors: problem.errors ?? [],
    },
  };
}
