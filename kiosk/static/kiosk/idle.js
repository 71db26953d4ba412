// Forgetting the last person: after a while without a touch, ask "Are you still there?",
// and a little later start again from the attract screen.

export class IdleWatch {
  constructor({ warnAfter, resetAfter, onWarn, onReset }) {
    this.warnAfter = warnAfter * 1000;
    this.resetAfter = resetAfter * 1000;
    this.onWarn = onWarn;
    this.onReset = onReset;
    this.timers = [];
    this.active = false;
    for (const type of ["pointerdown", "keydown", "touchstart", "wheel"]) {
      document.addEventListener(type, () => this.touched(), { capture: true, passive: true });
    }
  }

  start() {
    this.active = true;
    this.touched();
  }

  stop() {
    this.active = false;
    this.clear();
  }

  clear() {
    this.timers.forEach(clearTimeout);
    this.timers = [];
  }

  touched() {
    if (!this.active) return;
    this.clear();
    this.timers.push(setTimeout(this.onWarn, this.warnAfter));
    this.timers.push(setTimeout(this.onReset, this.resetAfter));
  }
}
