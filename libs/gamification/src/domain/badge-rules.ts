import { topicCompletedBadge, type BadgeCode, type FixedBadgeCode } from './badge-catalogue.js';

/** What the badge rules look at, as of right after the attempt being awarded for. */
export interface BadgeFacts {
  /** Distinct lessons passed, this attempt included. */
  completedLessons: number;
  currentStreak: number;
  longestStreak: number;
  totalXp: number;
  perfectScoreThisAttempt: boolean;
  /** Slugs of the topics whose every lesson the learner has passed. */
  topicsCompleted: readonly string[];
  /** Slugs of the topics in which the learner has passed at least one lesson. */
  topicsTouched: readonly string[];
  /** Every topic of the curriculum, in curriculum order. */
  allTopics: readonly string[];
  /** Codes of the badges the learner already holds. */
  held: readonly string[];
}

/*
 * Streak badges look at the longest streak too: a late sync can raise an earlier run, and
 * a badge introduced after a learner's best run still recognises it.
 */
const FIXED_RULES: readonly [FixedBadgeCode, (facts: BadgeFacts) => boolean][] = [
  ['first_lesson', (facts) => facts.completedLessons >= 1],
  ['perfect_score', (facts) => facts.perfectScoreThisAttempt],
  ['streak_3', (facts) => bestStreak(facts) >= 3],
  ['streak_7', (facts) => bestStreak(facts) >= 7],
  ['streak_30', (facts) => bestStreak(facts) >= 30],
  ['xp_100', (facts) => facts.totalXp >= 100],
  ['xp_1000', (facts) => facts.totalXp >= 1_000],
];

const bestStreak = (facts: BadgeFacts): number => Math.max(facts.currentStreak, facts.longestStreak);

/** Topics completed, in curriculum order; any the curriculum no longer lists come last, by name. */
function completedTopicsInOrder(facts: BadgeFacts): string[] {
  const completed = new Set(facts.topicsCompleted);
  const listed = facts.allTopics.filter((topic) => completed.has(topic));
  const unlisted = [...completed].filter((topic) => !facts.allTopics.includes(topic)).sort();
  return [...listed, ...unlisted];
}

/**
 * The badges these facts earn that the learner does not hold yet, in a stable order: the
 * catalogue's fixed badges first, completed topics in curriculum order, then the explorer badge.
 */
export function newBadges(facts: BadgeFacts): BadgeCode[] {
  const earned: BadgeCode[] = [
    ...FIXED_RULES.filter(([, applies]) => applies(facts)).map(([code]) => code),
    ...completedTopicsInOrder(facts).map(topicCompletedBadge),
  ];
  const touched = new Set(facts.topicsTouched);
  if (facts.allTopics.length > 0 && facts.allTopics.every((topic) => touched.has(topic))) {
    earned.push('all_topics_touched');
  }
  const held = new Set(facts.held);
  return earned.filter((code) => !held.has(code));
}
