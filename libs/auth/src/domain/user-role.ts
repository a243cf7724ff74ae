export const USER_ROLES = ['learner', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];
