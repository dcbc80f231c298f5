// Builds the page from elements and text nodes only: values from the service never become markup.

/** h('a', { href, class: 'x', onclick }, 'text', child) */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else if (name in element && !name.includes('-')) element[name] = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  element.append(...children.flat().filter(c => c != null && c !== false).map(c => (c instanceof Node ? c : String(c))));
  return element;
}

export const statusBadge = status => h('span', { class: `status status-${status}`, 'data-status': status }, status.replaceAll('_', ' '));

/**
 * The status to show: the service says "queued" until the saga has counted a first outcome, which
 * arrives in folded batches; once the page has seen posters finish, the job is processing.
 */
export const shownStatus = (status, processed) => (['queued', 'pending'].includes(status) && processed > 0 ? 'processing' : status);

export const shortId = id => id.slice(0, 8);

export const formatTime = iso => (iso ? new Date(iso).toLocaleString() : '');

/** The problem a request ended in, or what to do about a missing key. */
export function problemBox(error) {
  const needsKey = error?.status === 401;
  return h('div', { class: 'problem', role: 'alert', 'data-problem-status': error?.status ?? '' },
    needsKey ? 'This service needs an API key: enter it above. ' : '',
    error?.message ?? String(error));
}
