import { figureRows, type FigureRow } from '../store/figure-rows';
import { In, type DataSource } from 'typeorm';
import { compareIntervals, rateInterval, wilson, type Interval } from '../analytics/intervals';
import { WITHHELD_NOTE, type Visibility } from '../auth/visibility';
import { AreaType, Unit } from '../domain/enums';
import { Area, AreaParent, Measure, Partnership, PartnershipArea } from '../entities';
import { badInput, notFound, withheld } from '../errors/hub-error';
import { periodArgument } from '../errors/period-argument';
import {
  ComparatorKind,
  COMPARISON_METHOD,
  Significance,
  type Comparison,
  type ComparisonRow,
} from '../graphql/types/comparison.types';
import { checkAreaCode } from './area.service';
import { POPULATION, populationByYear, rateBase, type SeriesService } from './series.service';

// A comparison reads its rows in a fixed number of statements and builds each comparator's
// figure with the series service (districts summed, periods rolled up), then adds rates and
// confidence intervals as COMPARISON_METHOD says.

const ENGLAND = 'E92000001';

interface Comparator {
  kind: ComparatorKind;
  label: string;
  area: Area | null;
  partnership: Partnership | null;
  /** The areas whose figures make this one: itself, or its districts. */
  codes: string[];
  note: string | null;
}

/** The areas a comparison is made of: districts and the areas above them that it compares with. */
const COMPARED_TYPES = [
  AreaType.DISTRICT,
  AreaType.COUNTY,
  AreaType.POLICE_FORCE_AREA,
  AreaType.FIRE_AND_RESCUE_AUTHORITY,
  AreaType.REGION,
  AreaType.COUNTRY,
];

export class ComparisonService {
  constructor(
    private readonly ds: DataSource,
    private readonly series: SeriesService,
  ) {}

