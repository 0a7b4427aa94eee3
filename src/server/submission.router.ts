import express, { Router, type Request, type Response } from 'express';
import { GraphQLError } from 'graphql';
import { readCsvText } from '../../jobs/csv/csv-reader';
import { headerMap } from '../../jobs/connectors/header-map';
import { parseNumber } from '../../jobs/connectors/number-field';
import { SourceFormatError } from '../../jobs/ingest/connector';
import { ErrorCode } from '../errors/error-code';
import type { Logger } from '../logging/logger';
import type { SubmissionService, SubmittedRow } from '../services/submission.service';
import { principalOf } from './access';

// POST /submissions with a CSV body (the partner feed's columns: measure, area, period, value,
// and optionally numerator, denominator, note; "*" or "[c]" for a suppressed value) and an API
// key. The same checks as submitObservations; rows are numbered by their CSV line.

const STATUS: Partial<Record<string, number>> = { [ErrorCode.UNAUTHENTICATED]: 401, [ErrorCode.FORBIDDEN]: 403, [ErrorCode.BAD_USER_INPUT]: 400 };

async function rowsOf(text: string): Promise<SubmittedRow[]> {
  const rows: SubmittedRow[] = [];
  let get: ((fields: string[], name: string) => string) | null = null;
  for await (const rec of readCsvText(text)) {
    if (!get) {
      get = headerMap(rec.fields, ['measure', 'area', 'period', 'value'], 'a submission');
      continue;
    }
    if (rec.fields.length === 1 && rec.fields[0] === '') continue;
    const g = (name: string): string => (get as (f: string[], n: string) => string)(rec.fields, name);
    const raw = g('value');
    const suppressed = ['*', '[c]', 'c'].includes(raw.toLowerCase());
    const value = suppressed ? null : parseNumber(raw);
    const num = parseNumber(g('numerator'));
    const den = parseNumber(g('denominator'));
    rows.push({
      row: rec.line, measureCode: g('measure'), areaCode: g('area'), period: g('period'), suppressed,
      value: value === 'invalid' ? Number.NaN : value, numerator: num === 'invalid' ? Number.NaN : num, denominator: den === 'invalid' ? Number.NaN : den, note: g('note') || null,
    });
  }
  return rows;
}

export function submissionRouter(service: SubmissionService, bodyLimit: string, logger: Logger): Router {
  const router = Router();
  router.post('/', express.text({ type: ['text/csv', 'text/plain'], limit: bodyLimit }), (req: Request, res: Response) => {
    const text = typeof req.body === 'string' ? req.body : '';
    rowsOf(text)
      .then((rows) => service.submit(principalOf(req), rows, 'submission: CSV upload'))
      .then((result) => res.status(201).json(result))
      .catch((err: unknown) => {
        if (err instanceof SourceFormatError) return void res.status(400).json({ errors: [{ message: err.message, extensions: { code: ErrorCode.BAD_USER_INPUT } }] });
        if (err instanceof GraphQLError && typeof err.extensions.code === 'string' && STATUS[err.extensions.code]) {
          return void res.status(STATUS[err.extensions.code] as number).json({ errors: [{ message: err.message, extensions: err.extensions }] });
        }
        logger.error('submission failed', { error: err });
        res.status(500).json({ errors: [{ message: 'Internal server error.', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }] });
      });
  });
  return router;
}
