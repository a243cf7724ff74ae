export { AccountsModule } from './accounts.module.js';
export { AuthModule } from './auth.module.js';
export { AuthHttpModule } from './auth-http.module.js';
export {
  EnsureAdminAccountUseCase,
  type EnsureAdminAccountInput,
  type EnsureAdminAccountOutcome,
} from './application/ensure-admin-account.use-case.js';
export type { Principal } from './application/session-authenticator.js';
export { UserDirectory, type UserCard } from './application/user-directory.js';
export { PersonalDataRegistry, type PersonalDataSection } from './application/privacy/personal-data.registry.js';
export { PrivacyModule } from './privacy.module.js';
export { EmailAddress, InvalidEmailAddressError } from './domain/email-address.js';
export { USER_ROLES, type UserRole } from './domain/user-role.js';
export { CurrentPrincipal } from './infrastructure/http/current-principal.decorator.js';
export { Roles } from './infrastructure/http/roles.js';
export { sqlPersonalDataSection } from './infrastructure/persistence/sql-personal-data-section.js';
export { ACCOUNT_DELETED_EVENT } from './application/privacy/account-privacy.use-cases.js';
export { TIME_ZONE_CHANGED_EVENT } from './application/my-profile.use-cases.js';
export { SIGNED_UP_EVENT } from './application/sign-up.use-case.js';
