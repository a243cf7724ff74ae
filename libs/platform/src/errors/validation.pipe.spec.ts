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

describe('validation pipe, input no column can hold or no walk survives', () => {
  class CommentDto {
    @IsString()
    comment!: string;
  }

  it.each<[string, ArgumentMetadata, unknown, string]>([
    ['a body DTO', { type: 'body', metatype: CommentDto }, { comment: 'a\u0000b' }, 'comment'],
    ['a whole-body string', { type: 'body', metatype: String }, 'a\uD800', 'body'],
    ['a plain path parameter', { type: 'param', metatype: String, data: 'token' }, '\u0000', 'token'],
    ['a query DTO', asQuery, { tags: ['a', '\uDC00'] }, 'tags[1]'],
  ])('refuses NUL and lone surrogates in %s with a 400 naming the field', async (_label, metadata, value, field) => {
    const refusal = createValidationPipe().transform(value, metadata);
    await expect(refusal).rejects.toBeInstanceOf(RequestValidationError);
    await expect(refusal).rejects.toMatchObject({ fieldProblems: [{ field, message: expect.any(String) }] });
  });

  it('refuses a body nested deeper than any DTO before class-transformer recurses into it', async () => {
    const deep = JSON.parse(`{"comment": ${'['.repeat(50_000)}${']'.repeat(50_000)}}`) as unknown;
    await expect(createValidationPipe().transform(deep, { type: 'body', metatype: CommentDto })).rejects.toMatchObject({
      fieldProblems: [{ field: expect.stringMatching(/^comment/), message: expect.stringContaining('nested') }],
    });
  });

  it('passes well-formed text on, emoji and right-to-left marks included', async () => {
    const comment = "🧑‍💻 \u202E' OR 1=1 --";
    expect(await createValidationPipe().transform({ comment }, { type: 'body', metatype: CommentDto })).toEqual(
      Object.assign(new CommentDto(), { comment }),
    );
  });
});
