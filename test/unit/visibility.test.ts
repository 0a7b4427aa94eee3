import { isRedacted, isSmall, Visibility } from '../../src/auth/visibility';
import { MeasureAccess, Unit } from '../../src/domain/enums';

// The visibility rule by itself: who sees which rows of a measure that is not public.

const measure = (access: MeasureAccess, unit = Unit.COUNT) => ({
  code: 'partner.x',
  access,
  unit,
  ownerOrganisationId: 'owner-org',
});
const row = (areaCode: string, value: number | null, numerator: number | null = null) => ({
  areaCode,
  value,
  numerator,
  denominator: null,
  lowerCi: null,
  upperCi: null,
  suppressed: false,
  note: null,
});
const member = new Visibility('police', new Set(['E06000044', 'E01000001']), new Set(['safer-portsmouth']), 5);
const owner = new Visibility('owner-org', new Set(), new Set(), 5);
const anonymous = Visibility.anonymous(5);

test("restricted rows: only the member's areas, everything for the owner, nothing for anyone else", () => {
  const rows = [row('E06000044', 1450), row('E07000088', 300)];
  const restricted = measure(MeasureAccess.RESTRICTED);
  expect(member.view(restricted, rows).map((r) => r.areaCode)).toEqual(['E06000044']);
  expect(owner.view(restricted, rows)).toHaveLength(2);
  expect(anonymous.view(restricted, rows)).toEqual([]);
  expect(member.seesAny(restricted, ['E06000044'])).toBe(true);
  expect(member.seesAny(restricted, ['E06000044', 'E07000088'])).toBe(false);
  expect(member.seesPartnership(restricted, 'safer-portsmouth')).toBe(true);
  expect(member.seesPartnership(restricted, 'gosport')).toBe(false);
});

test('suppressed rows: counts of 4 hidden and marked, 5 shown; members see all', () => {
  const suppressed = measure(MeasureAccess.SUPPRESSED);
  const rows = [row('E07000088', 4), row('E07000088', 5), row('E07000088', 0)];
  const seen = anonymous.view(suppressed, rows);
  expect(seen.map((r) => r.value)).toEqual([null, 5, null]);
  expect(seen[0]).toMatchObject({ suppressed: true, note: 'fewer than 5: suppressed', numerator: null });
  expect(isRedacted(seen[0]!)).toBe(true);
  expect(isRedacted(seen[1]!)).toBe(false);
  expect(owner.view(suppressed, rows).map((r) => r.value)).toEqual([4, 5, 0]);
  expect(anonymous.seesAny(suppressed, ['E07000088'])).toBe(true);
});

test('a rate is small by its numerator; a rate without one is hidden rather than guessed', () => {
  const pct = { unit: Unit.PERCENTAGE };
  expect(isSmall(pct, { value: 80, numerator: 4 }, 5)).toBe(true);
  expect(isSmall(pct, { value: 80, numerator: 40 }, 5)).toBe(false);
  expect(isSmall(pct, { value: 80, numerator: null }, 5)).toBe(true);
  expect(isSmall({ unit: Unit.COUNT }, { value: null, numerator: null }, 5)).toBe(false);
});

test('public measures are untouched for everyone', () => {
  const rows = [row('E07000088', 1)];
  expect(anonymous.view(measure(MeasureAccess.PUBLIC), rows)).toEqual(rows);
});
