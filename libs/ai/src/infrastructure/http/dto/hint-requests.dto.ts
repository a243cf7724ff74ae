import { ApiProperty } from '@nestjs/swagger';
import { MAX_STORED_ID } from '@techtrek/platform/kernel';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsString,
  Length,
  Max,
  Min,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';
import { Omittable } from '@techtrek/platform';
import { HINT_LEVELS, type HintLevel, type LearnerAnswer } from '../../../domain/hint-context.js';

export const MAX_LEARNER_TEXT = 500;
const MAX_ANSWER_ITEMS = 50;

const isShortText = (value: unknown): value is string => typeof value === 'string' && value.length <= MAX_LEARNER_TEXT;

/** An answer in any exercise kind's shape: text, a boolean, or a list of texts; bounded. */
function IsLearnerAnswer(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLearnerAnswer',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'boolean' ||
          isShortText(value) ||
          (Array.isArray(value) && value.length <= MAX_ANSWER_ITEMS && value.every(isShortText)),
        defaultMessage: () =>
          `$property must be text (at most ${MAX_LEARNER_TEXT} characters), true or false, or a list of at most ${MAX_ANSWER_ITEMS} texts`,
      },
    },
    options,
  );
}

export class HintRequestDto {
  /** @example 13 */
  @IsInt()
  @Min(1)
  @Max(MAX_STORED_ID)
  @ApiProperty({ type: 'integer' })
  lessonId!: number;

  /**
   * The exercise to help with; without it, the hint is about the lesson (with `question`, about that).
   * @example "apis-1-2"
   */
  @Omittable()
  @IsString()
  @Length(1, 100)
  exerciseId?: string;

  /**
   * A question about the lesson, in the learner's words. Treated as data: never as instructions.
   * @example "Why does the waiter not cook the food?"
   */
  @Omittable()
  @IsString()
  @Length(1, MAX_LEARNER_TEXT)
  question?: string;

  /**
   * What the learner has answered so far, in the exercise's answer shape (see POST /progress).
   * @example "The kitchen"
   */
  @ApiProperty({
    required: false,
    oneOf: [{ type: 'string' }, { type: 'boolean' }, { type: 'array', items: { type: 'string' } }],
    example: 'The kitchen',
  })
  @Omittable()
  @IsLearnerAnswer()
  userAnswer?: LearnerAnswer;

  /**
   * 1 nudges, 2 points at the concept in the lesson, 3 walks up to (never onto) the answer.
   * Without it: one more than the learner's previous hint for this exercise (1 at first).
   * @example 1
   */
  @Omittable()
  @IsInt()
  @IsIn(HINT_LEVELS)
  @ApiProperty({ type: 'integer', enum: HINT_LEVELS })
  level?: HintLevel;
}

export class HintFeedbackRequestDto {
  /** @example true */
  @IsBoolean()
  helpful!: boolean;
}
