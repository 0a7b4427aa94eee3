import type { DataSource } from 'typeorm';
import { AlertService } from './alert.service';
import { AreaService } from './area.service';
import { CatalogueService } from './catalogue.service';
import { ComparisonService } from './comparison.service';
import { IngestRunService } from './ingest-run.service';
import { MeasureService } from './measure.service';
import { PartnershipService } from './partnership.service';
import { PlanGraphService } from './plan-graph.service';
import { ScorecardService } from './scorecard.service';
import { SeriesService } from './series.service';
import { SubmissionService } from './submission.service';
import { ThemeService } from './theme.service';
import type { FiguresChanged } from '../ingest/figures-changed';
import type { Logger } from '../logging/logger';

/** The services, built once per server: they share the store, and hold no state but the plan graph's copy. */
export function createServices(ds: DataSource, figuresChanged: FiguresChanged, logger: Logger) {
  const series = new SeriesService(ds);
  return {
    planGraph: new PlanGraphService(ds),
    partnerships: new PartnershipService(ds),
    areas: new AreaService(ds),
    measures: new MeasureService(ds),
    themes: new ThemeService(ds),
    catalogue: new CatalogueService(ds),
    ingestRuns: new IngestRunService(ds),
    series,
    scorecards: new ScorecardService(ds, series),
    alerts: new AlertService(ds, series),
    comparisons: new ComparisonService(ds, series),
    submissions: new SubmissionService(ds, figuresChanged, logger),
  };
}

export type Services = ReturnType<typeof createServices>;
