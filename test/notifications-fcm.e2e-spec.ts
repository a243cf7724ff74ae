import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Queue } from 'bullmq';
import type pg from 'pg';
import { NotificationSender, type NotificationDraft } from '@techtrek/notifications';
import { eventually } from './support/eventually.js';
import { FakeFcmServer } from './support/fake-fcm-server.js';
import { TestHarness } from './support/test-harness.js';

const PROJECT_ID = 'techtrek-fcm-test';
const CLIENT_EMAIL = `push@${PROJECT_ID}.iam.gserviceaccount.com`;

/** An FCM registration token's shape (what the devices API accepts for provider `fcm`). */
const fcmToken = (label: string): string => `fcm-${label}:APA91b${'x'.repeat(40)}`;

/** `count` learners, each with `devices` Android FCM devices labelled `<tag>-<user>-<device>`; their ids in order. */
async function learnersWithFcmDevices(db: pg.Client, tag: string, count: number, devices = 1): Promise<number[]> {
  const { rows } = await db.query<{ user_id: number }>(
    `INSERT INTO users (email, username, password_hash)
     SELECT $1 || '-' || g || '@fcm.test', 'fcm' || $1 || g, 'x' FROM generate_series(1, $2::int) g
     RETURNING user_id`,
    [tag, count],
  );
  const ids = rows.map((row) => row.user_id);
  await db.query(
    `INSERT INTO devices (user_id, token, platform, provider)
     SELECT u.id, 'fcm-' || $1 || '-' || u.id || '-' || d || ':APA91b' || repeat('x', 40), 'android', 'fcm'
     FROM unnest($2::int[]) AS u (id), generate_series(1, $3::int) d`,
    [tag, ids, devices],
  );
  return ids;
}

const drafts = (userIds: number[], title: string): NotificationDraft[] =>
  userIds.map((userId) => ({ userId, kind: 'milestone', title, body: `Hello ${userId}`, data: { screen: 'home' } }));

interface NotificationRow {
  status: string;
  attempts: number;
  last_error: string | null;
  provider_ticket_id: string | null;
  sent_at: Date | null;
}

const row = async (db: pg.Client, id: number): Promise<NotificationRow> =>
  (
    await db.query<NotificationRow>(
      `SELECT status, attempts, last_error, provider_ticket_id, sent_at FROM notifications WHERE notification_id = $1`,
      [id],
    )
  ).rows[0];

const settled = (value: NotificationRow): boolean => value.status === 'sent' || value.status === 'failed';

