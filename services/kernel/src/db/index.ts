/** MikroORM on PostgreSQL: opening a service's schema, its migrations, plain rows of its tables, a command's one transaction. */
export { migrate, openDatabase, requireDatabase } from './orm';
export { plainRow, plainRows, tableOf } from './table';
export { changeAggregate, createAggregate, type Aggregate, type CommandContext, type CommandWork } from './command';
