export { AiModule } from './ai.module.js';
export { AiHttpModule } from './ai-http.module.js';
export { AiWorkerModule } from './ai-worker.module.js';
export { HINT_SERVED_EVENT, type HintServedPayload } from './application/served-hint-recorder.js';
