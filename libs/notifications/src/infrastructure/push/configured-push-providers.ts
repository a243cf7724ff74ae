import { Logger, type Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '@techtrek/platform';
import { PushProviders, type PushProvider, type PushProviderName } from '../../application/delivery/push-provider.js';
import { ExpoPushProvider } from './expo-push-provider.js';
import { loadExpoSdk } from './expo-sdk-loader.js';
import { FcmEndpointAgent } from './fcm-endpoint-agent.js';
import { FcmEndpointCredential, type ServiceAccountKey } from './fcm-endpoint-credential.js';
import { FcmPushProvider } from './fcm-push-provider.js';
import { LogPushProvider } from './log-push-provider.js';

/**
 * Routes each device to its provider's adapter; a provider that is not configured (all of them
 * under PUSH_DELIVERY=log, FCM without FCM_PROJECT_ID) goes to the log adapter instead, which is
 * said once at start.
 */
export class ConfiguredPushProviders extends PushProviders {
  private readonly adapters: Map<PushProviderName, PushProvider>;

  constructor(
    private readonly log: PushProvider,
    live: PushProvider[],
  ) {
    super();
    this.adapters = new Map([log, ...live].map((adapter) => [adapter.name, adapter]));
  }

  forDevice(provider: string): PushProvider {
    return this.adapters.get(provider as PushProviderName) ?? this.log;
  }

  byName(name: PushProviderName): PushProvider {
    return this.adapters.get(name) ?? this.log;
  }
}

export const pushProvidersProvider: Provider = {
  provide: PushProviders,
  inject: [ConfigService],
  useFactory: async (config: ConfigService<Environment, true>): Promise<PushProviders> => {
    const logger = new Logger('PushDelivery');
    const live: PushProvider[] = [];
    if (config.get('PUSH_DELIVERY', { infer: true }) === 'live') {
      live.push(await expoProvider(config));
      const fcm = await fcmProvider(config);
      if (fcm) live.push(fcm);
      else logger.log('FCM is not configured (FCM_PROJECT_ID): pushes to fcm devices are only logged');
    } else {
      const production = config.get('NODE_ENV', { infer: true }) === 'production';
      logger[production ? 'warn' : 'log']('PUSH_DELIVERY=log: pushes are logged, not sent to Expo or FCM');
    }
    return new ConfiguredPushProviders(new LogPushProvider(), live);
  },
};

async function expoProvider(config: ConfigService<Environment, true>): Promise<PushProvider> {
  const Expo = await loadExpoSdk(config.get('EXPO_API_URL', { infer: true }));
  const accessToken = config.get('EXPO_ACCESS_TOKEN', { infer: true });
  // No request queue inside the SDK (its default holds all but 6): the batcher hands notifications
  // over (`sending`) right before the request, so a queued request would be lost on a crash (ADR 0011).
  const options = { maxConcurrentRequests: Number.POSITIVE_INFINITY, ...(accessToken ? { accessToken } : {}) };
  return new ExpoPushProvider(new Expo(options), (token) => Expo.isExpoPushToken(token));
}

async function fcmProvider(config: ConfigService<Environment, true>): Promise<PushProvider | undefined> {
  const projectId = config.get('FCM_PROJECT_ID', { infer: true });
  if (!projectId) return undefined;
  const { applicationDefault, cert, getApps, initializeApp } = await import('firebase-admin/app');
  const { getMessaging } = await import('firebase-admin/messaging');
  const json = config.get('FCM_SERVICE_ACCOUNT_JSON', { infer: true });
  const serviceAccount = json ? (JSON.parse(json) as ServiceAccountKey) : undefined;
  const endpoint = config.get('FCM_API_URL', { infer: true });
  const name = endpoint ? `techtrek-push-${projectId}-${endpoint}` : `techtrek-push-${projectId}`;
  // Firebase apps are process-wide by name: a second worker app in one process reuses it.
  const existing = getApps().find((app) => app.name === name);
  if (existing) return new FcmPushProvider(getMessaging(existing));
  if (!endpoint) {
    // Production: Google's endpoints, and firebase-admin's default HTTP/2 transport.
    const credential = serviceAccount ? cert(serviceAccount as object) : applicationDefault();
    return new FcmPushProvider(getMessaging(initializeApp({ projectId, credential }, name)));
  }
  // FCM_API_URL (tests' fake FCM): the HTTP/1.1 transport, whose requests go through the app's
  // agent, which connects them to the endpoint; the token exchange goes there too.
  const httpAgent = new FcmEndpointAgent(endpoint);
  const credential = serviceAccount
    ? new FcmEndpointCredential(serviceAccount, endpoint)
    : applicationDefault(httpAgent);
  const messaging = getMessaging(initializeApp({ projectId, credential, httpAgent }, name));
  // Deprecated only in favour of HTTP/2, whose session firebase-admin opens to fcm.googleapis.com itself.
  messaging.enableLegacyHttpTransport();
  return new FcmPushProvider(messaging);
}
