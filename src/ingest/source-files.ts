import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { RunFailure, type SourceText } from './connector';

// The files of one delivery, each as text: a single file (plain or .gz), a folder of them
// (searched below, as an archive unpacked), or a zip archive such as data.police.uk's monthly
// download (YYYY-MM/YYYY-MM-<force>-street.csv for every force). A zip is read in place, one
// entry at a time from the central directory, and never unpacked to disk; a .gz is inflated
// as it is read. Files are given in name order, so a run reads them the same way every time.
// Every failure names the file by its name, never its path on this server (the run's record
// is public: src/ingest/run-error.ts).

/** Which files of a folder or archive to read, by file name (the last part of the path). */
export type FileFilter = (name: string) => boolean;

const isZip = (path: string): boolean => /\.zip$/i.test(path);
const isGzip = (path: string): boolean => /\.gz$/i.test(path);
/** A name without its .gz, as the file inside it is called. */
export const withoutGz = (name: string): string => name.replace(/\.gz$/i, '');

const cannotRead = (name: string, err: unknown): RunFailure =>
  new RunFailure(`${name} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);

/** Text from a byte stream, failing with `failure` (never the stream's own message) part-way. */
async function* utf8(stream: Readable, failure: (err: unknown) => Error): AsyncGenerator<string> {
  stream.setEncoding('utf8');
  const chunks = stream[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<string>;
    try {
      next = (await chunks.next()) as IteratorResult<string>;
    } catch (err) {
      throw failure(err);
    }
    if (next.done) return;
    yield next.value;
  }
}

/** One file on disk, inflated if it ends .gz. */
function plainOrGzip(path: string): SourceText {
  const name = basename(path);
  const raw = createReadStream(path, { highWaterMark: 1 << 18 });
  if (!isGzip(path)) return { name, chunks: utf8(raw, (err) => cannotRead(name, err)) };
  const gunzip = createGunzip();
  raw.on('error', (err) => gunzip.destroy(err));
  raw.pipe(gunzip);
  return {
    name: withoutGz(name),
    chunks: utf8(gunzip, (err) =>
      (err as NodeJS.ErrnoException).code?.startsWith('Z_')
        ? new RunFailure(`${name} is not a whole gzip file: it cannot be inflated`)
        : cannotRead(name, err),
    ),
  };
}

/** Every file below a folder whose name passes, in path order. */
async function filesBelow(folder: string, wanted: FileFilter): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch((err: unknown) => {
      throw cannotRead(basename(dir), err);
    });
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, e.name);
      if (e.isDirectory()) await walk(path);
      else if (e.isFile() && wanted(withoutGz(e.name))) found.push(path);
    }
  };
  await walk(folder);
  return found;
}

const openZip = (path: string): Promise<ZipFile> =>
  new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false, strictFileNames: false }, (err, zip) =>
      err ? reject(err) : resolve(zip),
    ),
  );

/** The entries of a zip, from its central directory, without reading their contents. */
const zipEntries = (zip: ZipFile): Promise<Entry[]> =>
  new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on('entry', (e: Entry) => {
      entries.push(e);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', reject);
    zip.readEntry();
  });

const openEntry = (zip: ZipFile, entry: Entry): Promise<Readable> =>
  new Promise((resolve, reject) => zip.openReadStream(entry, (err, stream) => (err ? reject(err) : resolve(stream))));

/** The wanted entries of a zip archive, each streamed from the archive as it is read. */
async function* zipFiles(path: string, wanted: FileFilter): AsyncGenerator<SourceText> {
  const archive = basename(path);
  const notZip = (): RunFailure => new RunFailure(`${archive} is not a readable zip archive`);
  let zip: ZipFile;
  try {
    zip = await openZip(path);
  } catch (err) {
    throw (err as NodeJS.ErrnoException).code ? cannotRead(archive, err) : notZip();
  }
  try {
    const entries = await zipEntries(zip).catch(() => {
      throw notZip();
    });
    const files = entries
      .filter((e) => !e.fileName.endsWith('/') && wanted(withoutGz(basename(e.fileName))))
      .sort((a, b) => a.fileName.localeCompare(b.fileName));
    for (const entry of files) {
      const name = basename(entry.fileName);
      const broken = (): RunFailure => new RunFailure(`${name} in ${archive} cannot be read: the archive is damaged`);
      const stream = await openEntry(zip, entry).catch(() => {
        throw broken();
      });
      let chunks: AsyncGenerator<string>;
      if (isGzip(name)) {
        const gunzip = createGunzip();
        stream.on('error', (err) => gunzip.destroy(err));
        stream.pipe(gunzip);
        chunks = utf8(gunzip, broken);
      } else {
        chunks = utf8(stream, broken);
      }
      yield { name: withoutGz(name), chunks };
    }
  } finally {
    zip.close();
  }
}

/** Given files of one delivery (a folder's files of one month), in the order given. */
export async function* givenFiles(paths: readonly string[]): AsyncGenerator<SourceText> {
  for (const path of paths) {
    await stat(path).catch((err: unknown) => {
      throw cannotRead(basename(path), err);
    });
    yield plainOrGzip(path);
  }
}

/** Every file below a folder (in subfolders too) that `wanted` takes by its name without .gz. */
export const filesInFolder = (folder: string, wanted: FileFilter): Promise<string[]> => filesBelow(folder, wanted);

/**
 * The files of a delivery at `path`: the file itself (inflated if .gz), every wanted file below
 * a folder, or every wanted entry of a .zip. A folder or archive with none is a failed delivery.
 */
export async function* sourceFiles(path: string, wanted: FileFilter): AsyncGenerator<SourceText> {
  const info = await stat(path).catch((err: unknown) => {
    throw cannotRead(basename(path), err);
  });
  let count = 0;
  if (info.isDirectory()) {
    for (const file of await filesBelow(path, wanted)) {
      count += 1;
      yield plainOrGzip(file);
    }
  } else if (isZip(path)) {
    for await (const file of zipFiles(path, wanted)) {
      count += 1;
      yield file;
    }
  } else {
    yield plainOrGzip(path);
    return;
  }
  if (count === 0) throw new RunFailure(`${basename(path)} holds no file this source reads`);
}