describe('push delivery through FCM (firebase-admin against a local fake FCM)', () => {
  let fake: FakeFcmServer;
  let harness: TestHarness;
  let worker: NestFastifyApplication;
  let db: pg.Client;
  let sender: NotificationSender;

  beforeAll(async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    fake = await FakeFcmServer.start(PROJECT_ID, publicKey);
    const serviceAccount = {
      type: 'service_account',
      project_id: PROJECT_ID,
      private_key_id: 'test-key',
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
      client_email: CLIENT_EMAIL,
      token_uri: 'https://oauth2.googleapis.com/token',
    };
    harness = await TestHarness.start({
      PUSH_DELIVERY: 'live',
      FCM_PROJECT_ID: PROJECT_ID,
      FCM_SERVICE_ACCOUNT_JSON: JSON.stringify(serviceAccount),
      FCM_API_URL: fake.url,
      PUSH_RECEIPT_DELAY_MINUTES: '0',
      PUSH_MAINTENANCE_INTERVAL_SECONDS: '1',
    });
    worker = await harness.startWorker();
    db = await harness.database();
    sender = worker.get(NotificationSender);
  });

  afterAll(async () => {
    await harness?.close();
    await fake?.stop();
  });

  it('sends each device its message with a bearer token from the service account, stores the tickets, marks the row sent', async () => {
    const [userId] = await learnersWithFcmDevices(db, 'sent', 1, 2);
    const [id] = await sender.send(drafts([userId], 'Through FCM'));

    const sent = await eventually(() => row(db, id), settled);

    expect(sent).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    expect(sent.sent_at).toBeInstanceOf(Date);
    const tokens = [1, 2].map((device) => fcmToken(`sent-${userId}-${device}`));
    const received = fake.received.filter((message) => message.notification?.title === 'Through FCM');
    expect(received.map((message) => message.token).sort()).toEqual(tokens);
    for (const message of received) {
      expect(message).toMatchObject({
        notification: { title: 'Through FCM', body: `Hello ${userId}` },
        data: { screen: 'home' },
        authorization: expect.stringMatching(/^Bearer ya29\.fake-/),
        // firebase-admin still addresses Google's host; only the connection went to the fake.
        host: 'fcm.googleapis.com',
      });
    }
    // The token came from the JWT-bearer grant, signed with the service account's key.
    expect(fake.tokenRequests[0]).toMatchObject({
      iss: CLIENT_EMAIL,
      scope: expect.stringContaining('https://www.googleapis.com/auth/firebase.messaging'),
    });
    const { rows: tickets } = await db.query(
      `SELECT ticket_id, provider, device_token FROM push_tickets WHERE notification_id = $1 ORDER BY device_token`,
      [id],
    );
    expect(tickets.map((ticket) => [ticket.device_token, ticket.provider])).toEqual(
      tokens.map((token) => [token, 'fcm']),
    );
    expect(tickets.map((ticket) => ticket.ticket_id).sort()).toEqual(received.map((message) => message.name).sort());
    expect(tickets[0].ticket_id).toMatch(new RegExp(`^projects/${PROJECT_ID}/messages/`));
    expect(tickets.map((ticket) => ticket.ticket_id)).toContain(sent.provider_ticket_id);
    // FCM answers at once: its tickets' receipts are ok without asking it anything more.
    const checked = await eventually(
      async () =>
        (
          await db.query(
            `SELECT receipt_status FROM push_tickets WHERE notification_id = $1 AND checked_at IS NOT NULL`,
            [id],
          )
        ).rows,
      (rows) => rows.length === 2,
    );
    expect(checked.map((ticket) => ticket.receipt_status)).toEqual(['ok', 'ok']);
  });

  it('removes a device FCM calls UNREGISTERED, and still reaches the others', async () => {
    const [userId] = await learnersWithFcmDevices(db, 'gone', 1, 2);
    const gone = fcmToken(`gone-${userId}-1`);
    fake.fail(gone, 'UNREGISTERED');
    const [id] = await sender.send(drafts([userId], 'One gone'));

    expect(await eventually(() => row(db, id), settled)).toMatchObject({ status: 'sent' });

    const { rows } = await db.query(`SELECT token FROM devices WHERE user_id = $1`, [userId]);
    expect(rows.map((device) => device.token)).toEqual([fcmToken(`gone-${userId}-2`)]);
    expect(fake.to(gone)).toHaveLength(1);
  });

  it('a single 503 is retried by firebase-admin itself at once: sent on the first attempt', async () => {
    const [userId] = await learnersWithFcmDevices(db, 'blip', 1);
    const token = fcmToken(`blip-${userId}-1`);
    fake.fail(token, 'UNAVAILABLE', 1);
    const [id] = await sender.send(drafts([userId], 'After a blip'));

    expect(await eventually(() => row(db, id), settled)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(fake.to(token).map((message) => message.name !== undefined)).toEqual([false, true]);
  });

  it('a 503 that firebase-admin gives up on (Retry-After beyond its 60 s cap) goes back to the job: retried with backoff, then sent once', async () => {
    const [userId] = await learnersWithFcmDevices(db, 'busy', 1);
    const token = fcmToken(`busy-${userId}-1`);
    fake.fail(token, 'UNAVAILABLE', 1, 120);
    const [id] = await sender.send(drafts([userId], 'After a 503'));

    const afterFirstTry = await eventually(
      () => row(db, id),
      (value) => value.attempts === 1 && value.status === 'scheduled',
    );
    expect(afterFirstTry.last_error).toContain('messaging/server-unavailable');

    const sent = await eventually(() => row(db, id), settled, 20_000);
    expect(sent).toMatchObject({ status: 'sent', attempts: 2 });
    expect(fake.to(token).filter((message) => message.name !== undefined)).toHaveLength(1);
  }, 30_000);

  it('fails at once on INVALID_ARGUMENT and keeps the job inspectable in the failed set', async () => {
    const [userId] = await learnersWithFcmDevices(db, 'invalid', 1);
    const token = fcmToken(`invalid-${userId}-1`);
    fake.fail(token, 'INVALID_ARGUMENT');
    const [id] = await sender.send(drafts([userId], 'Refused'));

    const failed = await eventually(() => row(db, id), settled);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.last_error).toContain('messaging/invalid-argument');
    expect(fake.to(token)).toHaveLength(1);
    const { rows: devices } = await db.query(`SELECT 1 FROM devices WHERE token = $1`, [token]);
    expect(devices).toHaveLength(1);
    const queue = worker.get<Queue>(getQueueToken('notifications'));
    expect(
      await eventually(
        () => queue.getJobState(`notification-${id}`),
        (state) => state === 'failed',
      ),
    ).toBe('failed');
  });
});
