import { describe, expect, it } from '@jest/globals';
import { titleForStatus, typeForCode } from './problem-document.js';

describe('typeForCode', () => {
  it('turns a code into a lowercase, hyphenated URN', () => {
    expect(typeForCode('PROGRESS.LESSON_NOT_FOUND')).toBe('urn:techtrek:problem:progress.lesson-not-found');
  });

  it('replaces every underscore, not only the first', () => {
    expect(typeForCode('A_B_C.D_E')).toBe('urn:techtrek:problem:a-b-c.d-e');
  });
});

describe('titleForStatus', () => {
  it.each([
    [400, 'Bad Request'],
    [404, 'Not Found'],
    [413, 'Content Too Large'],
    [422, 'Unprocessable Content'],
    [429, 'Too Many Requests'],
    [503, 'Service Unavailable'],
  ])('gives %i the title "%s"', (status, title) => {
    expect(titleForStatus(status)).toBe(title);
  });

  it('falls back to "Client Error" for an unlisted 4xx status', () => {
    expect(titleForStatus(418)).toBe('Client Error');
  });

  it('falls back to "Server Error" for an unlisted 5xx status', () => {
    expect(titleForStatus(502)).toBe('Server Error');
  });
});
