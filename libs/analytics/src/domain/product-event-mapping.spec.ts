import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { MalformedProductEventError, toProductEvent } from './product-event-mapping.js';
import { PRODUCT_EVENT_NAMES, type ProductEventName } from './product-event.js';

const EVENT_ID = '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b';

/** What each publisher writes to the outbox today (see the publishers' event constants). */
const PAYLOADS: Record<ProductEventName, Record<string, unknown>> = {
  signed_up: { userId: 42, at: '2026-12-01T09:30:00.000Z' },
  lesson_completed: {
    userId: 42,
    lessonId: 7,
    lessonVersion: 3,
    topic: 'javascript-basics',
    difficulty: 'beginner',
    score: 80,
    firstPass: true,
    at: '2026-12-01T09:35:00.000Z',
  },
  badge_earned: { userId: 42, badge: 'first_lesson', awardedAt: '2026-12-01T09:35:00.000Z' },
  hint_used: {
    userId: 42,
    hintRequestId: 12,
    lessonId: 7,
    topic: 'javascript-basics',
    exerciseId: 'ex-2',
    level: 2,
    provider: 'grounded',
    cached: false,
    outcome: 'served',
    at: '2026-12-01T09:33:00.000Z',
  },
};

/** Personal data a payload might carry by mistake one day; none of it may reach an analytics tool. */
const PERSONAL = {
  email: 'ada.lovelace@example.com',
  username: 'ada-lovelace',
  question: 'why does my loop never end, Ada here',
  userAnswer: { choice: 'secret-answer' },
  hint: 'Think about what the loop counter does',
  ip: '203.0.113.7',
  deviceToken: 'ExponentPushToken[abcdef]',
  timeZone: 'Europe/London',
};

describe('toProductEvent', () => {
  it('names the learner by user id, dedups by event id and keeps the fact time', () => {
    const event = toProductEvent('badge_earned', PAYLOADS.badge_earned, EVENT_ID);

    expect(event).toEqual({
      name: 'badge_earned',
      distinctId: '42',
      insertId: EVENT_ID,
      time: new Date('2026-12-01T09:35:00.000Z'),
      properties: { badge: 'first_lesson' },
    });
  });

  it.each(['streak_30', 'topic_completed:apis', 'xp_1000'])('passes the badge code %s as it is', (badge) => {
    const event = toProductEvent('badge_earned', { ...PAYLOADS.badge_earned, badge }, EVENT_ID);

    expect(event.properties).toEqual({ badge });
  });

  it('maps a completed lesson and a used hint to their non-personal properties', () => {
    expect(toProductEvent('lesson_completed', PAYLOADS.lesson_completed, EVENT_ID).properties).toEqual({
      lesson_id: 7,
      lesson_version: 3,
      topic: 'javascript-basics',
      difficulty: 'beginner',
      score: 80,
      first_pass: true,
    });
    expect(toProductEvent('hint_used', PAYLOADS.hint_used, EVENT_ID).properties).toEqual({
      lesson_id: 7,
      topic: 'javascript-basics',
      exercise_id: 'ex-2',
      level: 2,
      provider: 'grounded',
      cached: false,
      outcome: 'served',
    });
  });

  it('leaves out an absent exercise (a hint on the whole lesson)', () => {
    const event = toProductEvent('hint_used', { ...PAYLOADS.hint_used, exerciseId: null }, EVENT_ID);

    expect(event.properties).not.toHaveProperty('exercise_id');
  });

  it.each(PRODUCT_EVENT_NAMES)('never passes personal fields through (%s)', (name) => {
    const event = toProductEvent(name, { ...PAYLOADS[name], ...PERSONAL }, EVENT_ID);
    const sent = JSON.stringify(event);

    for (const value of Object.values(PERSONAL)) {
      expect(sent).not.toContain(typeof value === 'string' ? value : JSON.stringify(value));
    }
    for (const field of Object.keys(PERSONAL)) expect(event.properties).not.toHaveProperty(field);
  });

  it('sends no field it does not know, whatever a payload carries', () => {
    const extraField = fc
      .string({ minLength: 1, maxLength: 12 })
      .filter((key) => !(key in PAYLOADS.hint_used) && !['__proto__', 'constructor'].includes(key));
    fc.assert(
      fc.property(fc.dictionary(extraField, fc.string({ minLength: 8 }), { minKeys: 1 }), (extra) => {
        const event = toProductEvent('hint_used', { ...extra, ...PAYLOADS.hint_used }, EVENT_ID);
        const sent = JSON.stringify(event);
        return Object.values(extra).every((value) => !sent.includes(JSON.stringify(value).slice(1, -1)));
      }),
    );
  });

  it('refuses free text where an identifier belongs, rather than sending it', () => {
    const withText = { ...PAYLOADS.lesson_completed, topic: 'Ada Lovelace <ada.lovelace@example.com>' };

    expect(() => toProductEvent('lesson_completed', withText, EVENT_ID)).toThrow(MalformedProductEventError);
  });

  it.each([
    ['no user', { ...PAYLOADS.signed_up, userId: undefined }],
    ['a user id that is not an integer', { ...PAYLOADS.signed_up, userId: '42' }],
    ['no time', { userId: 42 }],
    ['a time that is not an instant', { userId: 42, at: 'yesterday' }],
    ['no payload', null],
  ])('refuses a payload with %s', (_, payload) => {
    expect(() => toProductEvent('signed_up', payload, EVENT_ID)).toThrow(MalformedProductEventError);
  });

  it('refuses an event id Mixpanel cannot take as an insert id', () => {
    expect(() => toProductEvent('signed_up', PAYLOADS.signed_up, 'job:1')).toThrow(MalformedProductEventError);
  });
});
