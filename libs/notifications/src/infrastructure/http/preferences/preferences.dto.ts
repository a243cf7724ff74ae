import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsObject,
  IsString,
  Matches,
  Validate,
  ValidateIf,
  ValidateNested,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';

const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const CLOCK_TIME_MESSAGE = 'must be a 24-hour time HH:MM (00:00–23:59)';

@ValidatorConstraint({ name: 'quietHoursNotEmpty' })
class EndDiffersFromStart implements ValidatorConstraintInterface {
  validate(end: unknown, args: ValidationArguments): boolean {
    return end !== (args.object as { start?: unknown }).start;
  }

  defaultMessage(): string {
    return 'must differ from start (quiet hours cannot be empty or the whole day)';
  }
}

export class DailyReminderDto {
  /**
   * Whether to get a daily reminder on days you have not practised yet.
   * @example true
   */
  @IsDefined()
  @IsBoolean()
  enabled!: boolean;

  /**
   * When, on your clock (24-hour HH:MM, in the time zone of your profile).
   * @example "19:00"
   */
  @IsDefined()
  @IsString()
  @Matches(CLOCK_TIME, { message: CLOCK_TIME_MESSAGE })
  localTime!: string;
}

export class QuietHoursDto {
  /**
   * Start of the quiet hours (24-hour HH:MM, included).
   * @example "22:00"
   */
  @IsDefined()
  @IsString()
  @Matches(CLOCK_TIME, { message: CLOCK_TIME_MESSAGE })
  start!: string;

  /**
   * End of the quiet hours (excluded); before `start` means they span midnight.
   * @example "07:00"
   */
  @IsDefined()
  @IsString()
  @Matches(CLOCK_TIME, { message: CLOCK_TIME_MESSAGE })
  @Validate(EndDiffersFromStart)
  end!: string;
}

/** The whole set of preferences: every field is required (null turns quiet hours off). */
export class NotificationPreferencesDto {
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => DailyReminderDto)
  dailyReminder!: DailyReminderDto;

  /**
   * Badges, new levels and 7/30/100-day streaks as notifications.
   * @example true
   */
  @IsDefined()
  @IsBoolean()
  milestoneAlerts!: boolean;

  /** Nothing is pushed in these hours; a reminder due in them waits for their end, or skips the day if they end tomorrow. */
  @ValidateIf((body: NotificationPreferencesDto) => body.quietHours !== null)
  @IsDefined({ message: 'quietHours must be given: {start, end} or null' })
  @IsObject()
  @ValidateNested()
  @Type(() => QuietHoursDto)
  // The plugin drops `| null` for a class type: null (no quiet hours) is a valid value.
  @ApiProperty({ type: () => QuietHoursDto, nullable: true })
  quietHours!: QuietHoursDto | null;
}

export class NotificationPreferencesResponseDto extends NotificationPreferencesDto {
  /**
   * The time zone the reminder follows (your profile's; change it with PATCH /me).
   * @example "Europe/Berlin"
   */
  timeZone!: string;

  /**
   * When the next daily reminder is due, if one is scheduled (none before you save preferences or
   * register a device, or with reminders off).
   * @example "2026-12-01T18:00:00.000Z"
   */
  nextReminderAt!: Date | null;
}
