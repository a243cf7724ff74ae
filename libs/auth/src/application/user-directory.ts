/** What other modules may know about a user: the public name and the timezone their days run in. */
export interface UserCard {
  userId: number;
  username: string;
  /** IANA zone from the profile (`UTC` unless the user chose one). */
  timeZone: string;
}

/**
 * Auth's read-only lookup for other modules (leaderboards show usernames, streaks count local days),
 * so none of them reads the `users` table itself. Inside a transaction it reads through it.
 */
export abstract class UserDirectory {
  /** Cards of the users that exist among `userIds`; unknown ids are simply absent. */
  abstract findCards(userIds: readonly number[]): Promise<Map<number, UserCard>>;
}
