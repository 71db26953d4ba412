// The outbox: a finished answer is written to local storage before it is sent, and sent
// again with backoff until the server gives a final answer. It survives a reload and a
// browser restart; each answer carries its UUID, so a resend is never stored twice.

const KEY = "medborgardialog.outbox.v1";
const REQUEST_TIMEOUT_MS = 15000;

// Worth retrying: no connection, a timeout, a refused kiosk key, rate limits, server faults.
// Anything else (201, 200, 409, 422, 410 ...) is final: the answer leaves the outbox.
function retryable(status) {
  return status === 0 || status === 403 || status === 408 || status === 429 || status >= 500;
}

export class Outbox {
  constructor({ key, maxBackoff, onChange }) {
    this.kioskKey = key;
    this.maxBackoff = maxBackoff;
    this.onChange = onChange;
    this.memory = [];
    this.sending = false;
    this.failures = 0;
    this.retryTimer = null;
  }

  entries() {
    try {
      return JSON.parse(localStorage.getItem(KEY)) || [];
    } catch {
      return this.memory;
    }
  }

  save(entries) {
    try {
      localStorage.setItem(KEY, JSON.stringify(entries));
    } catch {
      // Storage full or switched off: keep the answers for as long as the page lives.
      this.memory = entries;
    }
    this.onChange(entries.length);
  }

  add(url, body) {
    const entries = this.entries();
    if (!entries.some((entry) => entry.body.id === body.id)) entries.push({ url, body });
    this.save(entries);
    this.flush();
  }

  remove(id) {
    this.save(this.entries().filter((entry) => entry.body.id !== id));
  }

  async post(entry) {
    const headers = { "Content-Type": "application/json" };
    if (this.kioskKey) headers["X-Kiosk-Key"] = this.kioskKey;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), REQUEST_TIMEOUT_MS);
    try {
      const response = await fetch(entry.url, {
        method: "POST",
        headers,
        body: JSON.stringify(entry.body),
        cache: "no-store",
        credentials: "same-origin",
        signal: abort.signal,
      });
      return response.status;
    } catch {
      return 0;
    } finally {
      clearTimeout(timer);
    }
  }

  // Send the waiting answers in order; on a retryable failure wait 1, 2, 4 ... seconds.
  async flush() {
    if (this.sending) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.sending = true;
    try {
      for (let entry = this.entries()[0]; entry; entry = this.entries()[0]) {
        const status = await this.post(entry);
        if (retryable(status)) {
          this.failures += 1;
          const wait = Math.min(2 ** (this.failures - 1), this.maxBackoff);
          this.retryTimer = setTimeout(() => this.flush(), wait * 1000);
          return;
        }
        this.remove(entry.body.id);
        this.failures = 0;
      }
    } finally {
      this.sending = false;
    }
  }
}
