export { AuthModule } from './auth.module.js';
export {
  EnsureAdminAccountUseCase,
  type EnsureAdminAccountInput,
  type EnsureAdminAccountOutcome,
} from './application/ensure-admin-account.use-case.js';
export { EmailAddress, InvalidEmailAddressError } from './domain/email-address.js';
export { USER_ROLES, type UserRole } from './domain/user-role.js';
