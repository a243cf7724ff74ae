import { describe, expect, it } from '@jest/globals';
import { distinctIdOfErasedAccount } from './erased-learner.js';
import { MalformedProductEventError } from './product-event-mapping.js';

describe('distinctIdOfErasedAccount', () => {
  it('names the erased learner as product events do: the user id as a string', () => {
    expect(distinctIdOfErasedAccount({ userId: 42, at: '2026-12-06T03:00:00.000Z' })).toBe('42');
  });

  it.each([null, undefined, {}, { userId: '42' }, { userId: 0 }, { userId: -3 }, { userId: 1.5 }, { userId: 2 ** 60 }])(
    'refuses %j: no learner to forget',
    (payload) => {
      expect(() => distinctIdOfErasedAccount(payload)).toThrow(MalformedProductEventError);
    },
  );
});
