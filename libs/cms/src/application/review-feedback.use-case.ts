import { Injectable } from '@nestjs/common';
import { feedbackReview, type FeedbackReview } from '../domain/feedback.js';
import { FeedbackNotFoundError } from '../domain/feedback.errors.js';
import { FeedbackRepository, type AdminFeedbackItem } from './feedback.repository.js';

export interface ReviewFeedbackInput extends FeedbackReview {
  id: number;
}

/** An admin resolves (or reopens) feedback and/or notes what was done about it. */
@Injectable()
export class ReviewFeedbackUseCase {
  constructor(private readonly feedback: FeedbackRepository) {}

  async execute({ id, ...change }: ReviewFeedbackInput): Promise<AdminFeedbackItem> {
    const updated = await this.feedback.review(id, feedbackReview(change));
    if (!updated) throw new FeedbackNotFoundError();
    return updated;
  }
}
