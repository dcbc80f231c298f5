import { apiKey } from './api.js';
import { jobView } from './job.js';
import { jobsView } from './jobs.js';
import { templateView, templatesView } from './templates.js';

const view = document.getElementById('view');
let leaving = new AbortController();

/** #/jobs?status=..., #/job/{id}?page=N, #/templates, #/template/{key}; each view stops its streams when left. */
function route() {
  leaving.abort();
  leaving = new AbortController();
  const [path, search] = (location.hash.replace(/^#/, '') || '/jobs').split('?');
  const query = new URLSearchParams(search ?? '');
  const [, section, id] = path.split('/');
  for (const link of document.querySelectorAll('nav a'))
    link.classList.toggle('current', link.getAttribute('href') === `#/${section === 'job' ? 'jobs' : section === 'template' ? 'templates' : section}`);
  if (section === 'job' && id) jobView(view, decodeURIComponent(id), query, leaving.signal);
  else if (section === 'templates') templatesView(view, leaving.signal);
  else if (section === 'template' && id) templateView(view, decodeURIComponent(id), leaving.signal);
  else jobsView(view, query, leaving.signal);
}

function showKeyState() {
  const key = apiKey.get();
  document.getElementById('key-state').textContent = key ? `using key ${key.slice(0, 6)}…` : 'no key';
  document.getElementById('forget-key').disabled = !key;
}

document.getElementById('key-form').addEventListener('submit', event => {
  event.preventDefault();
  const input = document.getElementById('api-key');
  apiKey.set(input.value.trim());
  input.value = '';
  showKeyState();
  route();
});
document.getElementById('forget-key').addEventListener('click', () => {
  apiKey.set('');
  showKeyState();
  route();
});
window.addEventListener('hashchange', route);
showKeyState();
route();
