import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@techtrek/auth';
import { RequestValidationError, ApiProblemResponses } from '@techtrek/platform';
import { HintStatsReader } from '../../application/hint-stats.reader.js';
import { AiStatsQueryDto, type AiStatsDto } from './dto/ai-stats.dto.js';

const DAY_MS = 86_400_000;
const DEFAULT_DAYS = 30;
const MAX_DAYS = 366;

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/ai/stats')
@ApiProblemResponses(403)
export class AdminAiStatsController {
  constructor(private readonly stats: HintStatsReader) {}

  /**
   * Hint requests, estimated cost, latency and the helpful rate per provider, and acceptance per
   * topic and provider, over a period (the last 30 days by default; at most 366).
   */
  @Get()
  async read(@Query() query: AiStatsQueryDto): Promise<AiStatsDto> {
    const to = query.to ? new Date(query.to) : new Date();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_DAYS * DAY_MS);
    if (from >= to) throw new RequestValidationError([{ field: 'from', message: 'must be before to' }]);
    if (to.getTime() - from.getTime() > MAX_DAYS * DAY_MS) {
      throw new RequestValidationError([{ field: 'from', message: `must be at most ${MAX_DAYS} days before to` }]);
    }
    return this.stats.read(from, to);
  }
}
