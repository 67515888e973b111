/** MikroORM on PostgreSQL: opening a service's schema, its migrations, plain rows of its tables. */
export { migrate, openDatabase } from './orm';
export { plainRow, tableOf } from './table';
