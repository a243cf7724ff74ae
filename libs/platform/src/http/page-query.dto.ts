import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsString, Length, Max, Min } from 'class-validator';
import { Omittable } from './omittable.decorator.js';

/** Query-string integers: only plain digits become a number; anything else fails `@IsInt`. */
export const wholeNumber = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : value;

/** `limit` of every list (REST contract: default 20, at most 100). */
export class LimitQueryDto {
  /**
   * How many items, 1–100.
   * @example 20
   */
  @Omittable()
  @Transform(wholeNumber)
  @IsInt()
  @Min(1)
  @Max(100)
  // Optional (it has a default): the swagger plugin reads the initialised property as required.
  @ApiProperty({ type: 'integer', required: false })
  limit: number = 20;
}

/** `limit` and `cursor` of every paginated list. */
export class PageQueryDto extends LimitQueryDto {
  /**
   * The `nextCursor` of the previous page; absent for the first page.
   * @example "WzEsNCwxMl0"
   */
  @Omittable()
  @IsString()
  @Length(1, 200)
  cursor?: string;
}
