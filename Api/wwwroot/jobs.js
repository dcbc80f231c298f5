import { getJson } from './api.js';
import { formatTime, h, problemBox, shortId, shownStatus, statusBadge } from './elements.js';
import { RateMeter, describeRate, percent } from './progress.js';
import { delay, followJob, isFinalStatus } from './stream.js';

const statuses = ['queued', 'processing', 'completed', 'completed_with_failures', 'failed', 'cancelled'];
const pageSize = 20;
const refreshMs = 3000;
// Browsers open at most six connections per origin over HTTP/1.1; leave room for everything else.
const maxStreams = 3;

/** The jobs list: filters in the URL's hash, rows refreshed every few seconds, running jobs live. */
export function jobsView(root, query, signal) {
  const filter = { status: query.get('status') ?? '', template: query.get('template') ?? '', page: Number(query.get('page') ?? 1) };
  const jobs = new Map(); // job id -> { summary, meter, streaming }
  const body = h('tbody');
  const problem = h('div');
  const pager = h('div', { class: 'pager' });

  root.replaceChildren(
    h('h1', {}, 'Jobs'),
    filterForm(filter),
    problem,
    h('table', { id: 'jobs', class: 'jobs' },
      h('thead', {}, h('tr', {}, ['Job', 'Template', 'Status', 'Progress', 'Rendered', 'Failed', 'Total', 'ETA', 'Created'].map(t => h('th', {}, t)))),
      body),
    pager);

  const render = () => body.replaceChildren(...[...jobs.values()].map(row));

  function row(job) {
    const { summary, meter } = job;
    const processed = summary.success_count + summary.failure_count;
    const final = isFinalStatus(summary.status);
    const shown = summary.status.startsWith('completed') ? 100 : percent(processed, summary.total_items);
    return h('tr', { 'data-job-id': summary.job_id },
      h('td', {}, h('a', { href: `#/job/${summary.job_id}`, title: summary.job_id }, shortId(summary.job_id))),
      h('td', {}, h('a', { href: `#/template/${encodeURIComponent(summary.template_id)}` }, summary.template_id)),
      h('td', {}, statusBadge(shownStatus(summary.status, processed))),
      h('td', { class: 'progress-cell' }, h('progress', { max: 100, value: shown }), h('span', { class: 'percent' }, `${percent(processed, summary.total_items)}%`)),
      h('td', { class: 'number' }, summary.success_count),
      h('td', { class: 'number' }, summary.failure_count),
      h('td', { class: 'number' }, summary.total_items),
      h('td', { class: 'eta' }, describeRate(meter, processed, summary.total_items, final)),
      h('td', {}, formatTime(summary.created_at)));
  }

  function observe(summary) {
    const job = jobs.get(summary.job_id) ?? { meter: new RateMeter(), streaming: false };
    // The stream may be ahead of the list's last read; counts only grow.
    if (job.summary && !isFinalStatus(summary.status) &&
        job.summary.success_count + job.summary.failure_count > summary.success_count + summary.failure_count) return job;
    job.summary = summary;
    job.meter.observe(summary.success_count + summary.failure_count);
    jobs.set(summary.job_id, job);
    return job;
  }

  function stream(job) {
    job.streaming = true;
    const id = job.summary.job_id;
    followJob(id, event => {
      const current = jobs.get(id)?.summary;
      if (!current) return;
      if (event.type === 'progress')
        observe({ ...current, success_count: event.data.success_count, failure_count: event.data.failure_count });
      else if (event.type.startsWith('job_'))
        observe({ ...current, status: event.data.status, success_count: event.data.success_count, failure_count: event.data.failure_count });
      else return;
      render();
    }, signal).catch(() => {}).finally(() => { job.streaming = false; });
  }

  async function refresh() {
    const params = new URLSearchParams({ page: filter.page, page_size: pageSize });
    if (filter.status) params.set('status', filter.status);
    if (filter.template) params.set('template', filter.template);
    try {
      const list = await getJson(`/api/jobs?${params}`, signal);
      const seen = new Set(list.map(s => s.job_id));
      for (const id of jobs.keys()) if (!seen.has(id)) jobs.delete(id);
      for (const summary of list) observe(summary);
      // Keep the list's order (newest first) whatever order rows were first seen in.
      const ordered = list.map(s => [s.job_id, jobs.get(s.job_id)]);
      jobs.clear();
      for (const [id, job] of ordered) jobs.set(id, job);
      let streams = [...jobs.values()].filter(j => j.streaming).length;
      for (const job of jobs.values())
        if (!job.streaming && !isFinalStatus(job.summary.status) && streams < maxStreams) { stream(job); streams++; }
      problem.replaceChildren();
      render();
      pager.replaceChildren(
        h('a', { href: pageLink(filter, filter.page - 1), class: filter.page > 1 ? '' : 'disabled' }, '← Newer'),
        h('span', {}, `page ${filter.page}`),
        h('a', { href: pageLink(filter, filter.page + 1), class: list.length === pageSize ? '' : 'disabled' }, 'Older →'));
      if (list.length === 0) body.replaceChildren(h('tr', {}, h('td', { colSpan: 9, class: 'muted' }, 'No jobs match.')));
    } catch (error) {
      if (!signal.aborted) problem.replaceChildren(problemBox(error));
    }
  }

  (async () => {
    while (!signal.aborted) {
      await refresh();
      await delay(refreshMs, signal);
    }
  })();
}

function filterForm(filter) {
  const status = h('select', { name: 'status', id: 'status-filter' },
    h('option', { value: '' }, 'every status'),
    statuses.map(s => h('option', { value: s, selected: s === filter.status }, s.replaceAll('_', ' '))));
  const template = h('input', { name: 'template', id: 'template-filter', value: filter.template, placeholder: 'template key or key@N' });
  const apply = () => { location.hash = pageLink({ status: status.value, template: template.value.trim() }, 1); };
  status.addEventListener('change', apply);
  return h('form', { class: 'filters', onsubmit: e => { e.preventDefault(); apply(); } },
    h('label', {}, 'Status ', status), h('label', {}, 'Template ', template), h('button', { type: 'submit' }, 'Filter'));
}

function pageLink(filter, page) {
  const params = new URLSearchParams();
  if (filter.status) params.set('status', filter.status);
  if (filter.template) params.set('template', filter.template);
  if (page > 1) params.set('page', page);
  const query = params.toString();
  return `#/jobs${query ? `?${query}` : ''}`;
}
