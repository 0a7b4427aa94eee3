/** The same period a year earlier: 2022-03 -> 2021-03, 2022-Q1 -> 2021-Q1, 2022/23 -> 2021/22, 2022 -> 2021. */
export function yearEarlier(period: string): string {
  let m = /^(\d{4})(-.*)$/.exec(period);
  if (m) return `${Number(m[1]) - 1}${m[2]}`;
  m = /^(\d{4})\/(\d{2})$/.exec(period);
  if (m) return `${Number(m[1]) - 1}/${String((Number(m[2]) + 99) % 100).padStart(2, '0')}`;
  return String(Number(period) - 1);
}

export function changePercent(latest: number | null, earlier: number | null): number | null {
  if (latest === null || earlier === null || earlier === 0) return null;
  return ((latest - earlier) / earlier) * 100;
}
