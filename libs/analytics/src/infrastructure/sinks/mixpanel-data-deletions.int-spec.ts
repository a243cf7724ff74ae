import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { FakeMixpanelServer } from '../../../../../test/support/fake-mixpanel-server.js';
import { MixpanelDataDeletions, type MixpanelDataDeletionsSettings } from './mixpanel-data-deletions.js';

const PROJECT_TOKEN = 'project-token-4f2a';
const GDPR_TOKEN = 'gdpr-token-9c1e';

describe('MixpanelDataDeletions against a local server speaking Mixpanel GDPR API v3', () => {
  let fake: FakeMixpanelServer;
  let settings: MixpanelDataDeletionsSettings;

  beforeAll(async () => {
    fake = await FakeMixpanelServer.start(GDPR_TOKEN);
    settings = {
      protocol: 'http',
      host: fake.host,
      projectToken: PROJECT_TOKEN,
      gdprToken: GDPR_TOKEN,
      timeoutMs: 500,
    };
  });

  afterAll(async () => {
    await fake.stop();
  });

  beforeEach(() => fake.reset());

  it('posts the distinct ids as a GDPR deletion, with the project token and the bearer GDPR token, and returns the task id', async () => {
    const taskIds = await new MixpanelDataDeletions(settings).request(['42']);

    expect(fake.deletionRequests).toEqual([
      {
        projectToken: PROJECT_TOKEN,
        authorization: `Bearer ${GDPR_TOKEN}`,
        distinctIds: ['42'],
        complianceType: 'GDPR',
        status: 200,
        taskId: taskIds[0],
      },
    ]);
    expect(taskIds).toHaveLength(1);
  });

  it('splits more than 2,000 learners into requests of at most 2,000, as the API allows', async () => {
    const ids = Array.from({ length: 2_001 }, (_, index) => String(index + 1));
    const taskIds = await new MixpanelDataDeletions(settings).request(ids);

    expect(taskIds).toHaveLength(2);
    expect(fake.deletionRequests.map((request) => (request.distinctIds as string[]).length)).toEqual([2_000, 1]);
    expect(fake.deletionRequests.flatMap((request) => request.distinctIds as string[])).toEqual(ids);
  });

  it('fails with Mixpanel’s reason when the GDPR token is refused, and never repeats a token in the error', async () => {
    const deletions = new MixpanelDataDeletions({ ...settings, gdprToken: 'expired-gdpr-token' });

    const failure = await deletions.request(['42']).catch((error: Error) => error);

    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe('Mixpanel refused the deletion request (HTTP 401): Invalid OAuth token');
    expect((failure as Error).message).not.toMatch(/token-4f2a|expired-gdpr/);
  });

  it('fails on a server error, so the job retries', async () => {
    fake.failNext(503);

    await expect(new MixpanelDataDeletions(settings).request(['42'])).rejects.toThrow(
      'Mixpanel refused the deletion request (HTTP 503): fake Mixpanel answered 503',
    );
  });

  it('fails when Mixpanel does not answer in time', async () => {
    fake.hold();
    try {
      await expect(new MixpanelDataDeletions(settings).request(['42'])).rejects.toThrow(
        "Mixpanel's deletion request failed: no answer within 500 ms",
      );
    } finally {
      fake.release();
    }
  });

  it('fails when nothing listens, naming the cause but not the URL (it carries the project token)', async () => {
    const closed = await FakeMixpanelServer.start();
    const host = closed.host;
    await closed.stop();

    const failure = await new MixpanelDataDeletions({ ...settings, host })
      .request(['42'])
      .catch((error: Error) => error);

    expect((failure as Error).message).toMatch(/^Mixpanel's deletion request failed: fetch failed \(.*ECONNREFUSED/);
    expect((failure as Error).message).not.toContain(PROJECT_TOKEN);
  });
});
