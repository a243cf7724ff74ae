import { describe, expect, it } from '@jest/globals';
import { fromReceipt, fromTicket, requestFailure } from './expo-push-provider.js';
import { answerFailure, FcmPushProvider, type FcmMessaging } from './fcm-push-provider.js';

describe('Expo answers', () => {
  it('maps tickets and receipts, DeviceNotRegistered apart', () => {
    expect(fromTicket({ status: 'ok', id: 'x1' })).toEqual({ ok: true, ticketId: 'x1' });
    expect(fromTicket({ status: 'error', message: 'gone', details: { error: 'DeviceNotRegistered' } })).toMatchObject({
      ok: false,
      kind: 'device-not-registered',
    });
    expect(fromTicket({ status: 'error', message: 'big', details: { error: 'MessageTooBig' } })).toMatchObject({
      ok: false,
      kind: 'permanent',
    });
    expect(fromReceipt({ status: 'ok' })).toEqual({ status: 'ok' });
    expect(fromReceipt({ status: 'error', message: 'gone', details: { error: 'DeviceNotRegistered' } })).toEqual({
      status: 'device-not-registered',
      message: 'DeviceNotRegistered: gone',
    });
  });

  it('sorts whole-request failures by status', () => {
    expect(requestFailure(Object.assign(new Error('busy'), { statusCode: 503 }))).toMatchObject({ kind: 'transient' });
    expect(requestFailure(Object.assign(new Error('bad'), { statusCode: 400 }))).toMatchObject({ kind: 'permanent' });
    expect(requestFailure(new TypeError('fetch failed'))).toMatchObject({ kind: 'transient' });
  });
});

describe('FcmPushProvider', () => {
  const message = { token: 'fcm-token', title: 't', body: 'b', data: { a: '1' } };

  it('maps sendEach answers per message', async () => {
    const messaging: FcmMessaging = {
      sendEach: async () =>
        ({
          successCount: 1,
          failureCount: 3,
          responses: [
            { success: true, messageId: 'projects/p/messages/1' },
            {
              success: false,
              error: { code: 'messaging/registration-token-not-registered', message: 'gone' },
            },
            { success: false, error: { code: 'messaging/server-unavailable', message: 'later' } },
            { success: false, error: { code: 'messaging/invalid-argument', message: 'bad' } },
          ],
        }) as never,
    };
    const results = await new FcmPushProvider(messaging).send([message, message, message, message]);

    expect(results.map((result) => (result.ok ? result.ticketId : result.kind))).toEqual([
      'projects/p/messages/1',
      'device-not-registered',
      'transient',
      'permanent',
    ]);
  });

  it("makes firebase-admin's own failures before an answer (token, network) transient, FCM's answers permanent", () => {
    expect(answerFailure({ code: 'app/invalid-credential', message: 'ENOTFOUND oauth2.googleapis.com' })).toMatchObject(
      {
        ok: false,
        kind: 'transient',
      },
    );
    expect(answerFailure({ code: 'app/network-error', message: 'ECONNRESET' })).toMatchObject({ kind: 'transient' });
    expect(answerFailure({ code: 'messaging/mismatched-credential', message: 'SenderId mismatch' })).toMatchObject({
      kind: 'permanent',
    });
    expect(answerFailure(undefined)).toMatchObject({ kind: 'permanent' });
  });

  it('makes a failed call (network) transient for every message', async () => {
    const messaging: FcmMessaging = {
      sendEach: async () => {
        throw Object.assign(new Error('ETIMEDOUT'), { code: 'app/network-timeout' });
      },
    };
    const results = await new FcmPushProvider(messaging).send([message, message]);

    expect(results).toEqual([
      { ok: false, kind: 'transient', message: 'FCM: ETIMEDOUT' },
      { ok: false, kind: 'transient', message: 'FCM: ETIMEDOUT' },
    ]);
  });
});
