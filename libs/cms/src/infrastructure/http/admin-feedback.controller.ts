import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '@techtrek/auth';
import { integerIdPipe, ApiProblemResponses } from '@techtrek/platform';
import { ListFeedbackQuery } from '../../application/list-feedback.query.js';
import { ReviewFeedbackUseCase } from '../../application/review-feedback.use-case.js';
import { ListFeedbackQueryDto, ReviewFeedbackRequestDto } from './dto/feedback-requests.dto.js';
import type { AdminFeedbackItemDto, FeedbackPageDto } from './dto/feedback-responses.dto.js';

const feedbackId = integerIdPipe();

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/feedback')
@ApiProblemResponses(403)
export class AdminFeedbackController {
  constructor(
    private readonly listFeedback: ListFeedbackQuery,
    private readonly reviewFeedback: ReviewFeedbackUseCase,
  ) {}

  /**
   * Learners' feedback, newest first, filtered by status and/or lesson. Cursor pagination: pages
   * already read never shift when feedback arrives. With `lessonId`, `averageRating` is that
   * lesson's mean over all its feedback.
   */
  @Get()
  list(@Query() query: ListFeedbackQueryDto): Promise<FeedbackPageDto> {
    return this.listFeedback.execute(query);
  }

  /** Sets the status and/or the internal note (at least one); `adminNote: null` clears the note. */
  @Patch(':id')
  @ApiProblemResponses(404)
  @ApiParam({ name: 'id', type: 'integer', example: 42 })
  review(@Param('id', feedbackId) id: number, @Body() body: ReviewFeedbackRequestDto): Promise<AdminFeedbackItemDto> {
    return this.reviewFeedback.execute({ id, ...body });
  }
}
