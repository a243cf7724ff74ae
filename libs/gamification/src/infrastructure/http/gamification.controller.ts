import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@techtrek/auth';
import { GamificationProfileQuery } from '../../application/gamification-profile.query.js';
import type { GamificationProfileDto } from './dto/gamification-profile.dto.js';

@ApiTags('gamification')
@ApiBearerAuth()
@Controller('gamification')
export class GamificationController {
  constructor(private readonly profile: GamificationProfileQuery) {}

  /** My XP, level, streak (as of now, in my timezone), badges and ranks on both leaderboards. */
  @Get()
  mine(@CurrentPrincipal() principal: Principal): Promise<GamificationProfileDto> {
    return this.profile.of(principal.userId);
  }
}