  /** The comparison as the viewer may see it: FORBIDDEN if the subject is withheld, withheld comparators said so. */
  async compare(
    args: { measure: string; period: string; area?: string | null; partnership?: string | null },
    viewer: Visibility,
  ): Promise<Comparison> {
    if (Boolean(args.area) === Boolean(args.partnership))
      throw badInput('Give exactly one of "area" and "partnership".');
    const span = periodArgument(args.period, 'period');
    const m = this.ds.manager;
    const measure = await m.findOne(Measure, { where: { code: args.measure } });
    if (!measure) throw notFound('measure', 'measure');
    const [partnerships, coverage, areas, links] = await Promise.all([
      m.find(Partnership, { order: { name: 'ASC' } }),
      m.find(PartnershipArea),
      m.find(Area, { where: { type: In(COMPARED_TYPES) } }),
      // Links of those areas only: the LSOAs' and MSOAs' are four fifths of all links and no use here.
      m
        .createQueryBuilder(AreaParent, 'ap')
        .innerJoin(Area, 'child', 'child.code = ap.child_code')
        .where('child.type IN (:...types)', { types: COMPARED_TYPES })
        .getMany(),
    ]);
    const areaByCode = new Map(areas.map((a) => [a.code, a]));
    const districtsOf = (slug: string): string[] =>
      coverage
        .filter((c) => c.partnershipSlug === slug)
        .map((c) => c.areaCode)
        .sort();
    const childDistricts = (code: string): string[] =>
      links
        .filter((l) => l.parentCode === code && areaByCode.get(l.childCode)?.type === AreaType.DISTRICT)
        .map((l) => l.childCode)
        .sort();

    let subject: Comparator;
    let subjectDistricts: string[];
    if (args.area) {
      checkAreaCode(args.area, 'area');
      const area = areaByCode.get(args.area) ?? (await m.findOne(Area, { where: { code: args.area } }));
      if (!area) throw notFound('area', 'area');
      subject = {
        kind: ComparatorKind.SUBJECT,
        label: area.name,
        area,
        partnership: null,
        codes: [area.code],
        note: null,
      };
      subjectDistricts = [area.code];
    } else {
      const p = partnerships.find((x) => x.slug === args.partnership);
      if (!p) throw notFound('partnership', 'partnership');
      subjectDistricts = districtsOf(p.slug);
      subject = {
        kind: ComparatorKind.SUBJECT,
        label: p.name,
        area: null,
        partnership: p,
        codes: subjectDistricts,
        note: null,
      };
    }
    if (!viewer.seesAny(measure, subjectDistricts))
      throw withheld(measure.code, args.area ?? `partnership ${args.partnership ?? ''}`);
    const parentCodes = [
      ...new Set(links.filter((l) => subjectDistricts.includes(l.childCode)).map((l) => l.parentCode)),
      ENGLAND,
    ].filter((c) => areaByCode.has(c));
    const comparators: Comparator[] = [
      ...parentCodes.map((code) => ({
        kind: ComparatorKind.PARENT,
        label: areaByCode.get(code)!.name,
        area: areaByCode.get(code)!,
        partnership: null,
        codes: [code],
        note: null,
      })),
      // Other partnerships: not the subject, nor one that is the subject by another name (a
      // partnership of exactly the subject's districts).
      ...partnerships
        .filter((p) => p.slug !== subject.partnership?.slug && districtsOf(p.slug).join() !== subjectDistricts.join())
        .map((p) => ({
          kind: ComparatorKind.PARTNERSHIP,
          label: p.name,
          area: null,
          partnership: p,
          codes: districtsOf(p.slug),
          note: null,
        })),
    ];
    const allCodes = [
      ...new Set([...subject.codes, ...comparators.flatMap((c) => [...c.codes, ...childDistricts(c.codes[0]!)])]),
    ];
    const [stored, people] = await Promise.all([
      figureRows(this.ds, [measure.code], allCodes),
      figureRows(this.ds, [POPULATION], allCodes),
    ]);

    const rows = viewer.view(measure, stored);
    const figure = (c: Comparator): ComparisonRow => {
      let codes = c.codes;
      let note = c.note;
      const own = rows.some(
        (r) => codes.length === 1 && r.areaCode === codes[0] && r.periodStart >= span.start && r.periodEnd <= span.end,
      );
      if (c.kind === ComparatorKind.PARENT && !own && childDistricts(codes[0]!).length) {
        codes = childDistricts(codes[0]!);
        note = `the sum of its ${codes.length} districts`;
      }
      if (!viewer.seesAny(measure, codes)) {
        return {
          kind: c.kind,
          label: c.label,
          area: c.area,
          partnership: c.partnership,
          value: null,
          population: null,
          rate: null,
          lowerCi: null,
          upperCi: null,
          subjectIs: Significance.NOT_COMPARED,
          note: WITHHELD_NOTE,
        };
      }
      const population = populationByYear(people, codes);
      const core = this.series.build({
        measure,
        districts: codes,
        combine: codes.length > 1,
        rows: rows.filter((r) => codes.includes(r.areaCode)),
        population,
        frequency: span.frequency,
      });
      const point = core.points.find((p) => p.period === args.period) ?? null;
      const gap = core.gaps.find((g) => g.period === args.period);
      const row: ComparisonRow = {
        kind: c.kind,
        label: c.label,
        area: c.area,
        partnership: c.partnership,
        value: point?.value ?? null,
        population: null,
        rate: point?.rate ?? null,
        lowerCi: null,
        upperCi: null,
        subjectIs: Significance.NOT_COMPARED,
        note: point ? note : (gap?.reason ?? 'no figure for this period'),
      };
      if (!point || point.value === null) return row;
      const interval = this.interval(
        measure,
        point.value,
        point.numerator,
        point.denominator,
        codes,
        rows,
        args.period,
      );
      return {
        ...row,
        population: measure.unit === Unit.COUNT ? point.denominator : null,
        lowerCi: interval?.lower ?? null,
        upperCi: interval?.upper ?? null,
      };
    };

    const subjectRow = figure(subject);
    const interval = (r: ComparisonRow): Interval | null =>
      r.lowerCi === null || r.upperCi === null ? null : { lower: r.lowerCi, upper: r.upperCi };
    const comparatorRows = comparators.map((c) => {
      const row = figure(c);
      return { ...row, subjectIs: compareIntervals(interval(subjectRow), interval(row)) as Significance };
    });
    return {
      measure,
      period: args.period,
      frequency: span.frequency,
      method: COMPARISON_METHOD,
      subject: subjectRow,
      comparators: comparatorRows,
    };
  }

  /** Byar for counts over a population; Wilson for proportions; a single area's published interval. */
  private interval(
    measure: Measure,
    value: number,
    numerator: number | null,
    denominator: number | null,
    codes: string[],
    rows: FigureRow[],
    period: string,
  ): Interval | null {
    if (measure.unit === Unit.COUNT) return denominator ? rateInterval(value, denominator, 1000) : null;
    if (measure.unit === Unit.PERCENTAGE && numerator !== null && denominator)
      return wilson(numerator, denominator, rateBase(measure));
    if (codes.length === 1) {
      const own = rows.find((r) => r.areaCode === codes[0] && r.period === period);
      if (own && own.lowerCi !== null && own.upperCi !== null) return { lower: own.lowerCi, upper: own.upperCi };
    }
    return null;
  }
}
