import {
  IsIn,
  IsString,
  Length,
  Validate,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import {
  DEVICE_PLATFORMS,
  DEVICE_PROVIDERS,
  DEVICE_TOKEN_MAX_LENGTH,
  deviceTokenProblem,
  type DevicePlatform,
  type DeviceProvider,
} from '../../../domain/inbox/device-token.js';

const problemOf = (args: ValidationArguments): string | undefined => {
  const provider = (args.object as { provider?: unknown }).provider;
  // An unknown provider is reported on its own field; the token's form then cannot be judged.
  if (!DEVICE_PROVIDERS.includes(provider as DeviceProvider) || typeof args.value !== 'string') return undefined;
  return deviceTokenProblem(args.value, provider as DeviceProvider);
};

@ValidatorConstraint({ name: 'deviceTokenForItsProvider' })
class DeviceTokenForItsProvider implements ValidatorConstraintInterface {
  validate(_token: unknown, args: ValidationArguments): boolean {
    return problemOf(args) === undefined;
  }

  defaultMessage(args: ValidationArguments): string {
    return `token ${problemOf(args) ?? 'is not valid'}`;
  }
}

export class RegisterDeviceRequestDto {
  /**
   * The push token of this app installation: `ExponentPushToken[…]` for Expo, the registration
   * token for FCM.
   * @example "ExponentPushToken[xxxxxxxxxxxxxxxxxxxxxx]"
   */
  @IsString()
  @Length(1, DEVICE_TOKEN_MAX_LENGTH)
  @Validate(DeviceTokenForItsProvider)
  token!: string;

  /** @example "ios" */
  @IsIn(DEVICE_PLATFORMS)
  platform!: DevicePlatform;

  /**
   * Which push service the token belongs to.
   * @example "expo"
   */
  @IsIn(DEVICE_PROVIDERS)
  provider!: DeviceProvider;
}

export class DeviceDto {
  /** @example "ExponentPushToken[xxxxxxxxxxxxxxxxxxxxxx]" */
  token!: string;
  /** @example "ios" */
  platform!: DevicePlatform;
  /** @example "expo" */
  provider!: DeviceProvider;
  /**
   * When you registered it (a token moving from another account counts from then).
   * @example "2026-11-30T08:15:00.000Z"
   */
  registeredAt!: Date;
  /** @example "2026-12-01T19:02:11.000Z" */
  updatedAt!: Date;
}
