import type { PushProviderName } from './push-provider.js';

/** A due, `scheduled` notification, as a delivery try found it. */
export interface DueNotification {
  id: number;
  userId: number;
  title: string;
  body: string;
  data: Record<string, string>;
  /** Its `attempts` when read: a try holds the row only while the count is still this (or this + 1 once handed over). */
  fence: number;
  /** The owner's devices still to reach: those without a ticket for it from an earlier try. */
  devices: DeliveryDevice[];
}

/** A try's claim on one notification, shared by its messages: set once the row became `sending` for it. */
export interface DeliveryClaim {
  notificationId: number;
  fence: number;
  handedOver: boolean;
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
   * The notification and the devices still to reach if it is `scheduled` and due by `now`;
   * otherwise its status as it is (`undefined` when it does not exist). Reads only: the row stays
   * `scheduled` until handed over.
   */
  abstract findDue(id: number, now: Date): Promise<DueNotification | { status: string } | undefined>;

  /**
   * Moves each notification from `scheduled` to `sending` (attempts = fence + 1), right before its
   * messages go to the provider, if it is still as its try read it; returns the ids it moved. A
   * try that loses (another try of the same notification moved it first) must not send.
   */
  abstract handOver(claims: readonly { notificationId: number; fence: number }[]): Promise<Set<number>>;

  /** Stores tickets as they come, so a retry never sends to a device that already has one. */
  abstract recordTickets(notificationId: number, tickets: readonly IssuedTicket[]): Promise<void>;
  abstract hasTickets(notificationId: number): Promise<boolean>;
  /** Removes devices by token, only those registered no later than `registeredBy` (a newer registration is a live app). */
  abstract removeDevices(tokens: readonly string[], registeredBy: Date): Promise<number>;
  /*
   * The end of a try; each applies only while the try still holds the row (`scheduled` at its
   * fence, or `sending` at fence + 1), and leaves attempts at fence + 1.
   */
  /** `sent`, with the tickets of this try (one statement: the path almost every delivery takes). */
  abstract markSent(
    claim: DeliveryClaim,
    tickets: readonly IssuedTicket[],
    now: Date,
    lastError: string | null,
  ): Promise<void>;
  abstract markFailed(claim: DeliveryClaim, error: string): Promise<void>;
  abstract backToScheduled(claim: DeliveryClaim, error: string): Promise<void>;

  /** Fails a notification found `sending`: the try that handed it over stopped before finishing. */
  abstract failInterrupted(id: number, error: string): Promise<void>;

  abstract uncheckedTickets(createdBefore: Date, limit: number): Promise<UncheckedTicket[]>;
  abstract recordChecks(checks: readonly TicketCheck[], now: Date): Promise<void>;
  /** Scheduled notifications due before `dueBefore`, oldest first, for the sweep. */
  abstract overdue(dueBefore: Date, limit: number): Promise<number[]>;
}
