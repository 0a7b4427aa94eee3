import type { DataSource } from 'typeorm';
import { Partnership, type Plan } from '../entities';
import { notFound } from '../errors/hub-error';
import { findWhere } from '../store/hydrate';
import type { PlanGraph } from './plan-graph.service';

export class PartnershipService {
  constructor(private readonly ds: DataSource) {}

  list(): Promise<Partnership[]> {
    return findWhere(this.ds, Partnership, '', [], 'ORDER BY x.name ASC');
  }

  /**
   * One partnership, from the plan graph, as every dashboard query starts here; or NOT_FOUND
   * naming the argument that gave the slug.
   */
  bySlug(slug: string, graph: PlanGraph, argument = 'slug'): Partnership {
    const found = graph.partnerships.get(slug);
    if (!found) throw notFound('partnership', argument);
    return found;
  }
}

/**
 * The plan in force on a date: the one whose period contains it, preferring the latest start;
 * failing that, the most recent plan that has started.
 */
export function currentPlan(plans: readonly Plan[], today: string): Plan | null {
  const started = plans
    .filter((p) => p.periodStart <= today)
    .sort((a, b) => b.periodStart.localeCompare(a.periodStart));
  return started.find((p) => p.periodEnd >= today) ?? started[0] ?? plans[0] ?? null;
}
