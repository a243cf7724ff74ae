import { describe, expect, it } from '@jest/globals';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

const strategy = new SnakeNamingStrategy();

describe('SnakeNamingStrategy', () => {
  describe('columnName', () => {
    it.each([
      ['passwordHash', 'password_hash'],
      ['xpPoints', 'xp_points'],
      ['email', 'email'],
      ['createdAt', 'created_at'],
      ['lastLessonId', 'last_lesson_id'],
      ['userID', 'user_id'],
      ['htmlURLPath', 'html_url_path'],
    ])('turns the property %s into the column %s', (property, column) => {
      expect(strategy.columnName(property, undefined, [])).toBe(column);
    });

    it('uses a custom column name instead of the property name', () => {
      expect(strategy.columnName('id', 'user_id', [])).toBe('user_id');
    });

    it('puts embedded prefixes in front of the property, in order', () => {
      expect(strategy.columnName('startedAt', undefined, ['streak'])).toBe('streak_started_at');
      expect(strategy.columnName('city', undefined, ['billing', 'postalAddress'])).toBe('billing_postal_address_city');
    });

    it('puts embedded prefixes in front of a custom name too', () => {
      expect(strategy.columnName('startedAt', 'begun_at', ['streak'])).toBe('streak_begun_at');
    });
  });

  it('snake-cases relation names', () => {
    expect(strategy.relationName('currentLesson')).toBe('current_lesson');
  });

  it('joins a relation and its referenced column into one snake_case join column', () => {
    expect(strategy.joinColumnName('currentLesson', 'lessonId')).toBe('current_lesson_lesson_id');
  });
});
