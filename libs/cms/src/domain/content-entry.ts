import type { FieldProblem } from '@techtrek/platform/kernel';
import { InvalidContentEntryError } from './content-entry.errors.js';

/** A CMS entry: a titled text, optionally attached to a lesson (e.g. a glossary note, a promo). */
export interface ContentEntryFields {
  title: string;
  description: string;
  lessonId: number | null;
}

export const CONTENT_LIMITS = { title: 200, description: 10_000 };

/** Trims the title and checks every field, naming each problem's field. */
export function validContentEntry(fields: ContentEntryFields): ContentEntryFields {
  const title = fields.title.trim();
  const problems: FieldProblem[] = [];
  if (title.length === 0 || title.length > CONTENT_LIMITS.title) {
    problems.push({ field: 'title', message: `must be non-empty text of at most ${CONTENT_LIMITS.title} characters` });
  }
  if (fields.description.length > CONTENT_LIMITS.description) {
    problems.push({ field: 'description', message: `must be at most ${CONTENT_LIMITS.description} characters` });
  }
  if (problems.length > 0) throw new InvalidContentEntryError(problems);
  return { ...fields, title };
}
