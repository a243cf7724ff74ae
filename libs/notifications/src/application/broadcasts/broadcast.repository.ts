import type { BroadcastAudience, BroadcastStatus } from '../../domain/broadcasts/broadcast.js';
import type { NotificationStatus } from '../../domain/notification.js';

export interface NewBroadcast {
  createdBy: number;
  title: string;
  body: string;
  audience: BroadcastAudience;
}

export interface BroadcastRecord {
  id: number;
  title: string;
  body: string;
  audience: BroadcastAudience;
  status: BroadcastStatus;
  /** Notifications created so far. */
  recipients: number;
  /** The fan-out's position: every recipient up to this user id has their notification. */
  lastUserId: number;
  /** The newest account when it was sent: the audience ends there. */
  audienceMaxUserId: number;
  createdAt: Date;
  fannedOutAt: Date | null;
}

export type DeliveryCounts = Record<NotificationStatus, number>;

export abstract class BroadcastRepository {
  /** Stores it with the current newest account id as the audience's end. */
  abstract create(broadcast: NewBroadcast): Promise<BroadcastRecord>;
  abstract find(id: number): Promise<BroadcastRecord | undefined>;
  /** Reads it locked until the transaction ends, so two steps of one fan-out never overlap. */
  abstract lockForFanOut(id: number): Promise<BroadcastRecord | undefined>;
  /** Moves the position after a step; `finished` marks it fanned out. */
  abstract recordStep(id: number, lastUserId: number, created: number, finished: boolean): Promise<void>;
  /** Its notifications by delivery status. */
  abstract deliveryCounts(id: number): Promise<DeliveryCounts>;
}

/** Who is in an audience, walked by user id. */
export abstract class BroadcastAudiences {
  /** Up to `limit` recipient ids above `afterUserId` and at most `upToUserId`, ascending. */
  abstract page(audience: BroadcastAudience, afterUserId: number, upToUserId: number, limit: number): Promise<number[]>;
  /** Whether the audience can be addressed (its topic exists). */
  abstract exists(audience: BroadcastAudience): Promise<boolean>;
}
