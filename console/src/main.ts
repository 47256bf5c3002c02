// The console shell: who is signed in, hash routes to pages, sign-out.
// Routes: #/dashboard, #/apps[/app], #/send[/app], #/history[/app], #/push/app/id[/token], #/device[/app[/token]].
import { api, ApiError, type Role } from './api.js';
import { fill, h } from './dom.js';
import { appsPage, signInPage } from './page-apps.js';
import { credentialsPage } from './page-credentials.js';
import { dashboardPage } from './page-dashboard.js';
import { devicePage } from './page-device.js';
import { historyPage, pushPage } from './page-history.js';
import { sendPage } from './page-send.js';

const main = document.getElementById('main')!;
const who = document.getElementById('who')!;
let role: Role | undefined;
/** Stops the current page's live updates when the page changes. */
let leave: (() => void) | undefined;

async function route(): Promise<void> {
  leave?.();
  leave = undefined;
  if (!role) {
    try {
      role = (await api<{ role: Role }>('GET', '/api/session')).role;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return signIn();
      fill(main, h('p', { class: 'error' }, String(err)));
      return;
    }
  }
  fill(who, `signed in as ${role} `, h('button', { class: 'secondary', id: 'sign-out', onclick: signOut }, 'Sign out'));
  const [page = 'dashboard', ...args] = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  for (const a of Array.from(document.querySelectorAll('#nav a'))) a.classList.toggle('active', a.getAttribute('href') === `#/${page}`);
  try {
    if (page === 'apps' && args[0]) await credentialsPage(main, role, args[0]);
    else if (page === 'apps') await appsPage(main, role);
    else if (page === 'send') await sendPage(main, role, args[0]);
    else if (page === 'history') await historyPage(main, args[0]);
    else if (page === 'push' && args[0] && args[1]) leave = await pushPage(main, args[0], args[1], args[2]);
    else if (page === 'device') await devicePage(main, role, args[0], args[1]);
    else leave = dashboardPage(main);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return signIn();
    fill(main, h('p', { class: 'error' }, String(err)));
  }
}

function signIn(): void {
  role = undefined;
  fill(who);
  signInPage(main, (r) => {
    role = r;
    void route();
  });
}

async function signOut(): Promise<void> {
  await api('DELETE', '/api/session').catch(() => undefined);
  leave?.();
  signIn();
}

window.addEventListener('hashchange', () => void route());
void route();
