// One app's APNs and FCM credentials. Everyone sees what is set as ids only:
// the API never sends key material back, and the forms are emptied once a key
// is stored, so a key is on the page only while an admin pastes it. Operators
// and viewers get no form (the API refuses them too).
import { api, type AppInfo, type Role } from './api.js';
import { field, fill, h } from './dom.js';

export interface CredentialIds {
  accessId: string;
  apns: { key_id: string; team_id: string; bundle_id: string } | null;
  fcm: { project_id: string; client_email: string } | null;
}

type Provider = 'apns' | 'fcm';

export async function credentialsPage(main: HTMLElement, role: Role, accessId: string): Promise<void> {
  const [{ apps }, initial] = await Promise.all([
    api<{ apps: AppInfo[] }>('GET', '/api/apps'),
    api<CredentialIds>('GET', `/api/apps/${accessId}/credentials`),
  ]);
  const app = apps.find((a) => a.accessId === accessId);
  const summary = h('section', { id: 'credentials' });
  const show = (ids: CredentialIds) => fill(summary, h('h2', {}, 'Push credentials'), idsTable(ids, role === 'admin' ? remove : undefined));
  async function remove(provider: Provider) {
    show(await api<CredentialIds>('DELETE', `/api/apps/${accessId}/credentials/${provider}`));
  }
  show(initial);
  const header = [h('h1', {}, `App ${app?.name ?? ''} (${accessId})`), h('p', {}, h('a', { href: `#/send/${accessId}` }, 'send'), ' · ', h('a', { href: `#/history/${accessId}` }, 'history'), ' · ', h('a', { href: '#/apps' }, 'all apps'))];
  if (role !== 'admin') return fill(main, ...header, summary, h('p', { class: 'muted' }, 'Only an admin sets push credentials.'));
  fill(main, ...header, summary, h('div', { class: 'grid' }, apnsForm(accessId, show), fcmForm(accessId, show)));
}

function idsTable(ids: CredentialIds, remove?: (provider: Provider) => Promise<void>): HTMLElement {
  const removeButton = (provider: Provider) => remove && h('button', { class: 'secondary', id: `remove-${provider}`, onclick: () => void remove(provider) }, 'Remove');
  return h('table', {}, h('tbody', {},
    h('tr', {}, h('th', {}, 'APNs'), h('td', { id: 'cred-apns' }, ids.apns
      ? `key id ${ids.apns.key_id} · team id ${ids.apns.team_id} · bundle id ${ids.apns.bundle_id}`
      : 'not set'), h('td', {}, ids.apns && removeButton('apns'))),
    h('tr', {}, h('th', {}, 'FCM'), h('td', { id: 'cred-fcm' }, ids.fcm
      ? `project ${ids.fcm.project_id} · ${ids.fcm.client_email}`
      : 'not set'), h('td', {}, ids.fcm && removeButton('fcm'))),
  ));
}

/** A textarea for key text with a file picker that fills it (the .p8 or JSON file as downloaded). */
function keyText(id: string, name: string, accept: string, placeholder: string): HTMLElement[] {
  const area = h('textarea', { id, name, placeholder, autocomplete: 'off', spellcheck: 'false', class: 'secret' });
  const file = h('input', { type: 'file', accept, id: `${id}-file` });
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    if (chosen) area.value = await chosen.text();
    file.value = '';
  });
  return [file, area];
}

/** Submits to PUT /api/apps/{id}/credentials/{provider}; on success the form is emptied and the ids shown. */
function credentialForm(accessId: string, provider: Provider, title: string, children: HTMLElement[], body: (form: HTMLFormElement) => unknown, show: (ids: CredentialIds) => void): HTMLFormElement {
  const error = h('p', { class: 'error', id: `${provider}-error` });
  const form = h('form', { class: 'card', id: `${provider}-form` }, h('h2', {}, title), ...children, h('button', { type: 'submit' }, 'Save'), error);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    fill(error);
    try {
      show(await api<CredentialIds>('PUT', `/api/apps/${accessId}/credentials/${provider}`, body(form)));
      form.reset();
    } catch (err) {
      fill(error, err instanceof Error ? err.message : String(err));
    }
  });
  return form;
}

function apnsForm(accessId: string, show: (ids: CredentialIds) => void): HTMLFormElement {
  return credentialForm(accessId, 'apns', 'Set APNs (token-based .p8 key)', [
    h('label', { for: 'apns-key' }, 'Key (.p8 file or its text)'), ...keyText('apns-key', 'keyPem', '.p8,.pem', '-----BEGIN PRIVATE KEY-----'),
    h('div', { class: 'row' },
      h('div', {}, h('label', { for: 'apns-key-id' }, 'Key ID'), h('input', { id: 'apns-key-id', name: 'keyId', maxlength: 10 })),
      h('div', {}, h('label', { for: 'apns-team-id' }, 'Team ID'), h('input', { id: 'apns-team-id', name: 'teamId', maxlength: 10 })),
    ),
    h('label', { for: 'apns-bundle-id' }, 'Bundle ID'), h('input', { id: 'apns-bundle-id', name: 'bundleId', placeholder: 'com.example.app' }),
  ], (form) => ({
    // The key as pasted: trimming could cut a PEM's final newline, which the server accepts either way.
    keyPem: (form.querySelector('#apns-key') as HTMLTextAreaElement).value,
    keyId: field(form, 'keyId'),
    teamId: field(form, 'teamId'),
    bundleId: field(form, 'bundleId'),
  }), show);
}

function fcmForm(accessId: string, show: (ids: CredentialIds) => void): HTMLFormElement {
  return credentialForm(accessId, 'fcm', 'Set FCM (service account)', [
    h('label', { for: 'fcm-json' }, 'Service-account JSON (the file or its text)'), ...keyText('fcm-json', 'serviceAccount', '.json,application/json', '{"type": "service_account", …}'),
  ], (form) => {
    const text = field(form, 'serviceAccount');
    try {
      return { serviceAccount: JSON.parse(text) as unknown };
    } catch {
      throw new Error('the service account is not JSON: paste the whole file Google hands out');
    }
  }, show);
}
