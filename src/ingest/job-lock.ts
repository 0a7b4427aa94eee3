import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { DataSource } from 'typeorm';
import { JobLock } from '../entities';
import { isDuplicateKey } from '../store/duplicate-key';

// A lease per job in the store itself, so it works the same on SQLite and PostgreSQL and
// across machines. A lease ends when released or when it expires; a lease whose holder was a
// process on this host that no longer exists (killed mid-run) can be taken over at once.

/** A holder id: host and pid (so a dead holder can be recognised) and a token per lease. */
export const newOwner = (): string => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

function holderIsDeadHere(owner: string): boolean {
  const [host, pid] = owner.split(':');
  if (host !== hostname() || !pid || Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export interface Lease {
  jobId: string;
  owner: string;
  /** The holder the lease was taken over from, when it had died or expired. */
  tookOverFrom: string | null;
}

/**
 * Takes the lease on a job for `ttlMs`, or returns null if another live holder has it. Any other
 * failure is thrown (StoreBusyError when the store stayed busy with another write).
 */
export async function acquireJobLock(
  ds: DataSource,
  jobId: string,
  ttlMs: number,
  owner = newOwner(),
): Promise<Lease | null> {
  const now = new Date();
  const expiresAt = new Date(now.getTime() + ttlMs);
  const current = await ds.manager.findOne(JobLock, { where: { jobId } });
  if (!current) {
    try {
      await ds.manager.insert(JobLock, { jobId, owner, acquiredAt: now, expiresAt });
      return { jobId, owner, tookOverFrom: null };
    } catch (err) {
      // Only a duplicate key means another process inserted it first. Anything else (the store
      // busy with another write, a broken store) is the run's real cause and is thrown: it was
      // once taken for "another process is running this job" and the job skipped.
      if (isDuplicateKey(err)) return null;
      throw err;
    }
  }
  if (current.owner !== owner && current.expiresAt > now && !holderIsDeadHere(current.owner)) return null;
  const taken = await ds.manager.update(
    JobLock,
    { jobId, owner: current.owner },
    { owner, acquiredAt: now, expiresAt },
  );
  if (taken.affected !== 1) return null;
  return { jobId, owner, tookOverFrom: current.owner === owner ? null : current.owner };
}

export async function releaseJobLock(ds: DataSource, lease: Lease): Promise<void> {
  await ds.manager.delete(JobLock, { jobId: lease.jobId, owner: lease.owner });
}
