// The example web app: connects with SharedHomingClient (one socket for all
// the site's tabs), lists every push in every tab, and shows a system
// notification once per site when the user allowed notifications.
//
// Settings come from the form, or from the query string
// (?url=ws://host:8080/device&app=ACCESS_ID:ACCESS_KEY connects at once), and
// are remembered in localStorage for the next visit.
import { SharedHomingClient, type Push } from '../../src/sdk/index.js';

const form = document.querySelector<HTMLFormElement>('#settings')!;
const urlInput = document.querySelector<HTMLInputElement>('#url')!;
const appInput = document.querySelector<HTMLInputElement>('#app')!;
const status = document.querySelector<HTMLDivElement>('#status')!;
const list = document.querySelector<HTMLUListElement>('#pushes')!;

const SETTINGS_KEY = 'homing-example.settings';
let client: SharedHomingClient | undefined;

function show(text: string): void {
  status.textContent = text;
}

function describe(c: SharedHomingClient): string {
  const tokens = c.sessions().map((s) => `app ${s.accessId}: token ${s.token}`).join('\n');
  return `${c.state}, this tab is ${c.isLeader ? 'the leader (holds the socket)' : 'a follower'}${tokens ? `\n${tokens}` : ''}`;
}

function addPush(push: Push): void {
  const item = document.createElement('li');
  const title = document.createElement('strong');
  title.textContent = push.title;
  const meta = document.createElement('small');
  meta.textContent = ` ${push.type} ${push.messageId} · ${new Date(push.sentAt).toLocaleTimeString()}`;
  item.append(title, ` ${push.content}`, meta);
  list.prepend(item);
}

function notify(push: Push): void {
  if (push.type !== 'notify' || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  new Notification(push.title || 'Homing', { body: push.content, tag: push.messageId });
  client?.reportClick(push.accessId, push.messageId, 'shown');
}

async function connect(url: string, appSpec: string): Promise<void> {
  const [accessId, accessKey] = appSpec.split(':');
  if (!accessId || !accessKey) return show('App must be ACCESS_ID:ACCESS_KEY');
  localStorage.setItem(SETTINGS_KEY, JSON.stringify({ url, app: appSpec }));
  await client?.close();
  try {
    client = new SharedHomingClient({ url, deviceId: 'example-web', platform: 'web', apps: [{ accessId, accessKey }] });
  } catch (err) {
    return show((err as Error).message);
  }
  const c = client;
  c.onPush(accessId, addPush, { everyTab: true });
  c.onPush(accessId, notify);
  for (const event of ['connected', 'disconnected', 'role'] as const) c.on(event, () => show(describe(c)));
  c.on('error', (err) => show(`${describe(c)}\nerror: ${err.message}`));
  show('connecting…');
  c.connect().then(
    () => show(describe(c)),
    (err: Error) => show(`gave up: ${err.message}`),
  );
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission();
  void connect(urlInput.value.trim(), appInput.value.trim());
});

const query = new URLSearchParams(location.search);
const saved = JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? '{}') as { url?: string; app?: string };
urlInput.value = query.get('url') ?? saved.url ?? urlInput.value;
appInput.value = query.get('app') ?? saved.app ?? '';
if (query.get('url') && query.get('app')) void connect(urlInput.value, appInput.value);
