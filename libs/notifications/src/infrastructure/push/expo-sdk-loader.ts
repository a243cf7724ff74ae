import type { Expo } from 'expo-server-sdk';

type ExpoClass = typeof Expo;

let loaded: { baseUrl: string; sdk: Promise<ExpoClass> } | undefined;

/**
 * expo-server-sdk 6 has no option for its endpoint: it reads `EXPO_BASE_URL` once, when its module
 * is first evaluated. So nothing imports it statically; the Expo adapter loads it through here,
 * which sets the variable from `EXPO_API_URL` just before that first import. One process speaks
 * to one Expo endpoint: asking for another later is refused at boot rather than silently ignored.
 */
export function loadExpoSdk(baseUrl: string): Promise<ExpoClass> {
  const wanted = baseUrl.replace(/\/+$/, '');
  if (loaded) {
    if (loaded.baseUrl !== wanted) {
      throw new Error(
        `expo-server-sdk is already loaded for ${loaded.baseUrl}; it cannot also send to ${wanted} in this process`,
      );
    }
    return loaded.sdk;
  }
  process.env.EXPO_BASE_URL = wanted;
  loaded = { baseUrl: wanted, sdk: import('expo-server-sdk').then((module) => module.Expo) };
  return loaded.sdk;
}
