import { Injectable } from '@nestjs/common';

/** One module's part of a user's data export (GDPR right of access), e.g. `progress` or `badges`. */
export interface PersonalDataSection {
  name: string;
  collect(userId: number): Promise<unknown>;
}

/**
 * Where modules declare what they store about a person, so the export covers every module without
 * auth reading other modules' tables. Erasure needs no hook while all personal rows hang off
 * `users` with ON DELETE CASCADE; a module keeping personal data elsewhere (Redis) adds one here.
 */
@Injectable()
export class PersonalDataRegistry {
  private readonly sections = new Map<string, PersonalDataSection>();

  register(section: PersonalDataSection): void {
    if (this.sections.has(section.name)) throw new Error(`Personal data section "${section.name}" is registered twice`);
    this.sections.set(section.name, section);
  }

  async collect(userId: number): Promise<Record<string, unknown>> {
    const entries = await Promise.all(
      [...this.sections.values()].map(async (section) => [section.name, await section.collect(userId)] as const),
    );
    return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
  }
}
