import { PartialType, ApiProperty } from '@nestjs/swagger';
import { Omittable, PageQueryDto, wholeNumber } from '@techtrek/platform';
import { Transform } from 'class-transformer';
import { IsInt, IsString, Max, Min, ValidateIf } from 'class-validator';
import { MAX_STORED_ID } from '@techtrek/platform/kernel';

export class CreateContentRequestDto {
  /**
   * Trimmed; 1–200 characters.
   * @example "Glossary: endpoint"
   */
  @IsString()
  title!: string;

  /**
   * Up to 10,000 characters; empty when absent.
   * @example "An endpoint is one address of an API, such as /lessons."
   */
  @Omittable()
  @IsString()
  description?: string;

  /**
   * The lesson the entry belongs to, or null for none.
   * @example 13
   */
  @Omittable()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(MAX_STORED_ID)
  @ApiProperty({ type: 'integer' })
  lessonId?: number | null;
}

/** Any subset; `lessonId: null` detaches the entry from its lesson. */
export class UpdateContentRequestDto extends PartialType(CreateContentRequestDto, { skipNullProperties: false }) {}

export class ListContentQueryDto extends PageQueryDto {
  /**
   * Only the entries of this lesson.
   * @example 13
   */
  @Omittable()
  @Transform(wholeNumber)
  @IsInt()
  @Min(1)
  @Max(MAX_STORED_ID)
  @ApiProperty({ type: 'integer' })
  lessonId?: number;
}

export class ListAuditQueryDto extends PageQueryDto {
  /** @example "lesson" */
  @Omittable()
  @IsString()
  entityType?: string;

  /** @example "13" */
  @Omittable()
  @IsString()
  entityId?: string;

  /** @example 1 */
  @Omittable()
  @Transform(wholeNumber)
  @IsInt()
  @Min(1)
  @Max(MAX_STORED_ID)
  @ApiProperty({ type: 'integer' })
  actorId?: number;

  /** @example "lesson.published" */
  @Omittable()
  @IsString()
  action?: string;
}
