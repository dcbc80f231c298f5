// Percent, rate and ETA of a job, measured from its counts as the page sees them change.

const windowMs = 60_000;

export class RateMeter {
  #samples = [];

  observe(processed, at = performance.now()) {
    const last = this.#samples.at(-1);
    if (last && processed < last.processed) this.#samples = [];
    this.#samples.push({ processed, at });
    while (this.#samples.length > 2 && at - this.#samples[0].at > windowMs) this.#samples.shift();
  }

  /** Items per second over the last minute seen, or null before there is a second to measure. */
  get rate() {
    const first = this.#samples[0];
    const last = this.#samples.at(-1);
    if (!first || last.at - first.at < 1000 || last.processed === first.processed) return null;
    return (last.processed - first.processed) / ((last.at - first.at) / 1000);
  }

  /** Seconds left at the measured rate. */
  eta(processed, total) {
    const rate = this.rate;
    return rate ? Math.max(0, (total - processed) / rate) : null;
  }
}

export const percent = (processed, total) => (total > 0 ? Math.floor((1000 * processed) / total) / 10 : 100);

export function formatDuration(seconds) {
  if (seconds == null) return '';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** "12.5 posters/s · about 40 s left", or what can be said before a rate is measured. */
export function describeRate(meter, processed, total, final) {
  if (final) return '';
  const rate = meter.rate;
  if (!rate) return processed === 0 ? 'waiting for the first poster' : 'measuring the rate…';
  return `${rate.toFixed(rate < 10 ? 1 : 0)} posters/s · about ${formatDuration(meter.eta(processed, total))} left`;
}
