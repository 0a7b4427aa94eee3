// Which community safety partnership area (an ONS E22 or W14 code) a hub partnership is: the
// one whose districts are exactly the partnership's own. The plan files name districts, as
// the partnerships' documents do; the tie to the ONS area follows from them, so a partnership
// covering part of an area, or districts of two, is tied to none rather than to a near miss.

/** The area whose districts equal `districts`, or null when no area's do. */
export function matchingPartnershipArea(
  districts: readonly string[],
  candidates: ReadonlyMap<string, readonly string[]>,
): string | null {
  if (districts.length === 0) return null;
  const own = new Set(districts);
  for (const [area, theirs] of [...candidates].sort(([a], [b]) => a.localeCompare(b))) {
    if (theirs.length === own.size && theirs.every((d) => own.has(d))) return area;
  }
  return null;
}
