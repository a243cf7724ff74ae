import { Logger, type Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Mixpanel from 'mixpanel';
import type { Environment } from '@techtrek/platform';
import { AnalyticsSink } from '../../application/analytics-sink.js';
import { LogAnalyticsSink } from './log-analytics.sink.js';
import { MixpanelAnalyticsSink } from './mixpanel-analytics.sink.js';
import { MixpanelDataDeletions } from './mixpanel-data-deletions.js';

/** Mixpanel when MIXPANEL_TOKEN is set (erasures too with MIXPANEL_GDPR_TOKEN), the log otherwise; said once at start. */
export const analyticsSinkProvider: Provider = {
  provide: AnalyticsSink,
  inject: [ConfigService],
  useFactory: (config: ConfigService<Environment, true>): AnalyticsSink => {
    const logger = new Logger('Analytics');
    const token = config.get('MIXPANEL_TOKEN', { infer: true });
    if (!token) {
      logger.log('MIXPANEL_TOKEN is not set: product events are logged, not sent to Mixpanel');
      return new LogAnalyticsSink();
    }
    const host = config.get('MIXPANEL_HOST', { infer: true });
    const protocol = config.get('MIXPANEL_PROTOCOL', { infer: true });
    logger.log(`Product events go to Mixpanel at ${protocol}://${host}`);
    const client = Mixpanel.init(token, {
      host,
      protocol,
      // The package's own connection reuse would keep sockets to Mixpanel open between rare sends.
      keepAlive: false,
      // geolocate false makes the package send ip=0: Mixpanel must not locate learners by our servers' address.
      geolocate: false,
      // verbose: Mixpanel answers {"status":0,"error":"..."} instead of a bare 0, so failures say why.
      verbose: true,
    });
    const timeoutMs = config.get('MIXPANEL_TIMEOUT_MS', { infer: true });
    const gdprToken = config.get('MIXPANEL_GDPR_TOKEN', { infer: true });
    if (!gdprToken) {
      logger.warn(
        'MIXPANEL_GDPR_TOKEN is not set: erased accounts keep their events in Mixpanel until deleted by hand',
      );
      return new MixpanelAnalyticsSink(client, timeoutMs);
    }
    const deletions = new MixpanelDataDeletions({
      protocol,
      host: config.get('MIXPANEL_GDPR_HOST', { infer: true }),
      projectToken: token,
      gdprToken,
      timeoutMs,
    });
    return new MixpanelAnalyticsSink(client, timeoutMs, deletions);
  },
};
