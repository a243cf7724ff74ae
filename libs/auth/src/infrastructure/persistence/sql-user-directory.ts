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
    const rows = (await this.transactions.manager.query(
      `SELECT user_id AS "userId", username, timezone AS "timeZone" FROM users WHERE user_id = ANY($1::int[])`,
      [userIds],
    )) as UserCard[];
    return new Map(rows.map((card) => [card.userId, card]));
  }
}
