import { createLogger, silentLogger } from '../../src/logging/logger';

// The log lines as an operator reads them: JSON, level as a word, credentials never written.

function capture(level: 'debug' | 'info' | 'warn' | 'error' = 'info', base = {}) {
  const lines: string[] = [];
  return { lines, logger: createLogger(level, base, (l) => lines.push(l)) };
}

/** The time is the one part of a line a test cannot write by hand. */
const timeless = (line: string): string =>
  line.replace(/"time":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"/, '"time":"T"');

test('a logged request shows neither its Authorization nor its x-api-key header', () => {
  const { lines, logger } = capture();
  const headers = {
    host: 'hub.example',
    authorization: 'Bearer s3cret-token',
    'x-api-key': 'csdh_live_0123456789abcdef',
  };
  logger.info('request', { req: { method: 'POST', url: '/graphql', headers } });
  logger.warn('outgoing', {
    headers: { Authorization: 'Basic dXNlcjpwYXNz', 'X-Api-Key': 'csdh_live_fedcba', accept: 'text/csv' },
    authorization: 'Bearer top-level',
    apiKey: 'csdh_live_top',
    key: 'csdh_live_key',
  });

  expect(lines.map(timeless)).toEqual([
    '{"level":"info","time":"T","req":{"method":"POST","url":"/graphql","headers":{"host":"hub.example","authorization":"[redacted]","x-api-key":"[redacted]"}},"msg":"request"}',
    '{"level":"warn","time":"T","headers":{"Authorization":"[redacted]","X-Api-Key":"[redacted]","accept":"text/csv"},"authorization":"[redacted]","apiKey":"[redacted]","key":"[redacted]","msg":"outgoing"}',
  ]);
  for (const secret of [
    's3cret',
    '0123456789abcdef',
    'dXNlcjpwYXNz',
    'fedcba',
    'top-level',
    'csdh_live_top',
    'csdh_live_key',
  ])
    expect(lines.join('\n')).not.toContain(secret);
  // Redaction works on a copy: the request itself keeps its headers.
  expect(headers.authorization).toBe('Bearer s3cret-token');
});

test('a request logged from a child logger, and the child fields themselves, are redacted too', () => {
  const { lines, logger } = capture();
  logger.child({ component: 'http', apiKey: 'csdh_live_bound' }).error('refused', {
    request: { headers: { 'x-api-key': 'csdh_live_child' } },
  });
  expect(lines.map(timeless)).toEqual([
    '{"level":"error","time":"T","component":"http","apiKey":"[redacted]","request":{"headers":{"x-api-key":"[redacted]"}},"msg":"refused"}',
  ]);
});

test('a line is one JSON object with time, level as a word, msg, the base and the fields', () => {
  const { lines, logger } = capture('info', { service: 'hub' });
  logger.info('hub listening', { url: 'http://127.0.0.1:4000', n: 3, ok: true });
  expect(lines).toHaveLength(1);
  const line = JSON.parse(lines[0]!) as Record<string, unknown>;
  expect(line).toEqual({
    level: 'info',
    time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    msg: 'hub listening',
    service: 'hub',
    url: 'http://127.0.0.1:4000',
    n: 3,
    ok: true,
  });
});

test('LOG_LEVEL drops the levels below it', () => {
  const { lines, logger } = capture('warn');
  logger.debug('d');
  logger.info('i');
  logger.warn('w');
  logger.error('e');
  expect(lines.map((l) => (JSON.parse(l) as { level: string; msg: string }).level)).toEqual(['warn', 'error']);

  const debug = capture('debug');
  debug.logger.debug('d');
  expect(JSON.parse(debug.lines[0]!)).toMatchObject({ level: 'debug', msg: 'd' });
});

test('an error logged as a field keeps its name, message and stack', () => {
  const { lines, logger } = capture();
  const err = new RangeError('month out of range');
  logger.error('run failed', { error: err, run: 7 });
  logger.error('pino style', { err: new TypeError('x is undefined') });
  const [first, second] = lines.map((l) => JSON.parse(l) as Record<string, Record<string, unknown>>);
  expect(first!.error).toMatchObject({ name: 'RangeError', message: 'month out of range', stack: err.stack });
  expect(first!.run).toBe(7);
  expect(second!.err).toMatchObject({ name: 'TypeError', message: 'x is undefined' });
  expect(String(second!.err!.stack)).toMatch(/^TypeError: x is undefined\n\s+at /);
});

test('a stream sink is given each line with its newline; the silent logger writes nothing', () => {
  const chunks: string[] = [];
  createLogger('info', {}, { write: (chunk: string) => chunks.push(chunk) }).info('to a stream');
  expect(chunks).toHaveLength(1);
  expect(chunks[0]!.endsWith('}\n')).toBe(true);
  expect(JSON.parse(chunks[0]!)).toMatchObject({ level: 'info', msg: 'to a stream' });

  const write = jest.spyOn(process.stdout, 'write');
  silentLogger.error('never', { error: new Error('x') });
  silentLogger.child({ a: 1 }).error('never');
  expect(write).not.toHaveBeenCalled();
  write.mockRestore();
});
