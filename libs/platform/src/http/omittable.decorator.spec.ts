import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { IsString, validateSync } from 'class-validator';
import { Omittable } from './omittable.decorator.js';

class RenameRequest {
  @Omittable()
  @IsString()
  username?: string;
}

const failuresOf = (body: object): string[] =>
  validateSync(plainToInstance(RenameRequest, body)).map((error) => error.property);

describe('@Omittable()', () => {
  it('accepts the field left out', () => {
    expect(failuresOf({})).toEqual([]);
  });

  it('validates a value that is present', () => {
    expect(failuresOf({ username: 'ada' })).toEqual([]);
    expect(failuresOf({ username: 42 })).toEqual(['username']);
  });

  it('refuses an explicit null, naming the field', () => {
    expect(failuresOf({ username: null })).toEqual(['username']);
  });
});
