import { getBlob, getJson } from './api.js';
import { formatTime, h, problemBox } from './elements.js';

/** Every template with its active and latest version. */
export async function templatesView(root, signal) {
  root.replaceChildren(h('h1', {}, 'Templates'), h('p', { class: 'muted' }, 'Loading…'));
  try {
    const templates = await getJson('/api/templates', signal);
    root.replaceChildren(h('h1', {}, 'Templates'),
      h('table', { id: 'templates' },
        h('thead', {}, h('tr', {}, ['Key', 'Name', 'Section', 'Active', 'Latest', 'Versions'].map(t => h('th', {}, t)))),
        h('tbody', {}, templates.length === 0
          ? h('tr', {}, h('td', { colSpan: 6, class: 'muted' }, 'No templates yet: upload one with POST /api/templates.'))
          : templates.map(t => h('tr', { 'data-template-key': t.key },
            h('td', {}, h('a', { href: `#/template/${encodeURIComponent(t.key)}` }, t.key)),
            h('td', {}, t.name), h('td', {}, t.section),
            h('td', { class: 'number' }, t.active_version ?? '—'), h('td', { class: 'number' }, t.latest_version),
            h('td', { class: 'number' }, t.versions.length))))));
  } catch (error) {
    if (!signal.aborted) root.replaceChildren(h('h1', {}, 'Templates'), problemBox(error));
  }
}

/** One template: its versions, and the preview of the one chosen (the active one first). */
export async function templateView(root, key, signal) {
  const preview = h('img', { id: 'template-preview', alt: `preview of ${key}` });
  const previewNote = h('p', { class: 'muted' });
  const problem = h('div');
  let objectUrl = null;
  signal.addEventListener('abort', () => objectUrl && URL.revokeObjectURL(objectUrl));

  async function showPreview(version) {
    previewNote.textContent = `Rendering version ${version} with its sample values…`;
    try {
      // Fetched with the key and shown from a blob: an <img src> could not send the header.
      const blob = await getBlob(`/api/templates/${encodeURIComponent(key)}@${version}/preview?format=png`, signal);
      if (objectUrl) URL.revokeObjectURL(objectUrl);
      objectUrl = URL.createObjectURL(blob);
      preview.src = objectUrl;
      previewNote.textContent = `Version ${version}, rendered with its sample values.`;
    } catch (error) {
      if (!signal.aborted) { previewNote.textContent = ''; problem.replaceChildren(problemBox(error)); }
    }
  }

  root.replaceChildren(h('h1', {}, 'Template ', h('code', {}, key)), h('p', { class: 'muted' }, 'Loading…'));
  try {
    const template = await getJson(`/api/templates/${encodeURIComponent(key)}`, signal);
    const versions = [...template.versions].sort((a, b) => b.version - a.version);
    root.replaceChildren(
      h('h1', {}, template.name, ' ', h('code', {}, template.key)),
      problem,
      h('dl', { class: 'facts' },
        h('dt', {}, 'Section'), h('dd', {}, template.section),
        h('dt', {}, 'Active version'), h('dd', {}, template.active_version ?? 'none'),
        h('dt', {}, 'Jobs'), h('dd', {}, h('a', { href: `#/jobs?template=${encodeURIComponent(template.key)}` }, 'jobs of this template'))),
      h('h2', {}, 'Versions'),
      h('table', { id: 'template-versions' },
        h('thead', {}, h('tr', {}, ['Version', 'Size', 'Placeholders', 'Created', ''].map(t => h('th', {}, t)))),
        h('tbody', {}, versions.map(v => h('tr', { 'data-version': v.version, class: v.is_active ? 'active' : '' },
          h('td', { class: 'number' }, v.version, v.is_active ? ' (active)' : ''),
          h('td', {}, `${v.width}×${v.height}`),
          h('td', {}, v.placeholders.map(p => p.name + (p.required ? '' : '?')).join(', ')),
          h('td', {}, formatTime(v.created_at)),
          h('td', {}, h('button', { onclick: () => showPreview(v.version) }, 'Preview')))))),
      h('h2', {}, 'Preview'), previewNote, h('div', { class: 'preview' }, preview),
      h('details', {}, h('summary', {}, 'HTML'), h('pre', {}, template.html_content)));
    await showPreview(template.active_version ?? template.latest_version);
  } catch (error) {
    if (!signal.aborted) root.replaceChildren(h('h1', {}, 'Template ', h('code', {}, key)), problemBox(error));
  }
}
