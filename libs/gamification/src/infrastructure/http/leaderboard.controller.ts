import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@techtrek/auth';
import { Leaderboards } from '../../application/leaderboards.js';
import { LeaderboardQueryDto } from './leaderboard-query.dto.js';
import { LeaderboardDto } from './leaderboard-responses.dto.js';

@ApiTags('gamification')
@ApiBearerAuth()
@Controller('gamification/leaderboard')
export class LeaderboardController {
  constructor(private readonly leaderboards: Leaderboards) {}

  /**
   * The top learners by XP, all-time or this week, and your own rank. Served from Redis; while
   * Redis is unavailable, from PostgreSQL (slower, same order).
   */
  @Get()
  @ApiOkResponse({ type: LeaderboardDto })
  board(@CurrentPrincipal() principal: Principal, @Query() query: LeaderboardQueryDto): Promise<LeaderboardDto> {
    return this.leaderboards.pageFor(principal.userId, query.period, query.limit);
  }
}
