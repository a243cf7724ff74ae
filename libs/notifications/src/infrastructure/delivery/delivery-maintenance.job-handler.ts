import { Injectable, Logger } from '@nestjs/common';
import { JobHandler } from '@techtrek/platform';
import { CheckReceiptsUseCase } from '../../application/delivery/check-receipts.use-case.js';
import { SweepOverdueDeliveriesUseCase } from '../../application/delivery/sweep-overdue.use-case.js';

/** Each run of the maintenance scheduler: queue lost deliveries again, then check due receipts. */
@Injectable()
export class DeliveryMaintenanceJobHandler extends JobHandler {
  private readonly logger = new Logger('DeliveryMaintenance');

  constructor(
    private readonly sweep: SweepOverdueDeliveriesUseCase,
    private readonly receipts: CheckReceiptsUseCase,
  ) {
    super();
  }

  async handle(): Promise<void> {
    const requeued = await this.sweep.execute();
    if (requeued > 0) this.logger.warn(`Queued ${requeued} overdue deliveries again (their jobs were lost)`);
    const { checked, removedDevices } = await this.receipts.execute();
    if (checked > 0) this.logger.log(`Checked ${checked} push receipts; removed ${removedDevices} dead devices`);
  }
}
