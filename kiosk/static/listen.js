// "Lyssna" on the promise and results pages: each button reads its section, as the server
// wrote it into the button's data (survey/speech.py), with the browser's voice or the
// server's recording (shared/speech.js).
import { listenButton } from "./shared/speech.js";

for (const button of document.querySelectorAll("button.listen[data-speech]")) {
  const { speech, speechLang, speechAudio } = button.dataset;
  listenButton(button, speechLang, Boolean(speechAudio), () => ({ text: speech, url: speechAudio }));
}
