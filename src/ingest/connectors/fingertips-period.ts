// Fingertips "Time period" labels in the hub's period forms. Pooled periods (three years
// together) map to their last period, with a note saying what was pooled.

export interface MappedPeriod {
  period: string;
  note: string | null;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export function fingertipsPeriod(label: string): MappedPeriod | null {
  const t = label.trim();
  let m = /^(\d{4})$/.exec(t);
  if (m) return { period: t, note: null };
  m = /^(\d{4})\/(\d{2})$/.exec(t);
  if (m) return { period: t, note: null };
  m = /^(\d{4})\/(\d{2}) - (\d{2})\/(\d{2})$/.exec(t);
  if (m) return { period: `20${m[3]}/${m[4]}`, note: `${t}: financial years pooled` };
  m = /^(\d{4}) - (\d{2}|\d{4})$/.exec(t);
  if (m) {
    const end = m[2]!.length === 2 ? `${m[1]!.slice(0, 2)}${m[2]}` : m[2]!;
    return { period: end, note: `${t}: years pooled` };
  }
  m = /^(\d{4}) Q([1-4])$/.exec(t);
  if (m) return { period: `${m[1]}-Q${m[2]}`, note: null };
  m = /^([A-Za-z]{3}) (\d{4})$/.exec(t);
  if (m) {
    const month = MONTHS.indexOf(m[1]!.toLowerCase());
    if (month >= 0) return { period: `${m[2]}-${String(month + 1).padStart(2, '0')}`, note: null };
  }
  return null;
}
