/**
 * Every badge has a stable code, stored once per learner (the table is unique on user and
 * badge) and named in events and notifications. A completed topic is one badge per topic, its
 * code carrying the topic's slug, so a topic added later brings its badge with it.
 */
export const FIXED_BADGES = [
  'first_lesson',
  'perfect_score',
  'streak_3',
  'streak_7',
  'streak_30',
  'xp_100',
  'xp_1000',
  'all_topics_touched',
] as const;
export type FixedBadgeCode = (typeof FIXED_BADGES)[number];

const TOPIC_COMPLETED = 'topic_completed:';
export type TopicCompletedBadgeCode = `topic_completed:${string}`;
export type BadgeCode = FixedBadgeCode | TopicCompletedBadgeCode;

export interface BadgeDescription {
  code: BadgeCode;
  title: string;
  description: string;
}

const FIXED: Readonly<Record<FixedBadgeCode, Omit<BadgeDescription, 'code'>>> = {
  first_lesson: { title: 'First steps', description: 'Passed your first lesson' },
  perfect_score: { title: 'Flawless', description: 'Answered every exercise of a lesson correctly' },
  streak_3: { title: 'On a roll', description: 'Learned 3 days in a row' },
  streak_7: { title: 'Week warrior', description: 'Learned 7 days in a row' },
  streak_30: { title: 'Unstoppable', description: 'Learned 30 days in a row' },
  xp_100: { title: 'Getting started', description: 'Earned 100 XP' },
  xp_1000: { title: 'Knowledge seeker', description: 'Earned 1,000 XP' },
  all_topics_touched: { title: 'Explorer', description: 'Passed a lesson in every topic' },
};

const TOPIC_SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const topicCompletedBadge = (topic: string): TopicCompletedBadgeCode => `${TOPIC_COMPLETED}${topic}`;

/** The topic a `topic_completed:<topic>` code names, or undefined for any other code. */
export function topicOfBadge(code: string): string | undefined {
  if (!code.startsWith(TOPIC_COMPLETED)) return undefined;
  const topic = code.slice(TOPIC_COMPLETED.length);
  return TOPIC_SLUG.test(topic) ? topic : undefined;
}

export const isBadgeCode = (code: string): code is BadgeCode =>
  (FIXED_BADGES as readonly string[]).includes(code) || topicOfBadge(code) !== undefined;

/**
 * A badge's title and description, for the badge list and notifications. `topicTitle` names a
 * completed topic as learners know it; without it the slug is shown.
 */
export function describeBadge(code: BadgeCode, topicTitle?: string): BadgeDescription {
  const topic = topicOfBadge(code);
  if (topic !== undefined) {
    const name = topicTitle ?? topic;
    return { code, title: `${name} completed`, description: `Passed every lesson of ${name}` };
  }
  return { code, ...FIXED[code as FixedBadgeCode] };
}
