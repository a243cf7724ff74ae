import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Curriculum, CurriculumTopic } from '../../domain/curriculum.js';

/** The starter curriculum shipped in the repo: one `NN-<topic>.json` file per topic. */
export const DEFAULT_CURRICULUM_DIRECTORY = 'libs/lessons/curriculum';

const TOPIC_FILE = /^\d{2}-[a-z0-9-]+\.json$/;

/** Reads topic files in file-name order; the domain validates what they say. */
export async function readCurriculumDirectory(directory: string = DEFAULT_CURRICULUM_DIRECTORY): Promise<Curriculum> {
  const files = (await readdir(directory)).filter((file) => TOPIC_FILE.test(file)).sort();
  if (files.length === 0) throw new Error(`No curriculum files (NN-topic.json) in ${path.resolve(directory)}`);
  const topics = await Promise.all(
    files.map(async (file) => {
      const text = await readFile(path.join(directory, file), 'utf8');
      try {
        return JSON.parse(text) as CurriculumTopic;
      } catch (error) {
        throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
      }
    }),
  );
  return { topics };
}
