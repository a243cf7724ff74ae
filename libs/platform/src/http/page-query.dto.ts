import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

/** Query-string integers: only plain digits become a number; anything else fails `@IsInt`. */
export const wholeNumber = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : value;

/** `limit` of every list (REST contract: default 20, at most 100). */
export class LimitQueryDto {
  /**
   * How many items, 1–100.
   * @example 20
   */
  @IsOptional()
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
  @IsOptional()
  @IsString()
  @Length(1, 200)
  cursor?: string;
}
