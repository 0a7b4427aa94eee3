import { ALL_CRIME, CRIME_MEASURES, CrimeTally, crimeMeasure } from '../../src/ingest/connectors/crime-tally';

// Crime counts as both police connectors report them.

const value = (
  obs: ReturnType<CrimeTally['observations']>,
  measure: string,
  area: string,
  month: string,
): number | null | undefined =>
  obs.find((o) => o.measureCode === measure && o.areaCode === area && o.period === month)?.value;

test('each crime counts under its type and all crime; every type is reported for an area and month with crimes, zero where none', () => {
  const t = new CrimeTally();
  t.addCrime(crimeMeasure('Burglary'), 'E07000088', '2024-01');
  t.addCrime(crimeMeasure('Burglary'), 'E07000088', '2024-01');
  t.addCrime(crimeMeasure('Drugs'), 'E07000088', '2024-02');
  const obs = t.observations();
  expect(obs).toHaveLength(2 * CRIME_MEASURES.length);
  expect(value(obs, 'police.burglary', 'E07000088', '2024-01')).toBe(2);
  expect(value(obs, ALL_CRIME, 'E07000088', '2024-01')).toBe(2);
  expect(value(obs, 'police.drugs', 'E07000088', '2024-01')).toBe(0);
  expect(value(obs, ALL_CRIME, 'E07000088', '2024-02')).toBe(1);
});

test('a crime of no counted type adds to all crime only; areas given are reported even with no crimes', () => {
  const t = new CrimeTally();
  t.addCrime(null, 'E23000030', '2024-03');
  const obs = t.observations([
    { area: 'E23000030', month: '2024-03' },
    { area: 'E07000086', month: '2024-03' },
  ]);
  expect(value(obs, ALL_CRIME, 'E23000030', '2024-03')).toBe(1);
  expect(obs.filter((o) => o.areaCode === 'E23000030' && o.measureCode !== ALL_CRIME).every((o) => o.value === 0)).toBe(
    true,
  );
  expect(obs.filter((o) => o.areaCode === 'E07000086')).toHaveLength(CRIME_MEASURES.length);
  expect(value(obs, ALL_CRIME, 'E07000086', '2024-03')).toBe(0);
});
