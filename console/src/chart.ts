// A line chart as inline SVG: a few dozen lines instead of a chart library,
// nothing to fetch or keep up to date, and it draws the only chart the
// dashboard needs (one series over the last minutes).
const NS = 'http://www.w3.org/2000/svg';
const W = 600;
const H = 140;
const PAD = 24;

export function lineChart(title: string): { element: HTMLElement; draw(points: ReadonlyArray<{ at: number; value: number }>): void } {
  const wrap = document.createElement('div');
  wrap.className = 'chart';
  const heading = document.createElement('h2');
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', title);
  wrap.append(heading, svg);
  return {
    element: wrap,
    draw(points) {
      const last = points.at(-1)?.value ?? 0;
      heading.textContent = `${title}: ${last}`;
      svg.replaceChildren();
      const max = Math.max(1, ...points.map((p) => p.value));
      const axis = document.createElementNS(NS, 'line');
      axis.setAttribute('class', 'axis');
      axis.setAttribute('x1', String(PAD));
      axis.setAttribute('x2', String(W));
      axis.setAttribute('y1', String(H - PAD));
      axis.setAttribute('y2', String(H - PAD));
      const label = document.createElementNS(NS, 'text');
      label.setAttribute('x', '2');
      label.setAttribute('y', '12');
      label.textContent = String(max);
      svg.append(axis, label);
      if (points.length < 2) return;
      const t0 = points[0]!.at;
      const span = Math.max(1, points.at(-1)!.at - t0);
      const line = document.createElementNS(NS, 'polyline');
      line.setAttribute('points', points.map((p) => `${(PAD + ((p.at - t0) / span) * (W - PAD)).toFixed(1)},${(H - PAD - (p.value / max) * (H - 2 * PAD)).toFixed(1)}`).join(' '));
      const span2 = document.createElementNS(NS, 'text');
      span2.setAttribute('x', String(PAD));
      span2.setAttribute('y', String(H - 6));
      span2.textContent = `last ${Math.round(span / 1000)} s`;
      svg.append(line, span2);
    },
  };
}
