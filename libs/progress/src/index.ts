export { ProgressModule } from './progress.module.js';
export { ProgressHttpModule } from './progress-http.module.js';
