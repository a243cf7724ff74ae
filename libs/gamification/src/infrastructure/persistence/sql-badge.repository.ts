import { Injectable } from '@nestjs/common';
import { Transactions } from '@techtrek/platform';
import type { BadgeCode } from '../../domain/badge-catalogue.js';
import { BadgeRepository, type HeldBadge } from '../../application/badge.repository.js';

/** Badges in the spec's `gamification` table, unique on (user, badge). */
@Injectable()
export class SqlBadgeRepository extends BadgeRepository {
  constructor(private readonly transactions: Transactions) {
    super();
  }

  heldBy(userId: number): Promise<HeldBadge[]> {
    return this.transactions.prepared<HeldBadge>(
      'gamification.held-badges',
      `SELECT badge, awarded_at AS "awardedAt" FROM gamification WHERE user_id = $1 ORDER BY awarded_at, record_id`,
      [userId],
    );
  }

  async award(userId: number, badges: readonly BadgeCode[], at: Date): Promise<HeldBadge[]> {
    if (badges.length === 0) return [];
    const rows = await this.transactions.prepared<HeldBadge>(
      'gamification.award-badges',
      `INSERT INTO gamification (user_id, badge, awarded_at)
       SELECT $1, badge, $3 FROM unnest($2::text[]) WITH ORDINALITY AS earned(badge, position)
       ORDER BY position
       ON CONFLICT (user_id, badge) DO NOTHING
       RETURNING badge, awarded_at AS "awardedAt"`,
      [userId, badges, at],
    );
    const order = new Map(badges.map((badge, index) => [badge, index]));
    return rows.sort((a, b) => order.get(a.badge)! - order.get(b.badge)!);
  }
}
