import type { Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { MetricsRegistry, type Environment } from '@techtrek/platform';
import { Counter } from 'prom-client';
import { CdnPurger } from '../../application/cdn-purger.js';
import { HttpCdnPurger, type CdnPurgeOutcomes } from './http-cdn-purger.js';
import { NoopCdnPurger } from './noop-cdn-purger.js';

/** `cdn_purges_total{outcome}` on /metrics: a failed purge is visible without reading logs. */
function prometheusOutcomes(metrics: MetricsRegistry | undefined): CdnPurgeOutcomes {
  if (!metrics) return { purged: () => undefined, failed: () => undefined }; // one-shot commands: no /metrics
  const purges = new Counter({
    name: 'cdn_purges_total',
    help: 'CDN purges after catalogue changes, by outcome (ok, failed)',
    labelNames: ['outcome'] as const,
    registers: [metrics.registry],
  });
  return { purged: () => purges.inc({ outcome: 'ok' }), failed: () => purges.inc({ outcome: 'failed' }) };
}

/** The HTTP purger when CDN_PURGE_URL is set, otherwise the no-op one. Commands (seed) have no metrics. */
export const cdnPurgerProvider: Provider<CdnPurger> = {
  provide: CdnPurger,
  inject: [ConfigService, { token: MetricsRegistry, optional: true }],
  useFactory: (config: ConfigService<Environment, true>, metrics?: MetricsRegistry): CdnPurger => {
    const url = config.get('CDN_PURGE_URL', { infer: true });
    if (!url) return new NoopCdnPurger();
    const timeoutMs = config.get('CDN_PURGE_TIMEOUT_MS', { infer: true });
    return new HttpCdnPurger({ url, timeoutMs }, prometheusOutcomes(metrics));
  },
};
