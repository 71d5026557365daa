// The phone voting page. Every piece of text from the server is set with
// textContent, never as HTML. Votes carry a request id, so a retry after a
// dropped connection counts once.
"use strict";

const HEADERS = { "X-Coprod-Vote": "1" };
const POLL_MS = 2000;
let ballot = null;
let busy = false;
let stopped = false;

const $ = (id) => document.getElementById(id);

function requestId() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function say(text, closed = false) {
  const status = $("status");
  status.textContent = text;
  status.classList.toggle("closed", closed);
}

function expired() {
  stopped = true;
  $("question").textContent = "This voting link has expired";
  $("help").textContent = "Scan the QR code on the big screen again, or type the room code shown there.";
  $("choices").replaceChildren();
  say("");
}

function choiceName(number) {
  const choice = ballot && ballot.choices.find((c) => c.number === number);
  return choice ? `${choice.number}. ${choice.name}` : String(number);
}

function render() {
  const list = $("choices");
  if (!ballot || !ballot.round) {
    $("question").textContent = "Waiting for the next vote";
    $("help").textContent = "The question will appear here when the facilitator opens voting.";
    list.replaceChildren();
    say("");
    return;
  }
  $("title").textContent = ballot.title || "";
  $("question").textContent = ballot.question;
  $("credit").textContent = ballot.credit || "";
  $("help").textContent = ballot.open
    ? "Tap the rung that fits best. You can change your vote until voting closes."
    : "";
  const items = ballot.choices
    .slice()
    .reverse()
    .map((choice) => {
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.number = String(choice.number);
      button.setAttribute("aria-pressed", String(ballot.yourChoice === choice.number));
      button.disabled = !ballot.open || busy;
      const name = document.createElement("span");
      name.className = "name";
      name.textContent = `${choice.number}. ${choice.name}`;
      const hint = document.createElement("span");
      hint.className = "hint";
      hint.textContent = choice.hint;
      button.append(name, hint);
      button.addEventListener("click", () => vote(choice.number));
      const item = document.createElement("li");
      item.append(button);
      return item;
    });
  list.replaceChildren(...items);
  if (!ballot.open) {
    say(
      ballot.yourChoice
        ? `Voting is closed. Your vote was ${choiceName(ballot.yourChoice)}. Thank you!`
        : "Voting is closed.",
      true,
    );
  } else if (ballot.yourChoice) {
    say(`Your vote: ${choiceName(ballot.yourChoice)}. You can change it until voting closes.`);
  } else {
    say("");
  }
}

async function refresh() {
  if (stopped) return;
  try {
    const response = await fetch("api/ballot", { headers: HEADERS, cache: "no-store" });
    if (response.status === 404 || response.status === 401) return expired();
    if (!response.ok) return;
    const next = await response.json();
    const changed = JSON.stringify(next) !== JSON.stringify(ballot);
    ballot = next;
    if (changed && !busy) render();
  } catch (error) {
    say("Cannot reach the facilitator's laptop. Still trying…");
  }
}

async function vote(number, request = requestId(), attempt = 1) {
  if (!ballot || !ballot.open) return;
  busy = true;
  render();
  say(`Sending your vote: ${choiceName(number)}…`);
  try {
    const response = await fetch("api/vote", {
      method: "POST",
      headers: { ...HEADERS, "Content-Type": "application/json" },
      body: JSON.stringify({ round: ballot.round, choice: number, request }),
      cache: "no-store",
    });
    if ((response.status === 429 || response.status === 503) && attempt < 5) {
      await new Promise((resolve) => setTimeout(resolve, 700 * attempt));
      return vote(number, request, attempt + 1);
    }
    if (response.status === 404 || response.status === 401) return expired();
    const result = await response.json();
    busy = false;
    if (response.ok) {
      ballot.yourChoice = result.yourChoice;
      render();
      say(`Thank you, your vote is in: ${choiceName(result.yourChoice)}. You can change it until voting closes.`);
      $("status").scrollIntoView({ block: "nearest" }); // seen at large text sizes too
    } else if (response.status === 409) {
      ballot.open = false;
      render();
    } else {
      await refresh();
      render();
      say("That vote has ended. Here is the current question.");
    }
  } catch (error) {
    busy = false;
    render();
    say("Your vote could not be sent. Check the Wi-Fi and tap again.");
  }
}

refresh();
setInterval(refresh, POLL_MS);
