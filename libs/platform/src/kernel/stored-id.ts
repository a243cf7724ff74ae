/** Ids are PostgreSQL `integer`s: a larger id cannot exist, and PostgreSQL would refuse to compare it. */
export const MAX_STORED_ID = 2_147_483_647;

/** Whether `id` could be a stored id; anything else is unknown without asking the database. */
export const isStoredId = (id: number): boolean => Number.isSafeInteger(id) && id >= 1 && id <= MAX_STORED_ID;
