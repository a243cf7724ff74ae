import { Injectable } from '@nestjs/common';
import { newFeedback } from '../domain/feedback.js';
import { FeedbackLessonNotFoundError } from '../domain/feedback.errors.js';
import { FeedbackRepository, type SubmittedFeedback } from './feedback.repository.js';

export interface SubmitFeedbackInput {
  userId: number;
  lessonId: number;
  rating: number;
  comment?: string | null;
}

/** A learner rates a published lesson; drafts and unknown lessons are the same 404. */
@Injectable()
export class SubmitFeedbackUseCase {
  constructor(private readonly feedback: FeedbackRepository) {}

  async execute(input: SubmitFeedbackInput): Promise<SubmittedFeedback> {
    const saved = await this.feedback.add(newFeedback(input));
    if (!saved) throw new FeedbackLessonNotFoundError();
    return saved;
  }
}
