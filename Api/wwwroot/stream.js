import { ApiError, serverSentEvents } from './api.js';

const finalEvents = new Set(['job_completed', 'job_failed', 'job_cancelled']);

export const isFinalStatus = status => ['completed', 'completed_with_failures', 'failed', 'cancelled'].includes(status);

/** Resolves after `ms`, or at once when the view it belongs to is left. */
export const delay = (ms, signal) => new Promise(resolve => {
  const timer = setTimeout(resolve, ms);
  signal?.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
});

/**
 * Follows a job's event stream to its final event, calling onEvent for each. A dropped connection
 * (a restart, a proxy timeout) is resumed with Last-Event-ID, so no event is seen twice or lost.
 */
export async function followJob(jobId, onEvent, signal) {
  let lastEventId = null;
  while (!signal.aborted) {
    try {
      for await (const event of serverSentEvents(`/api/jobs/${jobId}/stream`, { lastEventId, signal })) {
        if (event.id) lastEventId = event.id;
        onEvent(event);
        if (finalEvents.has(event.type)) return event;
      }
    } catch (error) {
      if (signal.aborted) return null;
      if (error instanceof ApiError && error.status < 500 && error.status !== 429) throw error;
    }
    await delay(2000, signal);
  }
  return null;
}
