import { Injectable } from '@nestjs/common';
import { Transactions } from '@techtrek/platform';
import { UserDirectory, type UserCard } from '../../application/user-directory.js';

@Injectable()
export class SqlUserDirectory extends UserDirectory {
  constructor(private readonly transactions: Transactions) {
    super();
  }

  async findCards(userIds: readonly number[]): Promise<Map<number, UserCard>> {
    if (userIds.length === 0) return new Map();
    // Prepared: every attempt asks for its learner's zone.
    const rows = await this.transactions.prepared<UserCard>(
      'auth.user-cards',
      `SELECT user_id AS "userId", username, timezone AS "timeZone" FROM users WHERE user_id = ANY($1::int[])`,
      [userIds],
    );
    return new Map(rows.map((card) => [card.userId, card]));
  }
}
