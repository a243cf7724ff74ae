import { Injectable } from '@nestjs/common';
import {
  describeBadge,
  GAMIFICATION_EVENT_TYPES,
  isBadgeCode,
  type BadgeAwardedEvent,
  type LevelReachedEvent,
  type StreakMilestoneReachedEvent,
} from '@techtrek/gamification';
import { JobHandler, type JobContext, type JobRoute } from '@techtrek/platform';
import { MilestoneAlerts } from '../../application/milestones/milestone-alerts.js';
import { ALERTED_STREAK_MILESTONES, type Milestone } from '../../domain/milestones/milestone-text.js';

/** One job name per event type: an event makes one job per queue, named by its route. */
export const BADGE_ALERT_JOB: JobRoute = { queue: 'notifications', job: 'milestone.badge' };
export const LEVEL_ALERT_JOB: JobRoute = { queue: 'notifications', job: 'milestone.level' };
export const STREAK_ALERT_JOB: JobRoute = { queue: 'notifications', job: 'milestone.streak' };

export const MILESTONE_ROUTES: readonly [eventType: string, route: JobRoute][] = [
  [GAMIFICATION_EVENT_TYPES.badgeAwarded, BADGE_ALERT_JOB],
  [GAMIFICATION_EVENT_TYPES.levelReached, LEVEL_ALERT_JOB],
  [GAMIFICATION_EVENT_TYPES.streakMilestoneReached, STREAK_ALERT_JOB],
];

type MilestonePayload = Partial<
  Pick<BadgeAwardedEvent, 'userId' | 'badge'> &
    Pick<LevelReachedEvent, 'level'> &
    Pick<StreakMilestoneReachedEvent, 'milestone'>
>;

/**
 * Turns gamification's milestone events into `milestone` notifications. The job id is the outbox
 * event's id, which becomes the dedupe key: an event relayed or retried twice alerts once.
 */
@Injectable()
export class MilestoneAlertJobHandler extends JobHandler<MilestonePayload> {
  constructor(private readonly alerts: MilestoneAlerts) {
    super();
  }

  async handle(payload: MilestonePayload, context: JobContext): Promise<void> {
    if (!Number.isInteger(payload.userId)) throw new Error(`Malformed milestone event: ${JSON.stringify(payload)}`);
    const milestone = milestoneOf(payload, context.job);
    if (milestone) await this.alerts.notify(payload.userId!, milestone, `milestone-${context.id}`);
  }
}

/** The milestone an event reports; undefined for what does not make an alert (a 3-day streak). */
function milestoneOf(payload: MilestonePayload, job: string): Milestone | undefined {
  switch (job) {
    case BADGE_ALERT_JOB.job: {
      if (typeof payload.badge !== 'string' || !isBadgeCode(payload.badge)) {
        throw new Error(`Unknown badge in ${JSON.stringify(payload)}`);
      }
      const { code, title, description } = describeBadge(payload.badge);
      return { kind: 'badge', code, title, description };
    }
    case LEVEL_ALERT_JOB.job:
      if (!Number.isInteger(payload.level)) throw new Error(`Malformed level in ${JSON.stringify(payload)}`);
      return { kind: 'level', level: payload.level! };
    case STREAK_ALERT_JOB.job:
      if (!Number.isInteger(payload.milestone)) throw new Error(`Malformed streak in ${JSON.stringify(payload)}`);
      return ALERTED_STREAK_MILESTONES.includes(payload.milestone!)
        ? { kind: 'streak', days: payload.milestone! }
        : undefined;
    default:
      throw new Error(`Not a milestone job: ${job}`);
  }
}
