import type { PushProviderName } from './push-provider.js';

/** A notification claimed for sending (`scheduled` → `sending`). */
export interface ClaimedNotification {
  id: number;
  userId: number;
  title: string;
  body: string;
  data: Record<string, string>;
}

/** A device still to reach: one without a ticket for this notification from an earlier try. */
export interface DeliveryDevice {
  token: string;
  provider: string;
}

export interface IssuedTicket {
  ticketId: string;
  provider: PushProviderName;
  token: string;
}

/** A ticket whose receipt is due. */
export interface UncheckedTicket {
  ticketId: string;
  provider: PushProviderName;
  token: string;
  createdAt: Date;
}

export interface TicketCheck {
  ticketId: string;
  status: 'ok' | 'device-not-registered' | 'error' | 'unknown';
  error?: string;
}

/** The delivery record of notifications, devices and tickets (PostgreSQL). */
export abstract class DeliveryStore {
  /**
   * Moves the notification from `scheduled` to `sending` (attempts + 1) if it is due by `now`;
   * otherwise returns its status as it is (`undefined` when it does not exist).
   */
  abstract claim(id: number, now: Date): Promise<ClaimedNotification | { status: string } | undefined>;
  abstract devicesToReach(notification: ClaimedNotification): Promise<DeliveryDevice[]>;
  /** Stores tickets as they come, so a retry never sends to a device that already has one. */
  abstract recordTickets(notificationId: number, tickets: readonly IssuedTicket[]): Promise<void>;
  abstract hasTickets(notificationId: number): Promise<boolean>;
  /** Removes devices by token, only those registered no later than `registeredBy` (a newer registration is a live app). */
  abstract removeDevices(tokens: readonly string[], registeredBy: Date): Promise<number>;
  abstract markSent(id: number, now: Date, lastError: string | null): Promise<void>;
  abstract markFailed(id: number, error: string): Promise<void>;
  abstract backToScheduled(id: number, error: string): Promise<void>;

  abstract uncheckedTickets(createdBefore: Date, limit: number): Promise<UncheckedTicket[]>;
  abstract recordChecks(checks: readonly TicketCheck[], now: Date): Promise<void>;
  /** Scheduled notifications due before `dueBefore`, oldest first, for the sweep. */
  abstract overdue(dueBefore: Date, limit: number): Promise<number[]>;
}
