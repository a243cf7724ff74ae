/**
 * Progress's public read for audiences (e.g. the notifications module's topic broadcasts): who
 * has worked on a topic. Ids only, ascending, so a caller can walk a large audience by keyset.
 */
export abstract class TopicLearners {
  /** Whether `topic` is a topic of the published curriculum. */
  abstract hasTopic(topic: string): Promise<boolean>;

  /**
   * Up to `limit` ids of users with a progress record in one of the topic's published lessons,
   * above `afterUserId` and at most `upToUserId`, ascending. Empty for an unknown topic.
   */
  abstract page(topic: string, afterUserId: number, upToUserId: number, limit: number): Promise<number[]>;
}
