import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@techtrek/auth';
import { Idempotent, ApiProblemResponses } from '@techtrek/platform';
import { SubmitFeedbackUseCase } from '../../application/submit-feedback.use-case.js';
import { SubmitFeedbackRequestDto } from './dto/feedback-requests.dto.js';
import type { SubmittedFeedbackDto } from './dto/feedback-responses.dto.js';

@ApiTags('feedback')
@ApiBearerAuth()
@Controller('feedback')
export class FeedbackController {
  constructor(private readonly submitFeedback: SubmitFeedbackUseCase) {}

  /** Rates a published lesson (1–5) with an optional comment. Unknown and draft lessons are 404. */
  @Post()
  @ApiProblemResponses(404, 409, 422)
  @Idempotent()
  submit(
    @CurrentPrincipal() principal: Principal,
    @Body() body: SubmitFeedbackRequestDto,
  ): Promise<SubmittedFeedbackDto> {
    return this.submitFeedback.execute({ userId: principal.userId, ...body });
  }
}
