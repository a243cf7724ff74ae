export { GamificationModule } from './gamification.module.js';
