import { Initial1795281263345 } from './1795281263345-Initial';
import { JobLock1795282055640 } from './1795282055640-JobLock';
import { Alerts1795284495789 } from './1795284495789-Alerts';
import { ApiKeys1795286451617 } from './1795286451617-ApiKeys';
import { MeasureOwner1795286703522 } from './1795286703522-MeasureOwner';
import { MeasureAccess1795289071796 } from './1795289071796-MeasureAccess';
import { MeasureSummary1795290949768 } from './1795290949768-MeasureSummary';
import { ReferenceVersion1795297838018 } from './1795297838018-ReferenceVersion';
import { DocumentLocation1795967958893 } from './1795967958893-DocumentLocation';
import { SourceNames1795968000000 } from './1795968000000-SourceNames';
import { RunForced1795970712418 } from './1795970712418-RunForced';
import { FigureSources1796336112730 } from './1796336112730-FigureSources';
import { RunErrorDetail1796358475170 } from './1796358475170-RunErrorDetail';
import { Geography1796358595809 } from './1796358595809-Geography';
import { ReferenceProvenance1796359142408 } from './1796359142408-ReferenceProvenance';
import { RunNotes1796359146854 } from './1796359146854-RunNotes';

// Every migration, in order. Listed by class (not by glob) so the same list works from
// TypeScript under ts-jest and from compiled JavaScript.
export const MIGRATIONS: Function[] = [Initial1795281263345, JobLock1795282055640, Alerts1795284495789, ApiKeys1795286451617, MeasureOwner1795286703522, MeasureAccess1795289071796, MeasureSummary1795290949768, ReferenceVersion1795297838018, DocumentLocation1795967958893, SourceNames1795968000000, RunForced1795970712418, FigureSources1796336112730, RunErrorDetail1796358475170, Geography1796358595809, ReferenceProvenance1796359142408, RunNotes1796359146854];
