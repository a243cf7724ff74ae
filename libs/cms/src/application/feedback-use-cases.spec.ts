import { describe, expect, it } from '@jest/globals';
import type { FeedbackReview, NewFeedback } from '../domain/feedback.js';
import { FeedbackLessonNotFoundError, FeedbackNotFoundError, InvalidFeedbackError } from '../domain/feedback.errors.js';
import { decodeFeedbackCursor } from './feedback-list-cursor.js';
import { FeedbackReader, type FeedbackListFilter, type FeedbackSortKey } from './feedback.reader.js';
import { FeedbackRepository, type AdminFeedbackItem, type SubmittedFeedback } from './feedback.repository.js';
import { ListFeedbackQuery } from './list-feedback.query.js';
import { ReviewFeedbackUseCase } from './review-feedback.use-case.js';
import { SubmitFeedbackUseCase } from './submit-feedback.use-case.js';

const at = new Date('2025-11-26T09:30:00Z');
const item = (id: number, lessonId = 13): AdminFeedbackItem => ({
  id,
  lessonId,
  lessonTitle: 'Lesson',
  userId: 7,
  rating: 4,
  comment: null,
  status: 'open',
  adminNote: null,
  createdAt: at,
  updatedAt: at,
});

class InMemoryFeedbackRepository extends FeedbackRepository {
  readonly added: NewFeedback[] = [];
  readonly reviews: FeedbackReview[] = [];
  constructor(private readonly publishedLessons: number[]) {
    super();
  }
  async add(feedback: NewFeedback): Promise<SubmittedFeedback | null> {
    if (!this.publishedLessons.includes(feedback.lessonId)) return null;
    this.added.push(feedback);
    const { lessonId, rating, comment, status } = feedback;
    return { id: this.added.length, lessonId, rating, comment, status, createdAt: at };
  }
  async review(id: number, review: FeedbackReview): Promise<AdminFeedbackItem | null> {
    this.reviews.push(review);
    return id === 1 ? { ...item(1), ...review } : null;
  }
}

class InMemoryFeedbackReader extends FeedbackReader {
  readonly filters: FeedbackListFilter[] = [];
  constructor(private readonly ids: number[]) {
    super();
  }
  async list(filter: FeedbackListFilter): Promise<{ item: AdminFeedbackItem; key: FeedbackSortKey }[]> {
    this.filters.push(filter);
    return this.ids
      .filter((id) => !filter.after || id < filter.after.id)
      .slice(0, filter.limit)
      .map((id) => ({ item: item(id), key: { createdAtMicros: id * 1000, id } }));
  }
  async averageRating(): Promise<number | null> {
    return 3.5;
  }
}

describe('SubmitFeedbackUseCase', () => {
  it('stores checked feedback for a published lesson', async () => {
    const repository = new InMemoryFeedbackRepository([13]);
    const saved = await new SubmitFeedbackUseCase(repository).execute({
      userId: 7,
      lessonId: 13,
      rating: 5,
      comment: ' nice ',
    });
    expect(saved).toMatchObject({ lessonId: 13, rating: 5, comment: 'nice', status: 'open' });
  });

  it('answers not found for a lesson that is not published, and stores nothing invalid', async () => {
    const repository = new InMemoryFeedbackRepository([13]);
    const submit = new SubmitFeedbackUseCase(repository);
    await expect(submit.execute({ userId: 7, lessonId: 99, rating: 5 })).rejects.toThrow(FeedbackLessonNotFoundError);
    await expect(submit.execute({ userId: 7, lessonId: 13, rating: 0 })).rejects.toThrow(InvalidFeedbackError);
    expect(repository.added).toEqual([]);
  });
});

describe('ReviewFeedbackUseCase', () => {
  it('updates, and answers not found for an unknown id', async () => {
    const review = new ReviewFeedbackUseCase(new InMemoryFeedbackRepository([]));
    await expect(review.execute({ id: 1, status: 'resolved' })).resolves.toMatchObject({ status: 'resolved' });
    await expect(review.execute({ id: 2, status: 'resolved' })).rejects.toThrow(FeedbackNotFoundError);
    await expect(review.execute({ id: 1 })).rejects.toThrow(InvalidFeedbackError);
  });
});

describe('ListFeedbackQuery', () => {
  it('pages by key, asking one row more than the page, with the average only for one lesson', async () => {
    const reader = new InMemoryFeedbackReader([5, 4, 3, 2, 1]);
    const query = new ListFeedbackQuery(reader);
    const first = await query.execute({ limit: 2 });
    expect(first.items.map((row) => row.id)).toEqual([5, 4]);
    expect(first.averageRating).toBeNull();
    expect(reader.filters[0].limit).toBe(3);
    expect(decodeFeedbackCursor(first.nextCursor ?? '')).toEqual({ createdAtMicros: 4000, id: 4 });

    const second = await query.execute({ limit: 3, lessonId: 13, cursor: first.nextCursor ?? undefined });
    expect(second.items.map((row) => row.id)).toEqual([3, 2, 1]);
    expect(second.nextCursor).toBeNull();
    expect(second.averageRating).toBe(3.5);
  });
});
