/** Where pushes to a device go through: Expo's push service or Firebase Cloud Messaging directly. */
export const DEVICE_PROVIDERS = ['expo', 'fcm'] as const;
export type DeviceProvider = (typeof DEVICE_PROVIDERS)[number];

export const DEVICE_PLATFORMS = ['ios', 'android', 'web'] as const;
export type DevicePlatform = (typeof DEVICE_PLATFORMS)[number];

/**
 * Real tokens are far shorter (Expo ~41 characters, FCM ~160); 200 is also the longest path
 * parameter the API routes, so every token that can be registered can be deleted by URL.
 */
export const DEVICE_TOKEN_MAX_LENGTH = 200;

/** Expo's two spellings, as `expo-server-sdk`'s `isExpoPushToken` accepts them. */
const EXPO_TOKEN = /^Expo(nent)?PushToken\[[A-Za-z0-9_-]{1,180}\]$/;
/** FCM registration tokens: URL-safe base64 with ':' separators; no spaces or control characters. */
const FCM_TOKEN = /^[A-Za-z0-9:_.-]{20,200}$/;

/** Why `token` cannot be a `provider` token, or `undefined` when it can. */
export function deviceTokenProblem(token: string, provider: DeviceProvider): string | undefined {
  if (token.length > DEVICE_TOKEN_MAX_LENGTH) return `must be at most ${DEVICE_TOKEN_MAX_LENGTH} characters`;
  if (provider === 'expo' && !EXPO_TOKEN.test(token)) return 'must be an Expo push token, ExponentPushToken[…]';
  if (provider === 'fcm' && !FCM_TOKEN.test(token)) return 'must be an FCM registration token';
  return undefined;
}
