// The dashboard: a partnership's scorecard and an SPC chart per measure, read from the hub's
// own GraphQL API. Plain DOM, no framework; text is always set with textContent.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';
const $ = (id) => document.getElementById(id);

// A field that fails (a restricted measure's series, say) leaves the rest of the answer
// usable: only a request with no data at all is an error for the whole page.
async function gql(query, variables) {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (!body.data) throw new Error((body.errors || []).map((e) => e.message).join('; ') || `HTTP ${res.status}`);
  return body.data;
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined) node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

function svg(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  return node;
}

const number = (v, digits = 1) =>
  v === null || v === undefined ? '–' : Number(v).toLocaleString('en-GB', { maximumFractionDigits: digits });
const words = (s) => (s ? s.charAt(0) + s.slice(1).toLowerCase().replace(/_/g, ' ') : '');

const SCORECARD = `query Scorecard($slug: String!) {
  partnership(slug: $slug) {
    name
    scorecard {
      plan { title periodStart periodEnd }
      priorities {
        priority { code title }
        measures { measure { code name unit polarity } latest { period value rate } changePercent variation withheld }
        actions { total done overdue }
      }
    }
  }
}`;

function seriesQuery(count) {
  const vars = Array.from({ length: count }, (_, i) => `$m${i}: String!`).join(', ');
  const fields = Array.from(
    { length: count },
    (_, i) =>
      `m${i}: series(measure: $m${i}, partnership: $slug) { points { period value } spcStart spc { mean ucl lcl variation pointVariation signals { rule direction indices } } }`,
  ).join('\n');
  return `query Charts($slug: String!${count ? `, ${vars}` : ''}) {\n${fields || '__typename'}\n}`;
}

function chart(measure, series) {
  const points = series.points.slice(series.spcStart);
  const spc = series.spc;
  const figure = el('figure', { class: 'chart', 'data-measure': measure.code });
  const caption = el('figcaption', {}, measure.name);
  figure.append(caption);
  if (points.length < 2 || spc.ucl === null) {
    figure.append(
      el(
        'p',
        { class: 'muted' },
        points.length ? 'Too few points for an SPC chart.' : 'No figures for this partnership yet.',
      ),
    );
    return figure;
  }
  const W = 480,
    H = 220,
    L = 48,
    R = 10,
    T = 12,
    B = 28;
  const values = points.map((p) => p.value);
  const lo = Math.min(...values, spc.lcl);
  const hi = Math.max(...values, spc.ucl);
  const pad = (hi - lo) * 0.05 || 1;
  const y = (v) => T + (H - T - B) * (1 - (v - (lo - pad)) / (hi + pad - (lo - pad)));
  const x = (i) => L + ((W - L - R) * i) / Math.max(points.length - 1, 1);
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img' });
  const signalled = spc.pointVariation.filter((v) => v !== 'COMMON_CAUSE').length;
  root.setAttribute(
    'aria-label',
    `${measure.name}: ${points.length} points from ${points[0].period} to ${points[points.length - 1].period}, latest ${number(values[values.length - 1])}; mean ${number(spc.mean)}, limits ${number(spc.lcl)} to ${number(spc.ucl)}; ${signalled} points with a signal; ${words(spc.variation)}.`,
  );
  for (const [cls, v, label] of [
    ['limit', spc.ucl, 'UCL'],
    ['mean', spc.mean, 'mean'],
    ['limit', spc.lcl, 'LCL'],
  ]) {
    root.append(svg('line', { class: cls, x1: L, x2: W - R, y1: y(v), y2: y(v) }));
    const t = svg('text', { class: 'axis', x: 2, y: y(v) + 4 });
    t.textContent = `${label} ${number(v, 0)}`;
    root.append(t);
  }
  root.append(svg('polyline', { class: 'path', points: values.map((v, i) => `${x(i)},${y(v)}`).join(' ') }));
  points.forEach((p, i) => {
    const variation = spc.pointVariation[i];
    const c = svg('circle', {
      class: `point ${variation}`,
      cx: x(i),
      cy: y(p.value),
      r: variation === 'COMMON_CAUSE' ? 2.5 : 4,
      'data-variation': variation,
    });
    const title = svg('title');
    title.textContent = `${p.period}: ${number(p.value)}${variation === 'COMMON_CAUSE' ? '' : ` (${words(variation)})`}`;
    c.append(title);
    root.append(c);
  });
  for (const [i, anchor] of [
    [0, 'start'],
    [points.length - 1, 'end'],
  ]) {
    const t = svg('text', { class: 'axis', x: x(i), y: H - 8, 'text-anchor': anchor });
    t.textContent = points[i].period;
    root.append(t);
  }
  figure.append(root);
  return figure;
}

