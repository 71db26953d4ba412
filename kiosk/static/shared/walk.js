// The walk through a survey, shared by the kiosk and the web survey. The steps and every rule
// about them come from the server (GET /api/v1/campaigns/{id}, `steps`; survey/walk.py):
// whether a step may be skipped (`required`), how many areas it takes (`pick`), how many
// options a question takes (`min`, `max`), and where a step changed from the summary returns
// to (`returns_to`). No channel keeps an order or a rule of its own, and the server still
// judges the answer when it arrives.

// Where the resident is in the steps, and whether the step was opened from the summary.
export class Walk {
  constructor(steps) {
    this.steps = steps;
    this.index = 0;
    // Set while a step opened from the summary is changed: leaving it returns there.
    this.changing = false;
  }

  get step() {
    return this.steps[this.index];
  }

  indexOf(id) {
    return this.steps.findIndex((step) => step.id === id);
  }

  // Go to the step at `index`; a step that returns nowhere (the summary) ends a change.
  go(index) {
    this.index = Math.max(0, Math.min(index, this.steps.length - 1));
    if (!this.step.returns_to) this.changing = false;
    return this.step;
  }

  goTo(id) {
    return this.go(this.indexOf(id));
  }

  // On to the following step, or back to where a step opened from the summary returns to.
  next() {
    const returnsTo = this.step.returns_to;
    if (this.changing && returnsTo) return this.goTo(returnsTo);
    return this.go(this.index + 1);
  }

  previous() {
    return this.go(this.index - 1);
  }

  // Whether Next leads back to the summary rather than on.
  get returning() {
    return this.changing && Boolean(this.step.returns_to);
  }

  // From the summary, open a step to change it; leaving it returns to the summary.
  change(id) {
    const index = this.indexOf(id);
    if (index < 0 || !changeable(this.steps[index])) return null;
    this.go(index);
    this.changing = true;
    return this.step;
  }
}

// Whether a question is answered with several ticks: a multi's options, a place question's
// zones (the list that is the map's text alternative).
export function several(step) {
  return step.kind === "multi" || step.kind === "place";
}

// What a question lists to tick: its options, or a place question's zones.
export function choicesOf(step) {
  return step.zones || step.options;
}

// Whether a step may be left without an answer (skipping stores none).
export function skippable(step) {
  return step.required === false;
}

// Whether the summary offers to change a step.
export function changeable(step) {
  return Boolean(step.returns_to);
}

// How many a step lets the resident tick: the areas' `pick`, a question's `max`.
export function most(step) {
  if (step.type === "areas") return step.pick;
  return several(step) ? step.max : 1;
}

// Nothing given: no areas, no comment, a question not answered (or a multi with none ticked).
export function empty(given) {
  return given === undefined || given === null || given === "" || given.length === 0;
}

// What keeps the resident from leaving `step` with `given` (the areas' ids, the comment's
// text, a question's answer: an option id or a list of them), as a problem code the server
// would give too, with its step; null when nothing does. An optional step left empty is
// skipped.
export function problemWith(step, given) {
  if (!["areas", "comment", "choice"].includes(step.type)) return null; // nothing to give
  if (empty(given)) {
    if (skippable(step)) return null;
    if (step.type === "areas") return "areas.count";
    return step.type === "comment" ? "comment.required" : "question.required";
  }
  if (step.type === "areas" && given.length !== step.pick) return "areas.count";
  if (step.type === "choice" && several(step)) {
    if (given.length < (step.min || 1)) return "multi.too_few";
    if (given.length > step.max) return "multi.too_many";
  }
  return null;
}

// Tick or untick `id` among `picked`: a refusal when one more than the step allows; a
// multi's picks in the order of its options, as the server and the other channels keep them.
export function toggle(step, picked, id) {
  if (picked.includes(id)) return { picked: picked.filter((each) => each !== id), refused: null };
  if (picked.length >= most(step)) {
    return { picked, refused: step.type === "areas" ? "areas.too_many" : "multi.too_many" };
  }
  const ticked = [...picked, id];
  if (!step.options) return { picked: ticked, refused: null };
  return { picked: choicesOf(step).filter((option) => ticked.includes(option)), refused: null };
}
