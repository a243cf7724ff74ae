import { ApiProperty } from '@nestjs/swagger';
export class ContentEntryDto {
  /** @example 5 */
  @ApiProperty({ type: 'integer' })
  id!: number;
  /** @example "Glossary: endpoint" */
  title!: string;
  /** @example "An endpoint is one address of an API, such as /lessons." */
  description!: string;
  /** @example 13 */
  @ApiProperty({ type: 'integer' })
  lessonId!: number | null;
  /**
   * Counts saved changes; the `ETag` is `"r<revision>"`, to send back as `If-Match`.
   * @example 2
   */
  @ApiProperty({ type: 'integer' })
  revision!: number;
  /** @example "2026-11-25T09:30:00.000Z" */
  createdAt!: Date;
  /** @example "2026-11-25T10:02:11.000Z" */
  updatedAt!: Date;
}

export class ContentPageDto {
  items!: ContentEntryDto[];
  /**
   * Pass as `cursor` for the next page; null on the last page.
   * @example "WzQyXQ"
   */
  nextCursor!: string | null;
}

export class AuditRecordDto {
  /** @example 812 */
  @ApiProperty({ type: 'integer' })
  id!: number;
  /** @example "2026-11-25T10:02:11.000Z" */
  occurredAt!: Date;
  /**
   * The admin who acted; null for the system, or once their account is erased.
   * @example 1
   */
  @ApiProperty({ type: 'integer' })
  actorId!: number | null;
  /** @example "lesson.published" */
  action!: string;
  /** @example "lesson" */
  entityType!: string;
  /** @example "13" */
  entityId!: string;
  /**
   * The entity before the change; null when it was created.
   * @example {"id": 13, "status": "draft"}
   */
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  before!: unknown;
  /**
   * The entity after the change; null when it was deleted.
   * @example {"id": 13, "status": "published"}
   */
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  after!: unknown;
}

export class AuditPageDto {
  items!: AuditRecordDto[];
  /**
   * Pass as `cursor` for the next page; null on the last page.
   * @example "WzgxMl0"
   */
  nextCursor!: string | null;
}
