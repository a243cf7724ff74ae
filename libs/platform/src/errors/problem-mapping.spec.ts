import { describe, expect, it } from '@jest/globals';
import { BadRequestException, HttpException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { DomainError, type DomainErrorKind, type FieldProblem } from '../kernel/domain-error.js';
import { mapToProblem } from './problem-mapping.js';

function domainError(kind: DomainErrorKind, code: string): DomainError {
  return new (class extends DomainError {
    readonly kind = kind;
    readonly code = code;
  })(`a ${kind} failure`);
}

describe('mapToProblem', () => {
  describe('domain errors', () => {
    it.each<[DomainErrorKind, number]>([
      ['invalid', 400],
      ['unauthenticated', 401],
      ['forbidden', 403],
      ['not_found', 404],
      ['conflict', 409],
      ['precondition_failed', 412],
      ['payload_too_large', 413],
      ['unsupported_media_type', 415],
      ['unprocessable', 422],
      ['rate_limited', 429],
      ['unavailable', 503],
    ])('maps the %s kind to status %i with its own code and message', (kind, status) => {
      const problem = mapToProblem(domainError(kind, 'TEST.SOMETHING'));

      expect(problem).toEqual({
        status,
        code: 'TEST.SOMETHING',
        detail: `a ${kind} failure`,
        errors: undefined,
        extensions: {},
      });
    });

    it('carries field problems and extensions through', () => {
      const fieldProblems: FieldProblem[] = [{ field: 'lessons[0].title', message: 'must not be empty' }];
      class LessonLockedError extends DomainError {
        readonly kind = 'precondition_failed';
        readonly code = 'PROGRESS.LESSON_LOCKED';
      }

      const problem = mapToProblem(
        new LessonLockedError('Finish the previous lesson', fieldProblems, { retryAfter: 5 }),
      );

      expect(problem).toEqual({
        status: 412,
        code: 'PROGRESS.LESSON_LOCKED',
        detail: 'Finish the previous lesson',
        errors: fieldProblems,
        extensions: { retryAfter: 5 },
      });
    });
  });

  describe('Nest HTTP exceptions', () => {
    it('maps NotFoundException to 404 HTTP.NOT_FOUND', () => {
      expect(mapToProblem(new NotFoundException('No such lesson'))).toEqual({
        status: 404,
        code: 'HTTP.NOT_FOUND',
        detail: 'No such lesson',
      });
    });

    it('joins the messages of a BadRequestException given an array', () => {
      expect(mapToProblem(new BadRequestException(['title is missing', 'difficulty is wrong']))).toEqual({
        status: 400,
        code: 'HTTP.BAD_REQUEST',
        detail: 'title is missing; difficulty is wrong',
      });
    });

    it('maps PayloadTooLargeException to 413 HTTP.CONTENT_TOO_LARGE', () => {
      const problem = mapToProblem(new PayloadTooLargeException());

      expect(problem.status).toBe(413);
      expect(problem.code).toBe('HTTP.CONTENT_TOO_LARGE');
    });
  });

  describe('rate limits', () => {
    it('gives a 429 the stable code REQUEST.RATE_LIMITED and keeps a plain detail', () => {
      expect(mapToProblem(new ThrottlerException('Too many requests; try again in 42 seconds'))).toEqual({
        status: 429,
        code: 'REQUEST.RATE_LIMITED',
        detail: 'Too many requests; try again in 42 seconds',
      });
    });

    it("replaces the throttler's default message, which names the library", () => {
      expect(mapToProblem(new ThrottlerException())).toEqual({
        status: 429,
        code: 'REQUEST.RATE_LIMITED',
        detail: 'Too many requests; try again later',
      });
    });

    it('gives any other 429 HTTP exception the same code', () => {
      expect(mapToProblem(new HttpException('Slow down', 429)).code).toBe('REQUEST.RATE_LIMITED');
    });
  });

  describe('Fastify request errors', () => {
    it('maps a body that is too large to 413 REQUEST.BODY_TOO_LARGE', () => {
      const problem = mapToProblem({
        statusCode: 413,
        code: 'FST_ERR_CTP_BODY_TOO_LARGE',
        message: 'Request body is too large',
      });

      expect(problem).toEqual({
        status: 413,
        code: 'REQUEST.BODY_TOO_LARGE',
        detail: 'The request body is larger than allowed',
      });
    });

    it('maps an unsupported content type to 415 REQUEST.UNSUPPORTED_MEDIA_TYPE', () => {
      const problem = mapToProblem({ statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' });

      expect(problem.status).toBe(415);
      expect(problem.code).toBe('REQUEST.UNSUPPORTED_MEDIA_TYPE');
    });

    it('maps a JSON SyntaxError with status 400 to REQUEST.MALFORMED_BODY', () => {
      const error = Object.assign(new SyntaxError('Unexpected token } in JSON at position 7'), { statusCode: 400 });

      const problem = mapToProblem(error);

      expect(problem).toEqual({
        status: 400,
        code: 'REQUEST.MALFORMED_BODY',
        detail: 'The request body is not valid JSON',
      });
    });

    it('gives an unknown 4xx error a generic code and detail instead of its own message', () => {
      const problem = mapToProblem({ statusCode: 404, code: 'FST_ERR_SOMETHING_NEW', message: 'internal path /srv/x' });

      expect(problem).toEqual({ status: 404, code: 'HTTP.NOT_FOUND', detail: 'The request could not be processed' });
    });
  });

  describe('unexpected errors', () => {
    it.each([
      ['a plain Error', new Error('password=secret at db.internal:5432')],
      ['a string', 'password=secret at db.internal:5432'],
      ['null', null],
      ['undefined', undefined],
      ['an object with status 500', { statusCode: 500, message: 'password=secret at db.internal:5432' }],
    ])('maps %s to 500 INTERNAL.UNEXPECTED without leaking its message', (_label, error) => {
      const problem = mapToProblem(error);

      expect(problem.status).toBe(500);
      expect(problem.code).toBe('INTERNAL.UNEXPECTED');
      expect(problem.detail).not.toContain('secret');
      expect(problem.detail).not.toContain('db.internal');
    });
  });
});
