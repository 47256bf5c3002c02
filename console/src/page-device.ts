// Device debug: is it connected, to which node, since when, its tags,
// accounts and offline queue; send it a test push and watch its trace.
import { api, type AppInfo, type Role, type TraceStep } from './api.js';
import { appPicker } from './page-apps.js';
import { field, fill, h, time } from './dom.js';
import { traceList } from './page-history.js';
import type { DeviceDebug } from '../../src/console/admin-views.js';


export async function devicePage(main: HTMLElement, role: Role, accessId?: string, token?: string): Promise<void> {
  const { apps } = await api<{ apps: AppInfo[] }>('GET', '/api/apps');
  if (apps.length === 0) return fill(main, h('h1', {}, 'Device debug'), h('p', {}, 'Create an app first.'));
  let app = accessId ?? apps[0]!.accessId;
  const out = h('div', { id: 'device' });
  const form = h('form', { class: 'card', id: 'device-form' },
    h('label', { for: 'app' }, 'App'), appPicker(apps, app, (id) => { app = id; }),
    h('label', { for: 'device-token' }, 'Token'), h('input', { id: 'device-token', name: 'token', value: token ?? '' }),
    h('button', { type: 'submit' }, 'Look up'),
  );
  const show = async () => {
    const t = field(form, 'token');
    try {
      const { device: d } = await api<{ device: DeviceDebug }>('GET', `/api/apps/${app}/devices/${encodeURIComponent(t)}`);
      const trace = h('div', { id: 'test-trace' });
      const test = h('button', { id: 'test-push', disabled: role === 'viewer', onclick: () => void sendTest(d.token, trace) }, 'Send a test push');
      fill(out, h('section', {},
        h('table', {},
          h('tr', {}, h('th', {}, 'Connected'), h('td', { id: 'connected' }, d.connected ? `yes, to node ${d.node}` : 'no')),
          h('tr', {}, h('th', {}, d.connected ? 'Connected since (last hello)' : 'Last seen'), h('td', {}, time(d.lastSeenAt))),
          h('tr', {}, h('th', {}, 'Registered'), h('td', {}, time(d.registeredAt))),
          h('tr', {}, h('th', {}, 'Platform / device id'), h('td', {}, `${d.platform} / ${d.deviceId}`)),
          h('tr', {}, h('th', {}, 'Offline queue'), h('td', { id: 'queue' }, `${d.offlineQueue.depth}${d.offlineQueue.more ? '+' : ''} waiting`)),
          h('tr', {}, h('th', {}, 'Tags'), h('td', { id: 'tags' }, d.tags.join(', ') || '—')),
          h('tr', {}, h('th', {}, 'Accounts'), h('td', {}, d.accounts.map((a) => `${a.account} (type ${a.accountType})`).join(', ') || '—')),
        ),
        test, trace,
      ));
    } catch (err) {
      fill(out, h('p', { class: 'error' }, String(err)));
    }
  };
  const sendTest = async (t: string, trace: HTMLElement) => {
    const reply = await api<{ push_id: string }>('POST', `/api/apps/${app}/pushes`, {
      audience_type: 'token', token_list: [t], message_type: 'notify', message: { title: 'Test push', content: `Test from the Homing console at ${new Date().toLocaleTimeString()}` },
    });
    const poll = async (left: number): Promise<void> => {
      const { traces } = await api<{ traces: Array<{ traced: boolean; steps: TraceStep[] }> }>('GET', `/api/apps/${app}/pushes/${reply.push_id}/trace?token=${encodeURIComponent(t)}`);
      fill(trace, h('p', {}, h('a', { href: `#/push/${app}/${reply.push_id}/${encodeURIComponent(t)}` }, `push ${reply.push_id}`)), traceList(traces[0]!));
      const done = traces[0]!.steps.some((s) => s.step === 'acked' || s.step === 'failed' || s.step === 'expired');
      if (!done && left > 0) await new Promise((r) => setTimeout(r, 500)).then(() => poll(left - 1));
    };
    await poll(20);
  };
  form.addEventListener('submit', (event) => { event.preventDefault(); void show(); });
  fill(main, h('h1', {}, 'Device debug'), form, out);
  if (token) await show();
}
