import { describe, expect, it } from '@jest/globals';
import { classifyPushFailure } from './push-failure.js';

describe('classifyPushFailure', () => {
  it.each([
    [{ message: 'socket hang up' }, 'transient'],
    [{ status: 408, message: 'timeout' }, 'transient'],
    [{ status: 429, message: 'slow down' }, 'transient'],
    [{ status: 503, message: 'down' }, 'transient'],
    [{ status: 200, code: 'MessageRateExceeded', message: 'rate' }, 'transient'],
    [{ status: 400, code: 'messaging/server-unavailable', message: 'fcm' }, 'transient'],
    [{ status: 200, code: 'DeviceNotRegistered', message: 'gone' }, 'device-not-registered'],
    [{ status: 400, code: 'messaging/registration-token-not-registered', message: 'gone' }, 'device-not-registered'],
    [{ status: 400, code: 'VALIDATION_ERROR', message: 'bad' }, 'permanent'],
    [{ status: 401, message: 'bad token' }, 'permanent'],
    [{ status: 200, code: 'MessageTooBig', message: 'too big' }, 'permanent'],
    [{ status: 200, code: 'InvalidCredentials', message: 'creds' }, 'permanent'],
  ])('%j is %s', (facts, kind) => {
    expect(classifyPushFailure(facts)).toEqual({ kind, message: facts.message });
  });
});
