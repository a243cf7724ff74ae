import type { DevicePlatform, DeviceProvider } from '../../domain/inbox/device-token.js';

export interface DeviceRegistration {
  token: string;
  platform: DevicePlatform;
  provider: DeviceProvider;
}

export interface RegisteredDevice extends DeviceRegistration {
  registeredAt: Date;
  updatedAt: Date;
}

/** The push tokens of learners' app installations; one row per token. */
export abstract class DeviceRepository {
  /** Registers the token to `userId`, moving it from whoever had it (the app was reinstalled or signed in anew). */
  abstract upsert(userId: number, device: DeviceRegistration): Promise<RegisteredDevice>;
  /** Whether `userId` had the token (and now has not). */
  abstract remove(userId: number, token: string): Promise<boolean>;
}
