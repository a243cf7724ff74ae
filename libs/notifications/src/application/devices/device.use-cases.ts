import { Injectable } from '@nestjs/common';
import { Transactions } from '@techtrek/platform';
import { DeviceNotFoundError } from '../../domain/inbox/inbox.errors.js';
import { ReminderEnrolment } from '../reminders/reminder-enrolment.js';
import { DeviceRepository, type DeviceRegistration, type RegisteredDevice } from './device.repository.js';

/**
 * Registers a device's push token to the caller. A learner with a device gets the default daily
 * reminder, in the same transaction: a device without its schedule (or the reverse) never exists.
 */
@Injectable()
export class RegisterDeviceUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly devices: DeviceRepository,
    private readonly enrolment: ReminderEnrolment,
  ) {}

  execute(userId: number, device: DeviceRegistration): Promise<RegisteredDevice> {
    return this.transactions.run(async () => {
      const registered = await this.devices.upsert(userId, device);
      await this.enrolment.enrol(userId);
      return registered;
    });
  }
}

/** Forgets one of the caller's devices (sign-out on that phone); someone else's token is 404. */
@Injectable()
export class RemoveDeviceUseCase {
  constructor(private readonly devices: DeviceRepository) {}

  async execute(userId: number, token: string): Promise<void> {
    if (!(await this.devices.remove(userId, token))) throw new DeviceNotFoundError();
  }
}