function priorityBlock(p, charts, slug) {
  const block = el('section', { class: 'priority', 'aria-labelledby': `priority-${p.priority.code}` });
  block.append(el('h3', { id: `priority-${p.priority.code}` }, `${p.priority.code}. ${p.priority.title}`));
  block.append(
    el(
      'p',
      { class: 'actions' },
      `Actions: ${p.actions.total} in all, ${p.actions.done} done, ${p.actions.overdue} overdue.`,
    ),
  );
  if (!p.measures.length) {
    block.append(el('p', { class: 'muted' }, 'No measure is linked to this priority.'));
    return block;
  }
  const table = el(
    'table',
    {},
    el('caption', { class: 'muted' }, `Measures for priority ${p.priority.code}`),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...['Measure', 'Latest period', 'Value', 'Rate per 1,000', 'Change on a year earlier', 'Variation', 'Data'].map(
          (h) => el('th', { scope: 'col' }, h),
        ),
      ),
    ),
  );
  const body = el('tbody', {});
  for (const m of p.measures) {
    const csv = `/export/series.csv?measure=${encodeURIComponent(m.measure.code)}&partnership=${encodeURIComponent(slug)}`;
    body.append(
      el(
        'tr',
        {},
        el('th', { scope: 'row' }, m.measure.name),
        el('td', {}, m.latest ? m.latest.period : '–'),
        el('td', { class: 'num' }, m.withheld ? 'restricted' : m.latest ? number(m.latest.value) : '–'),
        el('td', { class: 'num' }, m.latest && m.measure.unit === 'COUNT' ? number(m.latest.rate, 2) : '–'),
        el(
          'td',
          { class: 'num' },
          m.changePercent === null ? '–' : `${m.changePercent > 0 ? '+' : ''}${number(m.changePercent)}%`,
        ),
        el('td', {}, el('span', { class: `badge ${m.variation}` }, words(m.variation))),
        el(
          'td',
          {},
          m.withheld ? '–' : el('a', { href: csv, 'aria-label': `Download ${m.measure.name} as CSV` }, 'CSV'),
        ),
      ),
    );
  }
  table.append(body);
  block.append(table);
  block.append(el('div', { class: 'charts' }, ...p.measures.map((m) => charts.get(m.measure.code)).filter(Boolean)));
  return block;
}

async function show(slug) {
  $('status').textContent = 'Loading the scorecard...';
  const data = await gql(SCORECARD, { slug });
  const card = data.partnership.scorecard;
  if (!card) {
    $('scorecard').hidden = true;
    $('status').textContent = `${data.partnership.name} has no plan in force.`;
    return;
  }
  // Restricted measures this visitor may not see are listed, withheld, and get no chart.
  const entries = card.priorities.flatMap((p) => p.measures);
  const measures = [...new Map(entries.filter((m) => !m.withheld).map((m) => [m.measure.code, m.measure])).values()];
  const withheld = new Set(entries.filter((m) => m.withheld).map((m) => m.measure.code)).size;
  const vars = { slug };
  measures.forEach((m, i) => {
    vars[`m${i}`] = m.code;
  });
  const series = await gql(seriesQuery(measures.length), vars);
  const charts = new Map(measures.flatMap((m, i) => (series[`m${i}`] ? [[m.code, chart(m, series[`m${i}`])]] : [])));
  $('plan-title').textContent = card.plan.title;
  $('plan-period').textContent = `Plan period ${card.plan.periodStart} to ${card.plan.periodEnd}.`;
  $('priorities').replaceChildren(...card.priorities.map((p) => priorityBlock(p, charts, slug)));
  $('scorecard').hidden = false;
  $('status').textContent =
    `Showing ${data.partnership.name}: ${card.priorities.length} priorities, ${measures.length} measures${withheld ? ` (${withheld} more restricted to partners)` : ''}.`;
}

async function start() {
  const { partnerships } = await gql('{ partnerships { slug name } }');
  const select = $('partnership');
  select.replaceChildren(...partnerships.map((p) => el('option', { value: p.slug }, p.name)));
  const wanted = new URLSearchParams(location.search).get('partnership');
  if (wanted && partnerships.some((p) => p.slug === wanted)) select.value = wanted;
  select.addEventListener('change', () => {
    history.replaceState(null, '', `?partnership=${encodeURIComponent(select.value)}`);
    show(select.value).catch(fail);
  });
  await show(select.value);
}

function fail(err) {
  $('status').textContent = `Something went wrong: ${err.message}`;
}

start().catch(fail);
