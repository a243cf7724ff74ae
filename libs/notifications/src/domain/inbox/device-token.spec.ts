import { describe, expect, it } from '@jest/globals';
import { deviceTokenProblem } from './device-token.js';

describe('deviceTokenProblem', () => {
  it('accepts both Expo spellings and FCM tokens', () => {
    expect(deviceTokenProblem('ExponentPushToken[xxxxxxxxxxxxxxxxxxxxxx]', 'expo')).toBeUndefined();
    expect(deviceTokenProblem('ExpoPushToken[abc_DEF-123]', 'expo')).toBeUndefined();
    expect(deviceTokenProblem(`dGVzdA:APA91b${'x'.repeat(140)}`, 'fcm')).toBeUndefined();
  });

  it('refuses other forms, mixed providers and over-long tokens', () => {
    expect(deviceTokenProblem('ExponentPushToken[]', 'expo')).toMatch(/Expo push token/);
    expect(deviceTokenProblem('ExponentPushToken[a b]', 'expo')).toMatch(/Expo push token/);
    expect(deviceTokenProblem(`dGVzdA:APA91b${'x'.repeat(40)}`, 'expo')).toMatch(/Expo push token/);
    expect(deviceTokenProblem('ExponentPushToken[abc]', 'fcm')).toMatch(/FCM/);
    expect(deviceTokenProblem('short', 'fcm')).toMatch(/FCM/);
    expect(deviceTokenProblem('a'.repeat(201), 'fcm')).toMatch(/at most 200/);
  });
});
