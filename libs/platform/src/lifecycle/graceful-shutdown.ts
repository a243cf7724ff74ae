import type { INestApplication, LoggerService } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { flushErrorReports } from '../errors/error-reporter.js';
import { ShutdownState } from './shutdown-state.js';

export interface ShutdownSettings {
  drainDelayMs: number;
  timeoutMs: number;
}

/**
 * SIGTERM/SIGINT: fail readiness, wait for the load balancer to notice, then close. Closing stops
 * the listener, lets in-flight requests finish, lets running jobs finish (BullMQ workers close
 * gracefully) and closes the pools. A hung dependency cannot keep the process alive forever.
 */
export function installGracefulShutdown(
  app: INestApplication,
  settings: ShutdownSettings,
  logger: LoggerService,
): void {
  let shuttingDown = false;
  const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.log(`${signal} received: draining for ${settings.drainDelayMs} ms, then closing`, 'Shutdown');
    const forceExit = setTimeout(() => {
      logger.error(`Shutdown took longer than ${settings.timeoutMs} ms; exiting`, undefined, 'Shutdown');
      process.exit(1);
    }, settings.drainDelayMs + settings.timeoutMs);
    forceExit.unref();
    app.get(ShutdownState).beginDraining();
    if (settings.drainDelayMs > 0) await sleep(settings.drainDelayMs);
    try {
      await app.close();
      await flushErrorReports();
      logger.log('Closed cleanly', 'Shutdown');
      process.exitCode = 0;
    } catch (error) {
      logger.error(`Shutdown failed: ${String(error)}`, undefined, 'Shutdown');
      process.exitCode = 1;
    }
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, (received) => void shutdown(received));
  }
}
