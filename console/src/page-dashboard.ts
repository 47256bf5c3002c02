// Live figures over the last minutes, from /api/live (server-sent events).
import { onLive, type LiveSample } from './api.js';
import { lineChart } from './chart.js';
import { fill, h } from './dom.js';

export function dashboardPage(main: HTMLElement): () => void {
  const samples: LiveSample[] = [];
  const charts = {
    connectedDevices: lineChart('Connected devices'),
    pushesPerSecond: lineChart('Pushes / s'),
    deliveriesPerSecond: lineChart('Deliveries / s'),
    acksPerSecond: lineChart('Acks / s'),
  };
  const node = h('p', { class: 'muted', id: 'node' }, 'Waiting for figures…');
  fill(main, h('h1', {}, 'Dashboard'), node, h('div', { class: 'grid', id: 'charts' }, ...Object.values(charts).map((c) => h('section', {}, c.element))));
  return onLive((sample) => {
    samples.push(sample);
    if (samples.length > 300) samples.shift();
    fill(node, `Gateway node ${sample.node}: ${sample.connectedDevices} devices on ${sample.connectedSockets} sockets`);
    for (const [key, chart] of Object.entries(charts) as Array<[keyof typeof charts, (typeof charts)[keyof typeof charts]]>) {
      chart.draw(samples.map((s) => ({ at: s.at, value: s[key] })));
    }
  });
}
