import { PartialType, ApiProperty } from '@nestjs/swagger';
import { PageQueryDto, wholeNumber } from '@techtrek/platform';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min, ValidateIf } from 'class-validator';
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
  @IsOptional()
  @IsString()
  description?: string;

  /**
   * The lesson the entry belongs to, or null for none.
   * @example 13
   */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(MAX_STORED_ID)
  @ApiProperty({ type: 'integer' })
  lessonId?: number | null;
}

/** Any subset; `lessonId: null` detaches the entry from its lesson. */
export class UpdateContentRequestDto extends PartialType(CreateContentRequestDto) {}

export class ListContentQueryDto extends PageQueryDto {
  /**
   * Only the entries of this lesson.
   * @example 13
   */
  @IsOptional()
  @Transform(wholeNumber)
  @IsInt()
  @Min(1)
  @Max(MAX_STORED_ID)
  @ApiProperty({ type: 'integer' })
  lessonId?: number;
}

export class ListAuditQueryDto extends PageQueryDto {
  /** @example "lesson" */
  @IsOptional()
  @IsString()
  entityType?: string;

  /** @example "13" */
  @IsOptional()
  @IsString()
  entityId?: string;

  /** @example 1 */
  @IsOptional()
  @Transform(wholeNumber)
  @IsInt()
  @Min(1)
  @Max(MAX_STORED_ID)
  @ApiProperty({ type: 'integer' })
  actorId?: number;

  /** @example "lesson.published" */
  @IsOptional()
  @IsString()
  action?: string;
}
