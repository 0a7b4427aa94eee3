import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger as TypeOrmLogger } from 'typeorm';
import type { Logger } from '../logging/logger';

// Counts the SQL statements run on behalf of one request. The request handler opens a scope;
// TypeORM calls logQuery synchronously inside the caller's async context, so the count lands
// in the right request even when requests interleave.

interface Counter {
  statements: number;
}

const scope = new AsyncLocalStorage<Counter>();

/** Statements recorded while a recording is open (benchmarks replay them against the store). */
export interface RecordedStatement {
  query: string;
  parameters: unknown[];
}

let recording: RecordedStatement[] | null = null;

/** Records every statement any request runs until `stop` is called. For one request at a time. */
export function recordStatements(): { statements: RecordedStatement[]; stop: () => void } {
  const statements: RecordedStatement[] = [];
  recording = statements;
  return {
    statements,
    stop: () => {
      recording = null;
    },
  };
}

export function currentStatementCount(): number | undefined {
  return scope.getStore()?.statements;
}

export class CountingTypeOrmLogger implements TypeOrmLogger {
  constructor(private readonly hubLog: Logger) {}

  logQuery(query: string, parameters?: unknown[] | Record<string, unknown>): void {
    if (recording) recording.push({ query, parameters: Array.isArray(parameters) ? parameters : [] });
    const counter = scope.getStore();
    if (counter) counter.statements += 1;
    this.hubLog.debug('sql', { query });
  }

  logQueryError(error: string | Error, query: string): void {
    this.hubLog.warn('sql error', { error: error instanceof Error ? error.message : error, query });
  }

  logQuerySlow(time: number, query: string): void {
    this.hubLog.warn('slow sql', { ms: time, query });
  }

  logSchemaBuild(message: string): void {
    this.hubLog.debug('schema', { message });
  }

  logMigration(message: string): void {
    this.hubLog.info('migration', { message });
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.hubLog.warn('typeorm', { message });
    else this.hubLog.debug('typeorm', { message });
  }
}

/** Runs the rest of a request inside its own statement scope (Express middleware). */
export function statementScopeMiddleware(_req: unknown, _res: unknown, next: () => void): void {
  scope.run({ statements: 0 }, next);
}
