/**
 * The admin flow (test/admin-lessons.e2e-spec.ts: drafts, edits with If-Match, publishing,
 * reordering, deleting) once more, with every request sent over HTTP through Prism's validating
 * proxy: the file fails when a request the API accepted or any response breaks the live OpenAPI
 * document. `npm run test:contract` does this for every e2e file.
 */
import { routeThroughContractProxy } from './support/test-harness.js';
import './admin-lessons.e2e-spec.js';

routeThroughContractProxy();
