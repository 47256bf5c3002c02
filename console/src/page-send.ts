// Send: every audience type /v3/push/app takes, notify or in-app message,
// custom key-values and expiry, with the JSON preview and a curl line.
import { api, ApiError, type AppInfo, type Role } from './api.js';
import { appPicker } from './page-apps.js';
import { field, fill, h } from './dom.js';
import { curlLine, pushBody, type PushFormState } from './push-form.js';

const AUDIENCES = [
  ['token', 'One token'], ['token_list', 'Tokens'], ['tag', 'Tags'], ['account', 'One account'], ['account_list', 'Accounts'], ['all', 'All devices'],
] as const;

export async function sendPage(main: HTMLElement, role: Role, accessId: string | undefined, preset: Partial<PushFormState> = {}): Promise<void> {
  const { apps } = await api<{ apps: AppInfo[] }>('GET', '/api/apps');
  if (apps.length === 0) return fill(main, h('h1', {}, 'Send'), h('p', {}, 'Create an app first.'));
  let app = accessId ?? apps[0]!.accessId;
  const kv = h('div', { id: 'custom' });
  const addPair = (key = '', value = '') => {
    const row = h('div', { class: 'kv' },
      h('input', { name: 'ck', placeholder: 'key', value: key }),
      h('input', { name: 'cv', placeholder: 'value', value }),
      h('button', { type: 'button', class: 'secondary', onclick: () => { row.remove(); update(); } }, '×'),
    );
    kv.append(row);
  };
  const preview = h('pre', { id: 'preview' });
  const curl = h('pre', { id: 'curl' });
  const result = h('div', { id: 'send-result' });
  const form = h('form', { class: 'card', id: 'send' },
    h('label', { for: 'app' }, 'App'), appPicker(apps, app, (id) => { app = id; update(); }),
    h('div', { class: 'row' },
      h('div', {}, h('label', { for: 'audience' }, 'Audience'), h('select', { id: 'audience', name: 'audience' }, ...AUDIENCES.map(([v, l]) => h('option', { value: v, selected: v === (preset.audienceType ?? 'token') }, l)))),
      h('div', {}, h('label', { for: 'message-type' }, 'Type'), h('select', { id: 'message-type', name: 'messageType' }, h('option', { value: 'notify' }, 'Notification'), h('option', { value: 'message' }, 'In-app message'))),
    ),
    h('label', { for: 'targets', id: 'targets-label' }, 'Targets'),
    h('textarea', { id: 'targets', name: 'targets', placeholder: 'one per line' }),
    h('div', { class: 'row' },
      h('div', {}, h('label', { for: 'tag-op' }, 'Tags match'), h('select', { id: 'tag-op', name: 'tagOperator' }, h('option', { value: 'OR' }, 'any (OR)'), h('option', { value: 'AND' }, 'all (AND)'))),
      h('div', {}, h('label', { for: 'account-type' }, 'Account type'), h('input', { id: 'account-type', name: 'accountType', value: '0', inputmode: 'numeric' })),
      h('div', {}, h('label', { for: 'expire' }, 'Expire time (s, max 259200; empty = default)'), h('input', { id: 'expire', name: 'expireTime', inputmode: 'numeric' })),
    ),
    h('label', { for: 'title' }, 'Title'), h('input', { id: 'title', name: 'title' }),
    h('label', { for: 'content' }, 'Content'), h('textarea', { id: 'content', name: 'content' }),
    h('label', {}, 'Custom key-values'), kv,
    h('button', { type: 'button', class: 'secondary', onclick: () => { addPair(); update(); } }, 'Add key-value'),
    h('div', {}, h('button', { type: 'submit', id: 'send-button', disabled: role === 'viewer' }, role === 'viewer' ? 'Viewers cannot send' : 'Send')),
  );
  (form.querySelector('#targets') as HTMLTextAreaElement).value = preset.targets ?? '';
  (form.querySelector('#title') as HTMLInputElement).value = preset.title ?? '';
  (form.querySelector('#content') as HTMLTextAreaElement).value = preset.content ?? '';

  const state = (): PushFormState => ({
    audienceType: field(form, 'audience') as PushFormState['audienceType'],
    targets: field(form, 'targets'),
    tagOperator: field(form, 'tagOperator') as 'OR' | 'AND',
    accountType: field(form, 'accountType'),
    messageType: field(form, 'messageType') as 'notify' | 'message',
    title: field(form, 'title'),
    content: field(form, 'content'),
    custom: Array.from(kv.querySelectorAll('.kv')).map((row) => ({ key: field(row, 'ck'), value: field(row, 'cv') })),
    expireTime: field(form, 'expireTime'),
  });
  function update() {
    const s = state();
    const body = pushBody(s);
    (form.querySelector('#targets') as HTMLElement).hidden = s.audienceType === 'all';
    fill(form.querySelector('#targets-label')!, s.audienceType === 'all' ? '' : s.audienceType.startsWith('tag') ? 'Tags' : s.audienceType.startsWith('account') ? 'Accounts' : 'Tokens');
    fill(preview, JSON.stringify(body, null, 2));
    fill(curl, curlLine(location.origin, app, body));
  }
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    fill(result, 'Sending…');
    try {
      const reply = await api<{ push_id: string; ret_code: number; err_msg: string; result?: string }>('POST', `/api/apps/${app}/pushes`, pushBody(state()));
      fill(result, h('p', { class: reply.ret_code === 0 ? 'ok' : 'error' },
        reply.ret_code === 0 ? 'Accepted: ' : `ret_code ${reply.ret_code} ${reply.err_msg}: `,
        h('a', { href: `#/push/${app}/${reply.push_id}`, id: 'sent-push' }, `push ${reply.push_id}`)));
    } catch (err) {
      const body = err instanceof ApiError ? (err.body as { ret_code?: number; err_msg?: string; error?: string }) : undefined;
      fill(result, h('p', { class: 'error' }, body?.ret_code ? `ret_code ${body.ret_code}: ${body.err_msg}` : String(err)));
    }
  });
  update();
  fill(main, h('h1', {}, 'Send a push'), h('div', { class: 'grid' }, h('div', {}, form, result), h('div', {}, h('h2', {}, 'REST body (/v3/push/app)'), preview, h('h2', {}, 'curl'), curl)));
}
