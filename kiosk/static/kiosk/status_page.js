// /kiosk/{campaign}/status: the outbox of this browser's kiosk, read from local storage.
import { readList, REFUSED_KEY, WAITING_KEY } from "./outbox.js";
import { statusView } from "./status.js";

const data = JSON.parse(document.getElementById("status-data").textContent);
const host = document.getElementById("status");

function render() {
  const lists = { waiting: readList(WAITING_KEY), refused: readList(REFUSED_KEY), unsaved: false };
  host.replaceChildren(statusView(lists, data.text, data.api));
}

render();
// The kiosk in another tab (or window) changes the lists: show them as they are.
window.addEventListener("storage", render);
