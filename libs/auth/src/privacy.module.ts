import { Global, Module } from '@nestjs/common';
import { PersonalDataRegistry } from './application/privacy/personal-data.registry.js';

/** Global, so every module can declare its share of a user's data export. */
@Global()
@Module({ providers: [PersonalDataRegistry], exports: [PersonalDataRegistry] })
export class PrivacyModule {}
