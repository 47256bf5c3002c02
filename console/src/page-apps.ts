// Sign-in and apps: the list for everyone, creation (keys shown once) for
// admins; each app links to its push credentials (page-credentials.ts).
import { api, ApiError, type AppInfo, type Role } from './api.js';
import { field, fill, h, time } from './dom.js';

export function signInPage(main: HTMLElement, signedIn: (role: Role) => void): void {
  const error = h('p', { class: 'error', id: 'signin-error' });
  const form = h('form', { class: 'card', id: 'signin' },
    h('h1', {}, 'Sign in'),
    h('label', { for: 'token' }, 'Console token (HOMING_ADMIN_TOKEN, HOMING_OPERATOR_TOKEN or HOMING_VIEWER_TOKEN)'),
    h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'current-password', required: true }),
    h('button', { type: 'submit' }, 'Sign in'),
    error,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const { role } = await api<{ role: Role }>('POST', '/api/session', { token: field(form, 'token') });
      signedIn(role);
    } catch (err) {
      fill(error, err instanceof ApiError && err.status === 401 ? 'That token opens no role.' : String(err));
    }
  });
  fill(main, form);
}

export async function appsPage(main: HTMLElement, role: Role): Promise<void> {
  const { apps } = await api<{ apps: AppInfo[] }>('GET', '/api/apps');
  const list = h('table', { id: 'apps' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'AccessID'), h('th', {}, 'Created'), h('th', {}, ''))),
    h('tbody', {}, ...apps.map((a) => h('tr', {},
      h('td', {}, a.name), h('td', {}, h('code', {}, a.accessId)), h('td', {}, time(a.createdAt)),
      h('td', {}, h('a', { href: `#/apps/${a.accessId}` }, 'credentials'), ' · ', h('a', { href: `#/send/${a.accessId}` }, 'send'), ' · ', h('a', { href: `#/history/${a.accessId}` }, 'history')),
    ))),
  );
  const created = h('div', { id: 'created' });
  const form = h('form', { class: 'card', id: 'create-app' },
    h('h2', {}, 'Create an app'),
    h('label', { for: 'app-name' }, 'Name'),
    h('input', { id: 'app-name', name: 'name', required: true, maxlength: 100 }),
    h('button', { type: 'submit' }, 'Create'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const app = await api<AppInfo & { accessKey: string; secretKey: string }>('POST', '/api/apps', { name: field(form, 'name') });
      // The only time the keys are shown: the server never sends them again.
      fill(created, h('section', { class: 'keys' },
        h('h2', {}, `App "${app.name}" created: copy its keys now, they are not shown again`),
        h('table', {},
          h('tr', {}, h('th', {}, 'AccessID'), h('td', {}, h('code', { id: 'new-access-id' }, app.accessId))),
          h('tr', {}, h('th', {}, 'AccessKey (mobile app)'), h('td', {}, h('code', { id: 'new-access-key' }, app.accessKey))),
          h('tr', {}, h('th', {}, 'SecretKey (server side)'), h('td', {}, h('code', { id: 'new-secret-key' }, app.secretKey))),
        ),
        h('p', {}, h('a', { href: `#/apps/${app.accessId}`, id: 'new-app-credentials' }, 'Set its APNs / FCM credentials')),
        h('button', { class: 'secondary', onclick: () => void appsPage(main, role) }, 'Done'),
      ));
    } catch (err) {
      fill(created, h('p', { class: 'error' }, String(err)));
    }
  });
  fill(main, h('h1', {}, 'Apps'), created, h('section', {}, apps.length ? list : h('p', { class: 'muted' }, 'No apps yet.')), role === 'admin' ? form : h('p', { class: 'muted' }, 'Only an admin creates apps.'));
}

/** An app picker; calls `changed` with the chosen access id. */
export function appPicker(apps: AppInfo[], selected: string | undefined, changed: (accessId: string) => void): HTMLSelectElement {
  const select = h('select', { name: 'app', id: 'app' }, ...apps.map((a) => h('option', { value: a.accessId, selected: a.accessId === selected }, `${a.name} (${a.accessId})`)));
  select.addEventListener('change', () => changed(select.value));
  return select;
}
