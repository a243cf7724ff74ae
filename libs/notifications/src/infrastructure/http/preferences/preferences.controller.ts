import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@techtrek/auth';
import type { StoredPreferences } from '../../../application/preferences/preferences.repository.js';
import {
  GetPreferencesQuery,
  UpdatePreferencesUseCase,
} from '../../../application/preferences/preferences.use-cases.js';
import { formatClockTime, parseClockTime } from '../../../domain/preferences/clock-time.js';
import { NotificationPreferencesDto, NotificationPreferencesResponseDto } from './preferences.dto.js';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications/preferences')
export class PreferencesController {
  constructor(
    private readonly getPreferences: GetPreferencesQuery,
    private readonly updatePreferences: UpdatePreferencesUseCase,
  ) {}

  /** Your notification preferences (the defaults until you change them: reminder at 19:00, milestone alerts, no quiet hours). */
  @Get()
  @ApiOkResponse({ type: NotificationPreferencesResponseDto })
  async get(@CurrentPrincipal() principal: Principal): Promise<NotificationPreferencesResponseDto> {
    return toResponse(await this.getPreferences.execute(principal.userId));
  }

  /** Replaces your preferences (all fields required) and reschedules your next daily reminder. */
  @Put()
  @ApiOkResponse({ type: NotificationPreferencesResponseDto })
  async put(
    @CurrentPrincipal() principal: Principal,
    @Body() body: NotificationPreferencesDto,
  ): Promise<NotificationPreferencesResponseDto> {
    const stored = await this.updatePreferences.execute(principal.userId, {
      dailyReminder: { enabled: body.dailyReminder.enabled, localTime: parseClockTime(body.dailyReminder.localTime)! },
      milestoneAlerts: body.milestoneAlerts,
      quietHours: body.quietHours && {
        start: parseClockTime(body.quietHours.start)!,
        end: parseClockTime(body.quietHours.end)!,
      },
    });
    return toResponse(stored);
  }
}

function toResponse({ preferences, timeZone, nextReminderAt }: StoredPreferences): NotificationPreferencesResponseDto {
  const { dailyReminder, milestoneAlerts, quietHours } = preferences;
  return {
    dailyReminder: { enabled: dailyReminder.enabled, localTime: formatClockTime(dailyReminder.localTime) },
    milestoneAlerts,
    quietHours: quietHours && { start: formatClockTime(quietHours.start), end: formatClockTime(quietHours.end) },
    timeZone,
    nextReminderAt,
  };
}
