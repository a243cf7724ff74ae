/**
 * CommonJS packages (nestjs-pino, @nestjs/throttler, …) `require()` Nest, which Jest then loads a
 * second time as CommonJS. Two copies of @nestjs/common break DI (class identity). Point every
 * such require at the ES module instance the tests themselves import.
 */
import { jest } from '@jest/globals';
import * as nestCommon from '@nestjs/common';
import * as nestCore from '@nestjs/core';

jest.mock('@nestjs/common', () => nestCommon);
jest.mock('@nestjs/core', () => nestCore);
