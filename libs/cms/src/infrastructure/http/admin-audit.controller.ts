import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@techtrek/auth';
import { AuditTrailReader, RequestValidationError, ApiProblemResponses } from '@techtrek/platform';
import { decodeKeyCursor, keysetPage } from '@techtrek/platform/kernel';
import { ListAuditQueryDto } from './dto/content-requests.dto.js';
import type { AuditPageDto } from './dto/content-responses.dto.js';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/audit')
@ApiProblemResponses(403)
export class AdminAuditController {
  constructor(private readonly audit: AuditTrailReader) {}

  /**
   * Every admin change (who, what, when, before and after), newest first, filtered by entity,
   * actor and/or action.
   */
  @Get()
  async list(@Query() query: ListAuditQueryDto): Promise<AuditPageDto> {
    const { cursor, limit, ...filter } = query;
    const beforeId = cursor === undefined ? undefined : decodeKeyCursor(cursor, 1)?.[0];
    if (cursor !== undefined && beforeId === undefined) {
      throw new RequestValidationError([
        { field: 'cursor', message: 'must be a nextCursor returned by this endpoint' },
      ]);
    }
    const rows = await this.audit.list({ ...filter, beforeId, limit: limit + 1 });
    return keysetPage(rows, limit, (record) => [record.id]);
  }
}
