// Polygons for the crimes-street?poly= parameter: points as [lat, lng]. When the API answers
// 503 (more than 10,000 crimes), the polygon is split into the four quarters of its bounding
// box, each clipped to the polygon (Sutherland-Hodgman against an axis-aligned rectangle).

export type Point = [number, number];
export type Polygon = Point[];

/** "lat,lng:lat,lng:..." with 6 decimals, as the API expects. */
export function polyParam(poly: Polygon): string {
  return poly.map(([lat, lng]) => `${lat.toFixed(6)},${lng.toFixed(6)}`).join(':');
}

interface Box {
  minLat: number;
  maxLat: number;
  minLng: number;
  maxLng: number;
}

export function boundingBox(poly: Polygon): Box {
  const lats = poly.map((p) => p[0]);
  const lngs = poly.map((p) => p[1]);
  return { minLat: Math.min(...lats), maxLat: Math.max(...lats), minLng: Math.min(...lngs), maxLng: Math.max(...lngs) };
}

type Edge = { inside: (p: Point) => boolean; cross: (a: Point, b: Point) => Point };

function edges(b: Box): Edge[] {
  const atLat =
    (lat: number) =>
    (a: Point, c: Point): Point => [lat, a[1] + ((c[1] - a[1]) * (lat - a[0])) / (c[0] - a[0])];
  const atLng =
    (lng: number) =>
    (a: Point, c: Point): Point => [a[0] + ((c[0] - a[0]) * (lng - a[1])) / (c[1] - a[1]), lng];
  return [
    { inside: (p) => p[0] >= b.minLat, cross: atLat(b.minLat) },
    { inside: (p) => p[0] <= b.maxLat, cross: atLat(b.maxLat) },
    { inside: (p) => p[1] >= b.minLng, cross: atLng(b.minLng) },
    { inside: (p) => p[1] <= b.maxLng, cross: atLng(b.maxLng) },
  ];
}

export function clipToBox(poly: Polygon, box: Box): Polygon {
  let out = poly;
  for (const edge of edges(box)) {
    const input = out;
    out = [];
    for (let i = 0; i < input.length; i += 1) {
      const cur = input[i] as Point;
      const prev = input[(i + input.length - 1) % input.length] as Point;
      if (edge.inside(cur)) {
        if (!edge.inside(prev)) out.push(edge.cross(prev, cur));
        out.push(cur);
      } else if (edge.inside(prev)) {
        out.push(edge.cross(prev, cur));
      }
    }
    if (out.length === 0) return [];
  }
  return out;
}

/** The polygon's four quarters (empty ones dropped). */
export function quarters(poly: Polygon): Polygon[] {
  const b = boundingBox(poly);
  const midLat = (b.minLat + b.maxLat) / 2;
  const midLng = (b.minLng + b.maxLng) / 2;
  const boxes: Box[] = [
    { minLat: b.minLat, maxLat: midLat, minLng: b.minLng, maxLng: midLng },
    { minLat: b.minLat, maxLat: midLat, minLng: midLng, maxLng: b.maxLng },
    { minLat: midLat, maxLat: b.maxLat, minLng: b.minLng, maxLng: midLng },
    { minLat: midLat, maxLat: b.maxLat, minLng: midLng, maxLng: b.maxLng },
  ];
  return boxes.map((box) => clipToBox(poly, box)).filter((p) => p.length >= 3);
}

/** Ray casting: is the point inside the polygon? (Used by tests' fake API and for checks.) */
export function contains(poly: Polygon, [lat, lng]: Point): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i, i += 1) {
    const [yi, xi] = poly[i] as Point;
    const [yj, xj] = poly[j] as Point;
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
