import { describe, expect, it } from '@jest/globals';
import type { ArgumentMetadata } from '@nestjs/common';
import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { Transform } from 'class-transformer';
import { RequestValidationError } from './request-errors.js';
import { createValidationPipe } from './validation.pipe.js';

class SearchQueryDto {
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value,
  )
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  @IsOptional()
  @IsString({ each: true })
  @IsIn(['a', 'b'], { each: true })
  tags?: string[];
}

const asQuery: ArgumentMetadata = { type: 'query', metatype: SearchQueryDto };

describe('validation pipe, query DTOs', () => {
  it('answers a repeated query with an equal DTO of its own, which callers may change', async () => {
    const pipe = createValidationPipe();
    const first = (await pipe.transform({ limit: '5', tags: ['a'] }, asQuery)) as SearchQueryDto;
    first.limit = 99;
    first.tags!.push('b');

    const second = (await pipe.transform({ limit: '5', tags: ['a'] }, asQuery)) as SearchQueryDto;
    const third = (await pipe.transform({ limit: '5', tags: ['a'] }, asQuery)) as SearchQueryDto;
    third.tags!.push('b');

    expect(second).toBeInstanceOf(SearchQueryDto);
    expect(second).toEqual(Object.assign(new SearchQueryDto(), { limit: 5, tags: ['a'] }));
    expect(second).not.toBe(third);
    expect((await pipe.transform({ limit: '5', tags: ['a'] }, asQuery)) as SearchQueryDto).toMatchObject({
      tags: ['a'],
    });
  });

  it('refuses an invalid query every time it is sent', async () => {
    const pipe = createValidationPipe();
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await expect(pipe.transform({ limit: '500' }, asQuery)).rejects.toBeInstanceOf(RequestValidationError);
      await expect(pipe.transform({ limit: '5', extra: 'x' }, asQuery)).rejects.toBeInstanceOf(RequestValidationError);
    }
  });

  it('tells queries apart by every value', async () => {
    const pipe = createValidationPipe();
    expect(await pipe.transform({ limit: '5' }, asQuery)).toMatchObject({ limit: 5 });
    expect(await pipe.transform({ limit: '6' }, asQuery)).toMatchObject({ limit: 6 });
    expect(await pipe.transform({}, asQuery)).toMatchObject({ limit: 20 });
  });
});
