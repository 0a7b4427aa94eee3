import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { IsNull, type DataSource } from 'typeorm';
import { ApiKey, Organisation } from '../entities';

// API keys: "csh_" + an 8-character prefix + "_" + 32 random characters + "@" + the HUB_ID of
// the hub that issued it. The hub keeps the prefix (to find the key) and the SHA-256 of the
// whole key; the key itself is shown once. The hub name lets a federation gateway send a key
// only to the hub that issued it, never to the other councils' hubs.
// A high-entropy random key needs no slow hash: nobody can guess one from its hash.

const FORMAT = /^csh_([A-Za-z0-9]{8})_([A-Za-z0-9_-]{32})@([_A-Za-z][_0-9A-Za-z]*)$/;

/** The hub that issued a key, or null if the string is not a key. */
export const issuingHub = (presented: string): string | null => FORMAT.exec(presented.trim())?.[3] ?? null;

export const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex');

const random = (bytes: number, length: number): string =>
  randomBytes(bytes)
    .toString('base64url')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, length);

export class KeyError extends Error {}

export async function createKey(
  ds: DataSource,
  organisationId: string,
  label: string,
  hubId: string,
): Promise<{ key: string; record: ApiKey }> {
  const organisation = await ds.manager.findOne(Organisation, { where: { id: organisationId } });
  if (!organisation) throw new KeyError(`no organisation "${organisationId}"`);
  let prefix = random(12, 8);
  while (prefix.length < 8 || (await ds.manager.count(ApiKey, { where: { prefix } }))) prefix = random(12, 8);
  const key = `csh_${prefix}_${randomBytes(24).toString('base64url').slice(0, 32)}@${hubId}`;
  const record = await ds.manager.save(
    ApiKey,
    ds.manager.create(ApiKey, {
      organisationId,
      prefix,
      hash: hashKey(key),
      label,
      createdAt: new Date(),
      revokedAt: null,
    }),
  );
  return { key, record };
}

export async function revokeKey(ds: DataSource, prefix: string): Promise<ApiKey> {
  const key = await ds.manager.findOne(ApiKey, { where: { prefix } });
  if (!key) throw new KeyError(`no key with prefix "${prefix}"`);
  if (!key.revokedAt) {
    key.revokedAt = new Date();
    await ds.manager.save(ApiKey, key);
  }
  return key;
}

export function listKeys(ds: DataSource, organisationId?: string): Promise<ApiKey[]> {
  return ds.manager.find(ApiKey, {
    where: organisationId ? { organisationId } : {},
    order: { createdAt: 'ASC', id: 'ASC' },
  });
}

/** The live key a presented string is, or null (malformed, another hub's, unknown, wrong secret, revoked). */
export async function authenticate(ds: DataSource, presented: string, hubId: string): Promise<ApiKey | null> {
  const m = FORMAT.exec(presented.trim());
  if (!m || m[3] !== hubId) return null;
  const key = await ds.manager.findOne(ApiKey, { where: { prefix: m[1] as string, revokedAt: IsNull() } });
  if (!key) return null;
  const a = Buffer.from(key.hash, 'hex');
  const b = Buffer.from(hashKey(presented.trim()), 'hex');
  return a.length === b.length && timingSafeEqual(a, b) ? key : null;
}
