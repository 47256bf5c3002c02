// History (filter by app, type, time) and one push's detail: its funnel by
// channel, refreshed as live figures arrive, and a trace lookup by token.
import { api, onLive, type AppInfo, type Counters, type PushSummary, type TraceStep } from './api.js';
import { appPicker } from './page-apps.js';
import { field, fill, h, time } from './dom.js';

export async function historyPage(main: HTMLElement, accessId: string | undefined): Promise<void> {
  const { apps } = await api<{ apps: AppInfo[] }>('GET', '/api/apps');
  if (apps.length === 0) return fill(main, h('h1', {}, 'History'), h('p', {}, 'Create an app first.'));
  let app = accessId ?? apps[0]!.accessId;
  const table = h('div', { id: 'history' });
  const filters = h('form', { class: 'card row', id: 'history-filters' },
    h('div', {}, h('label', { for: 'app' }, 'App'), appPicker(apps, app, (id) => { app = id; void load(); })),
    h('div', {}, h('label', { for: 'mt' }, 'Type'), h('select', { id: 'mt', name: 'message_type' }, h('option', { value: '' }, 'all'), h('option', { value: 'notify' }, 'notification'), h('option', { value: 'message' }, 'in-app message'))),
    h('div', {}, h('label', { for: 'at' }, 'Audience'), h('select', { id: 'at', name: 'audience_type' }, ...['', 'all', 'tag', 'token', 'token_list', 'account', 'account_list'].map((v) => h('option', { value: v }, v || 'any')))),
    h('div', {}, h('label', { for: 'from' }, 'From'), h('input', { id: 'from', name: 'from', type: 'date' })),
    h('div', {}, h('label', { for: 'to' }, 'To'), h('input', { id: 'to', name: 'to', type: 'date' })),
  );
  filters.addEventListener('change', () => void load());
  async function load() {
    const q = new URLSearchParams();
    for (const name of ['message_type', 'audience_type', 'from']) if (field(filters, name)) q.set(name, field(filters, name));
    if (field(filters, 'to')) q.set('to', String(Date.parse(field(filters, 'to')) + 86_400_000));
    const { pushes } = await api<{ pushes: PushSummary[] }>('GET', `/api/apps/${app}/pushes?${q}`);
    fill(table, pushes.length === 0 ? h('p', { class: 'muted' }, 'No pushes in this window.') : h('table', {},
      h('thead', {}, h('tr', {}, ...['Push', 'Sent', 'Audience', 'Type', 'Title', 'Targets', 'Arrived', 'Clicked'].map((t) => h('th', {}, t)))),
      h('tbody', {}, ...pushes.map((p) => h('tr', {},
        h('td', {}, h('a', { href: `#/push/${app}/${p.pushId}` }, p.pushId)), h('td', {}, time(p.createdAt)), h('td', {}, p.audienceType), h('td', {}, p.messageType),
        h('td', {}, p.title), h('td', {}, p.counters.targets), h('td', {}, p.counters.arrived), h('td', {}, p.counters.clicked),
      ))),
    ));
  }
  fill(main, h('h1', {}, 'Push history'), filters, h('section', {}, table));
  await load();
}

