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

function say(text, closed = false, unseen = "") {
  // The one live region: it always says where things stand (never emptied), and a
  // sentence is written only when it changes, so a poll never repeats it. ``unseen``
  // is read out but not shown (the question is on screen already, as the heading).
  const status = $("status");
  if (status.textContent !== text + unseen) {
    const hidden = document.createElement("span");
    hidden.className = "unseen";
    hidden.textContent = unseen;
    status.replaceChildren(text, ...(unseen ? [hidden] : []));
  }
  status.classList.toggle("closed", closed);
}

function focusInChoices() {
  const active = document.activeElement;
  return !active || active === document.body || $("choices").contains(active);
}

function heading(question, help, title) {
  $("question").textContent = question;
  $("help").textContent = help;
  document.title = title;
}

function expired() {
  stopped = true;
  const moveFocus = focusInChoices();
  heading(
    "This voting link has expired",
    "Scan the QR code on the big screen again, or type the room code shown there.",
    "Voting link expired",
  );
  $("choices").replaceChildren();
  say("This voting link has expired. Scan the QR code on the big screen again.", true);
  if (moveFocus) $("question").focus();
}

function choiceName(number) {
  const choice = ballot && ballot.choices.find((c) => c.number === number);
  return choice ? `${choice.number}. ${choice.name}` : String(number);
}

function choiceButton(choice) {
  const button = document.createElement("button");
  button.type = "button";
  button.dataset.number = String(choice.number);
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
}

let shownRound = null;
let rendered = false; // the page has shown its first state

function render() {
  const list = $("choices");
  const moveFocus = focusInChoices() && document.activeElement !== $("question");
  if (!ballot || !ballot.round) {
    heading(
      "Waiting for the next vote",
      "The question will appear here when the facilitator opens voting.",
      "Waiting for the next vote",
    );
    $("title").textContent = "";
    $("credit").textContent = "";
    list.replaceChildren();
    say("Waiting for the next vote.");
    rendered = true;
    if (shownRound !== null && moveFocus) $("question").focus();
    shownRound = null;
    return;
  }
  // A new question, or the same round with other choices (another ladder chosen).
  const shown = ballot.round + JSON.stringify(ballot.choices);
  const newRound = shownRound !== shown;
  const first = !rendered;
  rendered = true;
  $("title").textContent = ballot.title || "";
  $("credit").textContent = ballot.credit || "";
  heading(
    ballot.question,
    ballot.open ? ballot.task : "",
    `${ballot.open ? "Vote" : "Voting closed"}: ${ballot.question}`,
  );
  if (newRound) {
    // A new question: new buttons, and the keyboard starts again at the question.
    list.replaceChildren(...ballot.choices.slice().reverse().map(choiceButton));
    shownRound = shown;
  }
  // The same buttons are updated in place, so a button that has focus keeps it.
  for (const button of list.querySelectorAll("button")) {
    const number = Number(button.dataset.number);
    button.setAttribute("aria-pressed", String(ballot.yourChoice === number));
    button.disabled = !ballot.open;
    button.setAttribute("aria-disabled", String(busy));
  }
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
    say("Voting is open.", false, ` The question: ${ballot.question}`);
  }
  // Not on the first question: the page has only just opened, and reads from the top.
  if (!first && (newRound || !ballot.open) && moveFocus) $("question").focus();
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
    if (!ballot) document.title = "Cannot reach the facilitator's laptop";
  }
}

async function vote(number, request = requestId(), attempt = 1) {
  if (!ballot || !ballot.open || busy) return;
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

heading("Connecting…", "", "Connecting to the vote");
say("Connecting to the facilitator's laptop…");
refresh();
setInterval(refresh, POLL_MS);
