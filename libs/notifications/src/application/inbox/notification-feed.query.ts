import { Injectable } from '@nestjs/common';
import { decodeKeyCursor, keysetPage } from '@techtrek/platform/kernel';
import { RequestValidationError } from '@techtrek/platform';
import { InboxRepository, type InboxItem } from './inbox.repository.js';

export interface NotificationFeedPage {
  items: InboxItem[];
  nextCursor: string | null;
  unreadCount: number;
}

/** GET /notifications: the caller's notifications, newest first, by keyset cursor. */
@Injectable()
export class NotificationFeedQuery {
  constructor(private readonly inbox: InboxRepository) {}

  async page(userId: number, cursor: string | undefined, limit: number): Promise<NotificationFeedPage> {
    let after;
    if (cursor !== undefined) {
      const key = decodeKeyCursor(cursor, 2);
      if (!key) throw new RequestValidationError([{ field: 'cursor', message: 'is not a cursor this API issued' }]);
      after = { scheduledMicros: key[0]!, id: key[1]! };
    }
    const [rows, unreadCount] = await Promise.all([
      this.inbox.feed(userId, after, limit + 1),
      this.inbox.unreadCount(userId),
    ]);
    const page = keysetPage(rows, limit, (row) => [row.key.scheduledMicros, row.key.id]);
    return { items: page.items.map(({ key: _key, ...item }) => item), nextCursor: page.nextCursor, unreadCount };
  }
}
