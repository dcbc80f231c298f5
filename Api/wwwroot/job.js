import { download, getJson, post } from './api.js';
import { formatTime, h, problemBox, shownStatus, statusBadge } from './elements.js';
import { RateMeter, describeRate, formatDuration, percent } from './progress.js';
import { delay, followJob, isFinalStatus } from './stream.js';

const postersPerPage = 24;
const recentKept = 10;
const logsKept = 50;
const failedShown = 500;
const statusEveryMs = 1500;

/** One job: live progress, the items finishing now, failed items with their reasons, posters, actions. */
export function jobView(root, jobId, query, signal) {
  const posterPage = Number(query.get('page') ?? 1);
  const meter = new RateMeter();
  const failed = new Map(); // item index -> { entity_id, error }
  const recent = [];
  const logs = [];
  let status = null;
  let live = { processed: 0, success: 0, failure: 0 };

  const el = {
    problem: h('div'),
    heading: h('h1', {}, 'Job ', h('code', {}, jobId), ' ', h('span', { id: 'job-status' })),
    facts: h('dl', { class: 'facts' }),
    progress: h('progress', { id: 'job-progress', max: 100, value: 0 }),
    percent: h('span', { id: 'job-percent' }),
    counts: h('span', { id: 'job-counts' }),
    eta: h('span', { id: 'job-eta', class: 'muted' }),
    cancel: h('button', { id: 'cancel-job', onclick: cancel }, 'Cancel'),
    retry: h('button', { id: 'retry-failed', onclick: retry }, 'Retry failed'),
    zip: h('button', { id: 'download-zip', onclick: () => save('archive', 'zip') }, 'Download ZIP'),
    pdf: h('button', { id: 'download-pdf', onclick: () => save('pdf', 'pdf') }, 'Download PDF'),
    message: h('span', { id: 'action-message', class: 'muted' }),
    latest: h('p', { id: 'latest-item' }),
    recent: h('ol', { id: 'recent-items', class: 'recent' }),
    failed: h('tbody'),
    failedNote: h('p', { class: 'muted' }),
    posters: h('div', { id: 'posters', class: 'posters' }),
    pager: h('div', { class: 'pager' }),
    logs: h('ol', { id: 'job-log', class: 'log' }),
  };

  root.replaceChildren(
    el.heading, el.problem, el.facts,
    h('section', { class: 'progress-block' }, el.progress, h('div', {}, el.percent, ' ', el.counts, ' ', el.eta)),
    h('div', { class: 'actions' }, el.cancel, el.retry, el.zip, el.pdf, el.message),
    h('section', {}, h('h2', {}, 'Now'), el.latest, el.recent),
    h('section', {}, h('h2', {}, 'Failed items'),
      h('table', { id: 'failed-items' }, h('thead', {}, h('tr', {}, h('th', {}, 'Item'), h('th', {}, 'Entity'), h('th', {}, 'Reason'))), el.failed),
      el.failedNote),
    h('section', {}, h('h2', {}, 'Posters'), el.posters, el.pager),
    h('section', {}, h('h2', {}, 'Log'), el.logs));

  function showStatus() {
    if (!status) return;
    const final = isFinalStatus(status.status);
    const processed = Math.max(live.processed, status.success_count + status.failure_count);
    // Cancelled and failed jobs end short: their bar shows how far they got.
    const done = status.status.startsWith('completed') ? status.total_items : processed;
    el.heading.querySelector('#job-status').replaceChildren(statusBadge(shownStatus(status.status, processed)));
    el.progress.value = percent(done, status.total_items);
    el.percent.textContent = `${percent(processed, status.total_items)}% ·`;
    el.counts.textContent = `${processed} of ${status.total_items} · ${Math.max(live.success, status.success_count)} rendered, ` +
      `${Math.max(live.failure, status.failure_count)} failed${status.cancelled_count ? `, ${status.cancelled_count} cancelled` : ''}`;
    el.eta.textContent = describeRate(meter, processed, status.total_items, final);
    el.cancel.disabled = final;
    el.retry.disabled = !final || status.failure_count === 0;
    el.zip.disabled = el.pdf.disabled = !final || status.success_count === 0;
    el.facts.replaceChildren(...fact('Template', status.template_id &&
        h('a', { href: `#/template/${encodeURIComponent(status.template_id)}` }, `${status.template_id}@${status.template_version}`)),
      ...fact('Created', formatTime(status.created_at)),
      ...fact('Finished', formatTime(status.completed_at)),
      ...fact('Duration', formatDuration(status.duration_seconds)),
      ...fact('Deadline', formatTime(status.deadline_at)),
      ...fact('Reason', status.failure_reason),
      ...fact('Retry of', status.retry_of && h('a', { href: `#/job/${status.retry_of}` }, status.retry_of)),
      ...fact('Retried by', status.retried_by && h('a', { href: `#/job/${status.retried_by}` }, status.retried_by)));
  }

  function showPosters() {
    const rendered = status.results.filter(r => r.status === 'completed' && r.url);
    el.posters.replaceChildren(...rendered.map(r => h('a', { href: r.url, target: '_blank', rel: 'noopener' },
      h('img', { src: r.url, alt: r.entity_id ?? `item ${r.item_index}`, loading: 'lazy', title: r.entity_id ?? `item ${r.item_index}` }))));
    if (rendered.length === 0) el.posters.replaceChildren(h('p', { class: 'muted wide' }, 'No rendered posters on this page yet.'));
    for (const r of status.results) if (r.status === 'failed') failed.set(r.item_index, r);
    showFailed();
    const pages = Math.max(1, Math.ceil(status.total_items / postersPerPage));
    el.pager.replaceChildren(
      h('a', { href: `#/job/${jobId}?page=${posterPage - 1}`, class: posterPage > 1 ? '' : 'disabled' }, '← Previous'),
      h('span', {}, `items ${(posterPage - 1) * postersPerPage + 1}–${Math.min(posterPage * postersPerPage, status.total_items)} of ${status.total_items}`),
      h('a', { href: `#/job/${jobId}?page=${posterPage + 1}`, class: posterPage < pages ? '' : 'disabled' }, 'Next →'));
  }

  function showFailed() {
    const rows = [...failed.entries()].sort(([a], [b]) => a - b).slice(0, failedShown);
    el.failed.replaceChildren(...rows.map(([index, item]) => h('tr', { 'data-item-index': index },
      h('td', { class: 'number' }, index), h('td', {}, item.entity_id ?? ''), h('td', { class: 'reason' }, item.error ?? ''))));
    el.failedNote.textContent = failed.size === 0 ? 'None.' : failed.size > failedShown ? `The first ${failedShown} of ${failed.size}.` : '';
  }

  function onEvent(event) {
    const data = event.data;
    switch (event.type) {
      case 'poster_completed':
      case 'poster_failed': {
        const ok = event.type === 'poster_completed';
        if (!ok) { failed.set(data.item_index, data); showFailed(); }
        recent.unshift({ ...data, ok });
        recent.length = Math.min(recent.length, recentKept);
        el.latest.replaceChildren('Last finished: item ', h('strong', {}, data.item_index), data.entity_id ? ` (${data.entity_id})` : '',
          ok ? ` rendered in ${data.generation_time_ms} ms` : ` failed: ${data.error}`);
        el.recent.replaceChildren(...recent.map(r => h('li', { class: r.ok ? 'ok' : 'failed' },
          `#${r.item_index} ${r.entity_id ?? ''} `, r.ok ? h('a', { href: r.poster_url, target: '_blank', rel: 'noopener' }, 'poster') : r.error)));
        break;
      }
      case 'progress':
        live = { processed: data.processed, success: data.success_count, failure: data.failure_count };
        meter.observe(data.processed);
        showStatus();
        break;
      case 'log':
        logs.unshift(data);
        logs.length = Math.min(logs.length, logsKept);
        el.logs.replaceChildren(...logs.map(l => h('li', { class: `level-${l.level}` }, h('span', { class: 'level' }, l.level), ' ', l.message)));
        break;
    }
  }

  async function loadStatus() {
    try {
      status = await getJson(`/api/jobs/${jobId}?page=${posterPage}&page_size=${postersPerPage}`, signal);
      meter.observe(Math.max(live.processed, status.success_count + status.failure_count));
      el.problem.replaceChildren();
      showStatus();
      showPosters();
    } catch (error) {
      if (!signal.aborted) el.problem.replaceChildren(problemBox(error));
    }
  }

  async function cancel() {
    if (!confirm('Cancel this job? Posters being rendered may still finish; every other item is recorded cancelled.')) return;
    await act(async () => { await post(`/api/jobs/${jobId}/cancel`); return 'Cancel requested.'; });
  }

  async function retry() {
    await act(async () => {
      const accepted = await post(`/api/jobs/${jobId}/retry-failed`);
      location.hash = `#/job/${accepted.job_id}`;
      return accepted.message;
    });
  }

  async function save(kind, extension) {
    await act(async () => { await download(`/api/jobs/${jobId}/${kind}`, `job-${jobId}.${extension}`); return 'Downloaded.'; });
  }

  async function act(action) {
    el.message.textContent = '…';
    try {
      el.message.textContent = await action();
      el.problem.replaceChildren();
      await loadStatus();
    } catch (error) {
      el.message.textContent = '';
      el.problem.replaceChildren(problemBox(error));
    }
  }

  (async () => {
    await loadStatus();
    // The stream replays every result from the start, then follows live; status reads between
    // events bring the cancelled count and this page's posters.
    const following = followJob(jobId, onEvent, signal).catch(error => el.problem.replaceChildren(problemBox(error)));
    let ended = false;
    following.finally(() => { ended = true; });
    while (!signal.aborted && !ended) {
      await Promise.race([delay(statusEveryMs, signal), following]);
      await loadStatus();
    }
  })();
}

const fact = (name, value) => (value ? [h('dt', {}, name), h('dd', {}, value)] : []);
