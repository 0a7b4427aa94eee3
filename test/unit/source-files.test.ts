import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ZipFile } from 'yazl';
import { RunFailure } from '../../src/ingest/connector';
import { sourceFiles } from '../../src/ingest/source-files';

// A delivery's files as the police-street connector is given them: a zip in data.police.uk's
// layout, a folder of the same unpacked, a .csv.gz, a single .csv. The zips are written here
// with yazl (another library than the reader's), the .gz with zlib.

const STREET = /^\d{4}-\d{2}-[a-z-]+-street\.csv$/;
const wanted = (name: string): boolean => STREET.test(name);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'source-files-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HAMPSHIRE = 'Crime ID,Month\nabc,2022-02\n';
const GLOUCESTER = 'Crime ID,Month\ndef,2022-02\nghi,2022-02\n';
// Long enough to span many reads of the archive, with a character of more than one byte.
const BIG = `Crime ID,Month\n${'Ynys Môn,2022-02\n'.repeat(50_000)}`;

async function zip(name: string, entries: Array<[string, string | Buffer]>): Promise<string> {
  const z = new ZipFile();
  for (const [path, body] of entries) z.addBuffer(Buffer.isBuffer(body) ? body : Buffer.from(body), path);
  z.end();
  const path = join(dir, name);
  await new Promise<void>((resolve, reject) => {
    z.outputStream.pipe(createWriteStream(path)).on('close', resolve).on('error', reject);
  });
  return path;
}

async function read(path: string): Promise<Array<[string, string]>> {
  const out: Array<[string, string]> = [];
  for await (const file of sourceFiles(path, wanted)) {
    let text = '';
    for await (const chunk of file.chunks) text += chunk;
    out.push([file.name, text]);
  }
  return out;
}

test('a zip in the monthly archive layout: the street files in name order, anything else passed over', async () => {
  const path = await zip('2022-02.zip', [
    ['2022-02/2022-02-hampshire-street.csv', HAMPSHIRE],
    ['2022-02/2022-02-hampshire-outcomes.csv', 'not read'],
    ['2022-02/2022-02-gloucestershire-street.csv', GLOUCESTER],
    ['2022-02/2022-02-north-wales-street.csv.gz', gzipSync(BIG)],
    ['README.txt', 'not read'],
  ]);
  expect(await read(path)).toEqual([
    ['2022-02-gloucestershire-street.csv', GLOUCESTER],
    ['2022-02-hampshire-street.csv', HAMPSHIRE],
    ['2022-02-north-wales-street.csv', BIG],
  ]);
});

test('a folder (the archive unpacked, one month a folder), a .csv.gz and a single file', async () => {
  const folder = join(dir, 'unpacked');
  mkdirSync(join(folder, '2022-03'), { recursive: true });
  mkdirSync(join(folder, '2022-02'), { recursive: true });
  writeFileSync(join(folder, '2022-03', '2022-03-hampshire-street.csv'), HAMPSHIRE.replace('2022-02', '2022-03'));
  writeFileSync(join(folder, '2022-02', '2022-02-hampshire-street.csv.gz'), gzipSync(HAMPSHIRE));
  writeFileSync(join(folder, '2022-02', 'notes.csv'), 'not read');
  expect(await read(folder)).toEqual([
    ['2022-02-hampshire-street.csv', HAMPSHIRE],
    ['2022-03-hampshire-street.csv', HAMPSHIRE.replace('2022-02', '2022-03')],
  ]);
  expect(await read(join(folder, '2022-02', '2022-02-hampshire-street.csv.gz'))).toEqual([
    ['2022-02-hampshire-street.csv', HAMPSHIRE],
  ]);
  const single = join(dir, 'any-name.csv');
  writeFileSync(single, GLOUCESTER);
  expect(await read(single)).toEqual([['any-name.csv', GLOUCESTER]]);
});

test('what cannot be read fails the run, naming the file and never the path', async () => {
  const failure = async (path: string): Promise<string> => {
    try {
      await read(path);
    } catch (err) {
      expect(err).toBeInstanceOf(RunFailure);
      const message = (err as Error).message;
      expect(message).not.toContain(dir);
      return message;
    }
    throw new Error('read did not fail');
  };
  const notZip = join(dir, 'bad.zip');
  writeFileSync(notZip, 'PK but not a zip at all');
  expect(await failure(notZip)).toBe('bad.zip is not a readable zip archive');

  const gz = gzipSync(BIG);
  const truncated = join(dir, '2022-02-kent-street.csv.gz');
  writeFileSync(truncated, gz.subarray(0, gz.length >> 1));
  expect(await failure(truncated)).toBe('2022-02-kent-street.csv.gz is not a whole gzip file: it cannot be inflated');

  const empty = await zip('empty.zip', [['README.txt', 'nothing here']]);
  expect(await failure(empty)).toBe('empty.zip holds no file this source reads');
  expect(await failure(join(dir, 'missing.zip'))).toBe('missing.zip cannot be read (ENOENT)');

  // An archive whose entry is cut short: the central directory is whole, the data is not.
  // Text that does not compress to nothing, so the entry's data is long enough to damage.
  const varied = gzipSync(Array.from({ length: 20_000 }, (_, i) => `${(i * 7919) % 100_003},2022-02`).join('\n'));
  const whole = readFileSync(await zip('whole.zip', [['2022-02/2022-02-kent-street.csv.gz', varied]]));
  expect(whole.length).toBeGreaterThan(20_000);
  const damaged = Buffer.from(whole);
  damaged.fill(0, 5_000, 6_000); // inside the entry's compressed data
  const damagedPath = join(dir, 'damaged.zip');
  writeFileSync(damagedPath, damaged);
  expect(await failure(damagedPath)).toBe(
    '2022-02-kent-street.csv.gz in damaged.zip cannot be read: the archive is damaged',
  );
});
