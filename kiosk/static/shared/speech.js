// "Lyssna": reads a text aloud. With the browser's own voice for the page's language when it
// has one (the Web Speech API), otherwise by playing the server's recording of the same text
// (espeak-ng, at an address the page's data gives only when the server records speech).
// Without either, no Lyssna button is shown. The texts come from the server (survey/speech.py),
// so both ways say the same; one reading at a time, on every page.

// A browser that has no voices at all may never fire `voiceschanged`: it is waited for this
// long before the page settles for the server's recording.
const VOICES_WAIT_MS = 1500;
const found = new Map();
let current = null;
let audio = null;

function voices() {
  const synth = window.speechSynthesis;
  if (!synth || typeof synth.getVoices !== "function") return Promise.resolve([]);
  const now = synth.getVoices();
  if (now.length) return Promise.resolve(now);
  // Chromium lists its voices only after `voiceschanged`.
  return new Promise((resolve) => {
    const done = () => resolve(synth.getVoices());
    synth.addEventListener("voiceschanged", done, { once: true });
    setTimeout(done, VOICES_WAIT_MS);
  });
}

// The browser's voice for a language tag ("sv-SE", "ar"): the same tag, or the same language.
async function voiceFor(tag) {
  const all = await voices();
  const norm = (lang) => String(lang || "").replace("_", "-").toLowerCase();
  const base = norm(tag).split("-")[0];
  return (
    all.find((voice) => norm(voice.lang) === norm(tag)) ||
    all.find((voice) => norm(voice.lang).split("-")[0] === base) ||
    null
  );
}

// How a text in `tag` can be read here: `{voice}`, `{recorded: true}` when only the server's
// recording can (`recorded` says whether the page has one), or null.
export function listenWay(tag, recorded) {
  if (!found.has(tag)) found.set(tag, voiceFor(tag));
  return found.get(tag).then((voice) => {
    if (voice) return { voice };
    return recorded ? { recorded: true } : null;
  });
}

function audioElement() {
  if (!audio) {
    audio = document.createElement("audio");
    audio.className = "listen-audio";
    audio.preload = "none";
    audio.hidden = true;
    document.body.append(audio);
  }
  return audio;
}

// Stop whatever is being read, on this page.
export function stopReading() {
  if (!current) return;
  const reading = current;
  current = null;
  reading.stop();
  reading.button.setAttribute("aria-pressed", "false");
}

// Read `text` in `tag`, by `way` (from listenWay), or the recording at `url`; pressing the
// same button again stops it.
export function read(button, way, { text, tag, url }) {
  if (current && current.button === button) {
    stopReading();
    return;
  }
  stopReading();
  const reading = { button, stop: () => {} };
  const finished = () => {
    if (current === reading) {
      current = null;
      button.setAttribute("aria-pressed", "false");
    }
  };
  if (way.voice) {
    const synth = window.speechSynthesis;
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = tag;
    try {
      utterance.voice = way.voice;
    } catch {
      // Not a voice this browser made (a page's own stand-in): the language chooses one.
    }
    utterance.addEventListener("end", finished);
    utterance.addEventListener("error", finished);
    synth.cancel();
    synth.speak(utterance);
    reading.stop = () => synth.cancel();
  } else {
    const player = audioElement();
    player.src = url;
    player.onended = finished;
    player.onerror = finished;
    player.play().catch(finished);
    reading.stop = () => player.pause();
  }
  current = reading;
  button.setAttribute("aria-pressed", "true");
}

const SVG = "http://www.w3.org/2000/svg";

// A loudspeaker, drawn (an emoji needs a font a kiosk may lack); hidden from screen readers,
// as the button's text says it all.
export function speakerIcon() {
  const icon = document.createElementNS(SVG, "svg");
  icon.setAttribute("class", "icon");
  icon.setAttribute("viewBox", "0 0 24 24");
  icon.setAttribute("aria-hidden", "true");
  const body = document.createElementNS(SVG, "path");
  body.setAttribute("d", "M3 9v6h4l5 5V4L7 9H3z");
  body.setAttribute("fill", "currentColor");
  const waves = document.createElementNS(SVG, "path");
  waves.setAttribute("d", "M16 8.5a5 5 0 0 1 0 7M19 5.5a9 9 0 0 1 0 13");
  waves.setAttribute("fill", "none");
  waves.setAttribute("stroke", "currentColor");
  waves.setAttribute("stroke-width", "2");
  waves.setAttribute("stroke-linecap", "round");
  icon.append(body, waves);
  return icon;
}

// A Lyssna button (`<button class="listen">` with its label), shown once the page knows it
// can read in `tag`; `what()` gives the text and the recording's address at the time of the
// press.
export function listenButton(button, tag, recorded, what) {
  // With the server's recordings there is always a way to read: the button stays as it is.
  if (!recorded) button.hidden = true;
  button.setAttribute("aria-pressed", "false");
  const found = listenWay(tag, recorded);
  found.then((way) => {
    // How it reads, for styles and checks: "voice", "recorded" or "none" (the button stays hidden).
    button.dataset.way = way ? (way.voice ? "voice" : "recorded") : "none";
    if (way) button.hidden = false;
  });
  // A press before the way is known (a shown button, while the voices load) still reads.
  button.addEventListener("click", () => found.then((way) => {
    if (way) read(button, way, { tag, ...what() });
  }));
  return button;
}
