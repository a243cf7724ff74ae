import { ValidateIf } from 'class-validator';

/**
 * A request field the client may leave out, but not send as `null`: unlike `@IsOptional()`, which
 * skips validation for both, a null goes through the field's validators and is refused with a 400
 * naming it. Where null is a meaningful value (for example "detach"), add
 * `@ValidateIf((_, value) => value !== null)` after it.
 */
export const Omittable = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);
