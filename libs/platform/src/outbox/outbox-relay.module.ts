import { Module } from '@nestjs/common';
import { OutboxBacklogMetrics } from './outbox-backlog.metrics.js';
import { OutboxRelay } from './outbox-relay.js';

/**
 * The outbox relay and its backlog gauges. Only `apps/worker` imports it; `Outbox` (recording)
 * and the route registry come with the platform in every process.
 */
@Module({ providers: [OutboxRelay, OutboxBacklogMetrics], exports: [OutboxRelay] })
export class OutboxRelayModule {}
