// The outbox: a finished answer is kept in local storage before it is sent, and sent again
// with backoff until the server gives a final answer. It survives a reload and a browser
// restart; each answer carries its UUID, so a resend is never stored twice. An answer the
// server refuses for good moves to the refused list with the reason: a resident was thanked
// for it, so it is never silently dropped.

export const WAITING_KEY = "medborgardialog.outbox.v1";
export const REFUSED_KEY = "medborgardialog.refused.v1";
const REQUEST_TIMEOUT_MS = 15000;
// A server that asks for more time than this is asked again sooner: a kiosk waits anyway.
const RETRY_AFTER_CAP_SECONDS = 60;

// Worth retrying: no connection, a timeout, rate limits, server faults (503 with Retry-After
// while storage is unavailable). A refused kiosk key is retried too: the answer is fine, and
// is delivered once the address has a valid key again. Any other 4xx is final.
export function retryable(status) {
  return status === 0 || status === 403 || status === 408 || status === 429 || status >= 500;
}

export function readList(key) {
  try {
    const list = JSON.parse(localStorage.getItem(key));
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}

function writeList(key, list) {
  try {
    localStorage.setItem(key, JSON.stringify(list));
    return true;
  } catch {
    return false;
  }
}

async function reason(response) {
  try {
    const body = await response.json();
    return { error: String(body.error || ""), message: String(body.message || "") };
  } catch {
    return { error: "", message: "" };
  }
}

export class Outbox {
  constructor({ key, maxBackoff, onChange }) {
    this.kioskKey = key;
    this.maxBackoff = maxBackoff;
    this.onChange = onChange;
    // The lists in memory are the truth; local storage is their copy across reloads. When
    // storage is full, every answer stays here for as long as the page lives, and is sent.
    this.waiting = readList(WAITING_KEY);
    this.refused = readList(REFUSED_KEY);
    this.unsaved = false;
    this.sending = false;
    this.failures = 0;
    this.retryTimer = null;
  }

  entries() {
    return this.waiting;
  }

  state() {
    return { waiting: this.waiting.length, refused: this.refused.length, unsaved: this.unsaved };
  }

  save() {
    const kept = writeList(WAITING_KEY, this.waiting);
    this.unsaved = !(writeList(REFUSED_KEY, this.refused) && kept);
    this.onChange(this.state());
  }

  add(url, body) {
    if (!this.waiting.some((entry) => entry.body.id === body.id)) this.waiting.push({ url, body });
    this.save();
    this.flush();
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
      if (response.ok) return { status: response.status };
      const retryAfter = Number.parseInt(response.headers.get("Retry-After"), 10);
      return { status: response.status, retryAfter, ...(await reason(response)) };
    } catch {
      return { status: 0, error: "network", message: "" };
    } finally {
      clearTimeout(timer);
    }
  }

  // Send the waiting answers in order; on a retryable failure wait 1, 2, 4 ... seconds, or
  // as long as the server's Retry-After asks.
  async flush() {
    if (this.sending) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.sending = true;
    try {
      for (let entry = this.waiting[0]; entry; entry = this.waiting[0]) {
        const result = await this.post(entry);
        const at = new Date().toISOString();
        if (retryable(result.status)) {
          entry.attempts = (entry.attempts || 0) + 1;
          entry.last = { status: result.status, error: result.error, message: result.message, at };
          this.save();
          this.failures += 1;
          const backoff = Math.min(2 ** (this.failures - 1), this.maxBackoff);
          const asked = Math.min(result.retryAfter || 0, RETRY_AFTER_CAP_SECONDS);
          this.retryTimer = setTimeout(() => this.flush(), Math.max(backoff, asked) * 1000);
          return;
        }
        this.waiting = this.waiting.filter((other) => other.body.id !== entry.body.id);
        if (result.status >= 300) {
          const { status, error, message } = result;
          this.refused.push({ url: entry.url, body: entry.body, status, error, message, at });
        }
        this.failures = 0;
        this.save();
      }
    } finally {
      this.sending = false;
    }
  }
}