/** Returns a function that stops the page's live refresh. */
export async function pushPage(main: HTMLElement, accessId: string, pushId: string, token?: string): Promise<() => void> {
  const funnel = h('div', { id: 'funnel' });
  const header = h('div');
  const steps = h('div', { id: 'trace' });
  const form = h('form', { class: 'card', id: 'trace-form' },
    h('h2', {}, 'Where did it go? Trace one device'),
    h('label', { for: 'trace-token' }, 'Token'), h('input', { id: 'trace-token', name: 'token', value: token ?? '' }),
    h('button', { type: 'submit' }, 'Trace'),
  );
  const showTrace = async () => {
    const t = field(form, 'token');
    if (!t) return;
    const { traces } = await api<{ traces: Array<{ traced: boolean; steps: TraceStep[] }> }>('GET', `/api/apps/${accessId}/pushes/${pushId}/trace?token=${encodeURIComponent(t)}`);
    fill(steps, traceList(traces[0]!));
  };
  form.addEventListener('submit', (event) => { event.preventDefault(); void showTrace(); });
  const load = async () => {
    const { push } = await api<{ push: PushSummary }>('GET', `/api/apps/${accessId}/pushes/${pushId}`);
    fill(header, h('p', {}, `${push.messageType} to ${push.audienceType}, sent ${time(push.createdAt)}: `, h('strong', {}, push.title), ' — ', push.content));
    fill(funnel, funnelTable(push.counters));
    if (field(form, 'token')) await showTrace();
  };
  fill(main, h('h1', {}, `Push ${pushId}`), header, h('section', {}, h('h2', {}, 'Funnel'), funnel), form, h('section', {}, steps));
  await load();
  // Counters change as deliveries and acks happen: refresh when the live figures tick, not on a timer of our own.
  let busy = false;
  return onLive(() => {
    if (busy) return;
    busy = true;
    load().catch(() => undefined).finally(() => { busy = false; });
  });
}

/**
 * Targets, then where each went (one channel per delivery: the long connection,
 * APNs, FCM, or offline storage to wait for the device), then what came of it.
 * Arrived and clicked are reported by the device itself; for APNs and FCM the
 * provider's acceptance is the last step Homing sees.
 */
function funnelTable(c: Counters): HTMLElement {
  const rows: Array<[string, number, string, string?]> = [
    ['Targets', c.targets, 'targets'],
    ['Long connection (sent to the device)', c.online, 'online', 'channel'],
    ['APNs (accepted by Apple)', c.apns ?? 0, 'apns', 'channel'],
    ['FCM (accepted by Google)', c.fcm ?? 0, 'fcm', 'channel'],
    ['Offline storage (waits for the device)', c.offline, 'offline', 'channel'],
    ['Arrived (acked by the device)', c.arrived, 'arrived'], ['Clicked', c.clicked, 'clicked'], ['Expired', c.expired, 'expired'],
    ...Object.entries(c.failed).map(([reason, n]): [string, number, string] => [`Failed: ${reason}`, n, `failed-${reason}`]),
  ];
  const max = Math.max(1, c.targets);
  const bar = (n: number) => {
    // Set through the CSSOM: the console's Content-Security-Policy refuses style attributes.
    const el = h('div', { class: 'bar' });
    el.style.width = `${Math.min(100, (n / max) * 100)}%`;
    return el;
  };
  const row = ([label, n, id, kind]: [string, number, string, string?]) => h('tr', { class: kind, 'data-row': id },
    h('th', {}, label), h('td', {}, bar(n)), h('td', { id: `count-${id}` }, n),
  );
  const stage = (title: string) => h('tr', { class: 'stage' }, h('th', { colspan: 3 }, title));
  return h('table', { class: 'funnel' }, h('tbody', {},
    row(rows[0]!), stage('Sent, by channel'), ...rows.slice(1, 5).map(row), stage('Outcome'), ...rows.slice(5).map(row),
  ));
}

export function traceList(trace: { traced: boolean; steps: TraceStep[] }): HTMLElement {
  if (!trace.traced) return h('p', { class: 'muted' }, 'No steps held for this device: not a target of this push, sampled out of a large audience, or past the trace retention.');
  return h('ol', { class: 'steps' }, ...trace.steps.map((s) => h('li', { 'data-step': s.step },
    h('strong', {}, s.step), ` ${new Date(s.at).toLocaleTimeString()}.${String(s.at % 1000).padStart(3, '0')}`,
    s.node ? ` · node ${s.node}` : '', s.channel ? ` · ${s.channel}` : '', s.reason ? ` · ${s.reason}` : '',
  )));
}
