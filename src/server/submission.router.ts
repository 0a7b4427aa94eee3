import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { feedValue } from '../ingest/connectors/feed-value';
import { feedCsvRows } from '../ingest/connectors/partner-feed.connector';
import { parseNumber } from '../ingest/connectors/number-field';
import { CsvFormatError } from '../ingest/csv/csv-reader';
import { SourceFormatError } from '../ingest/connector';
import { ErrorCode } from '../errors/error-code';
import type { Logger } from '../logging/logger';
import type { SubmissionService, SubmittedRow } from '../services/submission.service';
import { principalOf } from './access';
import { sendCaught, sendError } from './error-response';

// POST /submissions with a CSV body and an API key. The body is read as a partner feed's CSV
// (the same columns and value markers: feed-value.ts), then given the same checks as
// submitObservations; rows are numbered by their CSV line.

async function* oneChunk(text: string): AsyncGenerator<string> {
  yield text;
}

/** A cell that is not a number, kept as NaN: the service reports it with the row's other problems. */
const numberOrNaN = (text: string): number | null => {
  const n = parseNumber(text);
  return n === 'invalid' ? Number.NaN : n;
};

async function rowsOf(text: string): Promise<SubmittedRow[]> {
  const rows: SubmittedRow[] = [];
  for await (const r of feedCsvRows(oneChunk(text), 'a submission')) {
    const cell = feedValue(r.get('value'));
    rows.push({
      row: r.line,
      measureCode: r.get('measure'),
      areaCode: r.get('area'),
      period: r.get('period'),
      // "Not available" is kept by a feed, but a submission gives a figure or marks it
      // suppressed: such a row is refused as having no value.
      suppressed: cell.kind === 'suppressed',
      value: cell.kind === 'number' ? cell.value : cell.kind === 'invalid' ? Number.NaN : null,
      numerator: numberOrNaN(r.get('numerator')),
      denominator: numberOrNaN(r.get('denominator')),
      note: r.get('note') || null,
    });
  }
  return rows;
}

/** The media types a submission is read from. */
const CSV_TYPES = ['text/csv', 'text/plain'];

export function submissionRouter(service: SubmissionService, bodyLimit: string, logger: Logger): Router {
  const router = Router();
  router.post(
    '/',
    // Who is asking comes before what was sent: without a key, even a malformed file (or one
    // in another media type or charset) gets 401.
    (req: Request, res: Response, next: NextFunction) => {
      if (!principalOf(req))
        return sendError(
          res,
          ErrorCode.UNAUTHENTICATED,
          'Submitting figures needs an API key (Authorization: Bearer <key>).',
        );
      // Anything else (JSON, a form, no Content-Type) is not read as an empty submission.
      if (!req.is(CSV_TYPES))
        return sendError(
          res,
          ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          'A submission is a CSV body: send it with Content-Type text/csv (or text/plain), in UTF-8.',
        );
      next();
    },
    // A charset it cannot decode is refused by the body parser (415, answered by the hub's HTTP
    // error handler as UNSUPPORTED_MEDIA_TYPE).
    express.text({ type: CSV_TYPES, limit: bodyLimit }),
    (req: Request, res: Response) => {
      const text = typeof req.body === 'string' ? req.body : '';
      rowsOf(text)
        .then((rows) => service.submit(principalOf(req), rows, 'submission: CSV upload'))
        .then((result) => res.status(201).json(result))
        .catch((err: unknown) => {
          if (err instanceof SourceFormatError || err instanceof CsvFormatError)
            return sendError(res, ErrorCode.BAD_USER_INPUT, err.message);
          sendCaught(res, err, logger, 'submission');
        });
    },
  );
  return router;
}
