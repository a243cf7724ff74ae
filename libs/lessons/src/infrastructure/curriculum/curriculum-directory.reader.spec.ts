import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { validateCurriculum, type Curriculum } from '../../domain/curriculum.js';
import { DEFAULT_CURRICULUM_DIRECTORY, readCurriculumDirectory } from './curriculum-directory.reader.js';

const wordCount = (text: string): number => text.split(/\s+/).filter(Boolean).length;

describe('the shipped starter curriculum', () => {
  let curriculum: Curriculum;

  beforeEach(async () => {
    curriculum = await readCurriculumDirectory(DEFAULT_CURRICULUM_DIRECTORY);
  });

  it('validates with no problems', () => {
    expect(validateCurriculum(curriculum)).toEqual([]);
  });

  it('has at least 6 topics with at least 4 lessons each', () => {
    expect(curriculum.topics.length).toBeGreaterThanOrEqual(6);
    const tooShort = curriculum.topics.filter((topic) => topic.lessons.length < 4).map((topic) => topic.topic);
    expect(tooShort).toEqual([]);
  });

  it('gives every lesson at least 150 words of content and at least 3 exercises', () => {
    const thin = curriculum.topics.flatMap((topic) =>
      topic.lessons
        .filter((lesson) => wordCount(lesson.content) < 150 || lesson.exercises.length < 3)
        .map((lesson) => `${topic.topic}: ${lesson.title}`),
    );

    expect(thin).toEqual([]);
  });
});

describe('readCurriculumDirectory', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'techtrek-curriculum-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  const write = (file: string, content: unknown): Promise<void> =>
    writeFile(path.join(directory, file), typeof content === 'string' ? content : JSON.stringify(content));

  it('reads the NN-topic.json files in file-name order and ignores other files', async () => {
    await write('02-second.json', { topic: 'second' });
    await write('01-first.json', { topic: 'first' });
    await write('README.md', '# not a topic');
    await write('notes.json', { topic: 'ignored' });
    await write('3-wrong-prefix.json', { topic: 'ignored' });

    const curriculum = await readCurriculumDirectory(directory);

    expect(curriculum.topics.map((topic) => topic.topic)).toEqual(['first', 'second']);
  });

  it('names the file that is not valid JSON', async () => {
    await write('01-good.json', { topic: 'good' });
    await write('02-broken.json', '{ "topic": "broken", ');

    await expect(readCurriculumDirectory(directory)).rejects.toThrow(/^02-broken\.json is not valid JSON: /);
  });

  it('fails with the directory named when it holds no topic files', async () => {
    await write('notes.txt', 'nothing here');

    await expect(readCurriculumDirectory(directory)).rejects.toThrow(
      `No curriculum files (NN-topic.json) in ${directory}`,
    );
  });
});
