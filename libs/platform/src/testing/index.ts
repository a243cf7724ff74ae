export {
  assertTestDatabaseName,
  createDatabaseFromTemplate,
  ensureMigratedTemplate,
  migrate,
  databaseUrlFor,
  dropDatabase,
  dropDatabasesWithPrefix,
} from './test-database.js';
