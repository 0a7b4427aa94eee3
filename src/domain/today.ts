let day = { until: 0, iso: '' };

/**
 * Today's date (UTC, YYYY-MM-DD), worked out once a day rather than for every scorecard and
 * every action's overdue flag: formatting a Date was about 1% of a scorecard request's CPU.
 */
export function todayIso(now = Date.now()): string {
  if (now >= day.until || now < day.until - 86_400_000) {
    const start = now - (now % 86_400_000);
    day = { until: start + 86_400_000, iso: new Date(start).toISOString().slice(0, 10) };
  }
  return day.iso;
}
