import { type Detector, leak, strings } from './leak-view.js';
import { mentions } from './text-matching.js';

/** Fill in the blank: any accepted answer, normalised, as a whole word or phrase (outside a quote of the prompt). */
export const acceptedAnswer: Detector = ({ reading, prompt }, exercise) =>
  leak(
    'names an accepted answer',
    strings(exercise.correct).flatMap((answer) => mentions(reading, answer, prompt)),
  );
