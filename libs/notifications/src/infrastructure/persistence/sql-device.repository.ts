import { Injectable } from '@nestjs/common';
import { Transactions } from '@techtrek/platform';
import {
  DeviceRepository,
  type DeviceRegistration,
  type RegisteredDevice,
} from '../../application/devices/device.repository.js';

@Injectable()
export class SqlDeviceRepository extends DeviceRepository {
  constructor(private readonly transactions: Transactions) {
    super();
  }

  async upsert(userId: number, device: DeviceRegistration): Promise<RegisteredDevice> {
    // registered_at is when this owner registered it: a token moving to someone else starts anew.
    const [row] = await this.transactions.manager.query<RegisteredDevice[]>(
      `INSERT INTO devices (user_id, token, platform, provider) VALUES ($1, $2, $3, $4)
       ON CONFLICT (token) DO UPDATE
         SET platform = EXCLUDED.platform, provider = EXCLUDED.provider, updated_at = now(),
             registered_at = CASE WHEN devices.user_id = EXCLUDED.user_id THEN devices.registered_at ELSE now() END,
             user_id = EXCLUDED.user_id
       RETURNING token, platform, provider, registered_at AS "registeredAt", updated_at AS "updatedAt"`,
      [userId, device.token, device.platform, device.provider],
    );
    return row!;
  }

  async remove(userId: number, token: string): Promise<boolean> {
    const rows = await this.transactions.manager.query<unknown[]>(
      `WITH removed AS (DELETE FROM devices WHERE user_id = $1 AND token = $2 RETURNING 1) SELECT * FROM removed`,
      [userId, token],
    );
    return rows.length > 0;
  }
}
