import { ValidateBy, isEmail, type ValidationOptions } from 'class-validator';

/**
 * class-validator's `@IsEmail()` under a name the Swagger plugin does not translate into
 * `format: email`: sign-up accepts a padded, mixed-case address and normalizes it before this
 * check runs, so the document must not promise clients that only a bare address validates.
 */
export function IsEmailAddress(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isEmailAddress',
      validator: {
        validate: (value: unknown): boolean => typeof value === 'string' && isEmail(value),
        defaultMessage: () => '$property must be a valid email address',
      },
    },
    options,
  );
}
