import { describe, expect, it } from '@jest/globals';
import { plainToInstance, Type } from 'class-transformer';
import { IsNotEmpty, IsString, ValidateNested, validateSync, ValidationError } from 'class-validator';
import { flattenValidationErrors } from './validation-error-flattener.js';

class ExerciseDto {
  @IsString({ each: true })
  options!: string[];
}

class LessonDto {
  @IsNotEmpty()
  title!: string;

  @ValidateNested({ each: true })
  @Type(() => ExerciseDto)
  exercises!: ExerciseDto[];
}

function error(
  property: string,
  constraints: Record<string, string>,
  children: ValidationError[] = [],
): ValidationError {
  return Object.assign(new ValidationError(), { property, constraints, children });
}

describe('flattenValidationErrors', () => {
  it('gives a top-level problem its property as the field, without the property name in the message', () => {
    expect(flattenValidationErrors([error('title', { isNotEmpty: 'title should not be empty' })])).toEqual([
      { field: 'title', message: 'should not be empty' },
    ]);
  });

  it('keeps a message that does not start with the property name as it is', () => {
    expect(flattenValidationErrors([error('title', { custom: 'Titles are required' })])).toEqual([
      { field: 'title', message: 'Titles are required' },
    ]);
  });

  it('writes array indexes in brackets and nested properties with dots', () => {
    const tree = [
      error('exercises', {}, [
        error('2', {}, [error('options', { arrayMinSize: 'options must contain at least 2 elements' })]),
      ]),
    ];

    expect(flattenValidationErrors(tree)).toEqual([
      { field: 'exercises[2].options', message: 'must contain at least 2 elements' },
    ]);
  });

  it('lists every constraint of a property as its own problem', () => {
    const problems = flattenValidationErrors([
      error('username', { minLength: 'username must be longer', matches: 'username must be a slug' }),
    ]);

    expect(problems).toEqual([
      { field: 'username', message: 'must be longer' },
      { field: 'username', message: 'must be a slug' },
    ]);
  });

  it('flattens the tree class-validator builds for a nested DTO', () => {
    const lesson = plainToInstance(LessonDto, {
      title: '',
      exercises: [{ options: ['a'] }, { options: ['a'] }, { options: ['a', 3] }],
    });

    const problems = flattenValidationErrors(validateSync(lesson));

    expect(problems).toEqual([
      { field: 'title', message: 'should not be empty' },
      { field: 'exercises[2].options', message: 'each value in options must be a string' },
    ]);
  });

  it('returns nothing for no errors', () => {
    expect(flattenValidationErrors([])).toEqual([]);
  });
});
