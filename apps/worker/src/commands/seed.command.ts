import { NestFactory } from '@nestjs/core';
import { EnsureAdminAccountUseCase } from '@techtrek/auth';
import { ImportCurriculumUseCase, readCurriculumDirectory } from '@techtrek/lessons';
import type { Environment } from '@techtrek/platform';
import { SeedModule } from './seed.module.js';

/**
 * Loads the starter curriculum and the admin account. Idempotent: a second run changes nothing,
 * and content edited since (through the CMS) is never overwritten.
 */
export async function seed(environment: Environment, log: (line: string) => void): Promise<void> {
  const { ADMIN_EMAIL: email, ADMIN_PASSWORD: password } = environment;
  if (Boolean(email) !== Boolean(password)) {
    throw new Error('Set both ADMIN_EMAIL and ADMIN_PASSWORD, or neither');
  }
  const app = await NestFactory.createApplicationContext(SeedModule.forRoot(environment), {
    logger: ['error', 'warn'],
    abortOnError: false,
  });
  try {
    const curriculum = await readCurriculumDirectory(environment.SEED_CURRICULUM_DIR);
    const report = await app.get(ImportCurriculumUseCase).execute(curriculum);
    log(
      `Curriculum: ${curriculum.topics.length} topics; ${report.topicsCreated} topics and ` +
        `${report.lessonsCreated} lessons added, ${report.lessonsUnchanged} lessons already present`,
    );
    if (email && password) {
      const outcome = await app.get(EnsureAdminAccountUseCase).execute({ email, password });
      log(`Admin account ${email}: ${outcome}`);
    } else {
      log('ADMIN_EMAIL and ADMIN_PASSWORD are not set: no admin account created');
    }
  } finally {
    await app.close();
  }
}
