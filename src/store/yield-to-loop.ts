// better-sqlite3 runs statements synchronously and TypeORM's awaits around them resolve at
// once, so a long run of statements never lets the event loop serve a request. Awaiting this
// between chunks of work does (setImmediate runs after pending I/O callbacks).

export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
