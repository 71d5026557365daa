// The phone page: a vote, or a note or an action for the step the room is on.
// Every piece of text from the server is set with textContent, never as HTML.
// Votes, notes and actions carry a request id, so a retry after a dropped
// connection counts once. Every sentence the page shows is in STRINGS, so a
// translation (Welsh first) is this one table.
"use strict";

const STRINGS = {
  connecting: "Connecting…",
  connectingTitle: "Connecting to the vote",
  connectingStatus: "Connecting to the facilitator's laptop…",
  unreachable: "Cannot reach the facilitator's laptop. Still trying…",
  unreachableTitle: "Cannot reach the facilitator's laptop",
  expiredHeading: "This voting link has expired",
  expiredHelp: "Scan the QR code on the big screen again, or type the room code shown there.",
  expiredTitle: "Voting link expired",
  expiredStatus: "This voting link has expired. Scan the QR code on the big screen again.",
  waitingHeading: "Waiting for the next vote",
  waitingHelp: "The question will appear here when the facilitator opens voting.",
  waitingStatus: "Waiting for the next vote.",
  // what each step's vote asks, by the step's kind (the server's words otherwise)
  voteTask: {
    ladder: "Tap the rung that fits best. You can change your vote until voting closes.",
    elements: "Tap the number that fits how the group works on this element now. " +
      "You can change your answer until voting closes.",
  },
  voteTitle: (q) => `Vote: ${q}`,
  closedTitle: (q) => `Voting closed: ${q}`,
  voteClosedWith: (c) => `Voting is closed. Your vote was ${c}. Thank you!`,
  voteClosed: "Voting is closed.",
  yourVote: (c) => `Your vote: ${c}. You can change it until voting closes.`,
  voteOpen: "Voting is open.",
  theQuestion: (q) => ` The question: ${q}`,
  sendingVote: (c) => `Sending your vote: ${c}…`,
  voteIn: (c) => `Thank you, your vote is in: ${c}. You can change it until voting closes.`,
  voteEnded: "That vote has ended. Here is the current question.",
  voteNotSent: "Your vote could not be sent. Check the Wi-Fi and tap again.",
  // notes and actions
  note: {
    heading: (step) => `Send a note: ${step}`,
    task: (limit) => "Choose whose side and which row your note is about, write it, and " +
      `send it. The facilitator reads every note before the room sees it. ${limit} characters at most.`,
    where: "Where does your note go?",
    label: "Your note",
    send: "Send note",
    yours: "Your notes",
    open: "You can send notes now.",
    closed: "The facilitator is not taking notes just now.",
    choosePlace: "Choose where your note goes, then send it again.",
    done: "",
  },
  action: {
    heading: (step) => `Suggest an action: ${step}`,
    task: (limit) => "Suggest a small step the group could take: what, and if you like who " +
      `and by when. The facilitator reads every action before the room sees it. ${limit} characters at most.`,
    where: "",
    label: "What could be done",
    send: "Send action",
    yours: "Your actions",
    open: "You can send actions now.",
    closed: "The facilitator is not taking actions just now.",
    choosePlace: "",
    done: "",
  },
  feedback: {
    heading: (step) => `Your feedback: ${step}`,
    task: () => "Choose a number from 1 to 5 for each question, and add a sentence if " +
      "you like. Your answers are anonymous, and nobody sees the counts until the facilitator shows them.",
    label: "Anything you would like to add? (optional)",
    send: "Send feedback",
    yours: "",
    open: "You can give your feedback now.",
    closed: "The facilitator is not taking feedback just now.",
    done: "Thank you: your feedback is in.",
    chooseRating: "Choose a number for at least one question, then send again.",
    questions: [
      { legend: "How was today for you?", low: "not good", high: "very good" },
      { legend: "Did you feel listened to?", low: "not at all", high: "completely" },
    ],
  },
  dot: {
    heading: (step) => `Dots: ${step}`,
    task: (n) => `You have ${n} dots. Put them on what matters most to you: several on one ` +
      "if you like. Nobody sees the counts until the facilitator shows them.",
    open: (placed, n) => `You have placed ${placed} of your ${n} dots.`,
    closed: (placed) => `The dot round is closed. You placed ${placed}. Thank you!`,
    add: "Add a dot",
    remove: "Take one off",
    to: (item) => ` to: ${item}`,
    from: (item) => ` from: ${item}`,
    yours: (n) => (n === 1 ? "1 of your dots" : `${n} of your dots`),
    placed: (item, n) => `Dot placed on: ${item}. ${n} left.`,
    taken: (item, n) => `Dot taken off: ${item}. ${n} left.`,
    allPlaced: (n) => `All ${n} of your dots are placed. Take one off to put it somewhere else.`,
  },
  role: {
    question: "Which best describes you? (you may skip this)",
    help: "Your answer is counted, never named. You can change it: it counts once.",
    unsaid: "I'd rather not say",
    open: "Tap the answer that fits you, or skip this.",
    closed: "The facilitator is not asking this just now.",
    yours: (answer) => `Thank you. Your answer: ${answer}. You can change it.`,
  },
  who: "Who (optional)",
  when: "By when (optional)",
  left: (n) => `${n} characters left`,
  over: (n, limit) => `${n} characters too many: at most ${limit} fit. Please shorten it.`,
  empty: "Please write something first.",
  tooLong: (n, limit) => `This is ${n} characters long; at most ${limit} fit. ` +
    "Please shorten it and send it again. Nothing was sent.",
  sending: "Sending…",
  sent: "Sent. The facilitator will read it before the room sees it.",
  shown: "Sent. It is on the big screen now.",
  duplicate: "Already sent: it arrived once.",
  notSent: "It could not be sent. Check the Wi-Fi and send it again: your words are still here.",
  stale: "The room has moved on, so this was not sent. Your words are still here.",
  closedNow: "The facilitator is not taking these just now. Your words are still here.",
  limit: (n) => `This phone has sent as many as one phone may here (${n}). ` +
    "Please tell the facilitator if there is more to say.",
  full: "The facilitator's inbox for this step is full. Please say it out loud instead.",
  sentCount: (n, most) => `You have sent ${n} of ${most}.`,
  statuses: {
    waiting: "waiting for the facilitator",
    accepted: "on the big screen",
    "set aside": "set aside by the facilitator",
  },
  accepted: (t) => `The facilitator put yours on the big screen: “${t}”.`,
  setAside: (t) => `The facilitator set yours aside: “${t}”.`,
};

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
  const moveFocus = focusInChoices() || $("send").contains(document.activeElement);
  heading(STRINGS.expiredHeading, STRINGS.expiredHelp, STRINGS.expiredTitle);
  $("choices").replaceChildren();
  $("send").hidden = true;
  $("yours-section").hidden = true;
  say(STRINGS.expiredStatus, true);
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
  if (ballot && ballot.board && !(ballot.round && ballot.open)) return renderBoard(ballot.board);
  hideBoard();
  const list = $("choices");
  const moveFocus = focusInChoices() && document.activeElement !== $("question");
  if (!ballot || !ballot.round) {
    heading(STRINGS.waitingHeading, STRINGS.waitingHelp, STRINGS.waitingHeading);
    $("title").textContent = "";
    $("credit").textContent = "";
    list.replaceChildren();
    say(STRINGS.waitingStatus);
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
    ballot.open ? STRINGS.voteTask[ballot.kind] || ballot.task : "",
    (ballot.open ? STRINGS.voteTitle : STRINGS.closedTitle)(ballot.question),
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
      ballot.yourChoice ? STRINGS.voteClosedWith(choiceName(ballot.yourChoice)) : STRINGS.voteClosed,
      true,
    );
  } else if (ballot.yourChoice) {
    say(STRINGS.yourVote(choiceName(ballot.yourChoice)));
  } else {
    say(STRINGS.voteOpen, false, STRINGS.theQuestion(ballot.question));
  }
  // Not on the first question: the page has only just opened, and reads from the top.
  if (!first && (newRound || !ballot.open) && moveFocus) $("question").focus();
}

// -- notes and actions ------------------------------------------------------------
let shownBoard = null; // step + round + places on show
let sending = false;
let lastSaid = ""; // the outcome of the last send, kept until the board changes
const statusOf = new Map(); // your text -> its last status, to say when it changes

function hideBoard() {
  $("send").hidden = true;
  $("dot-items").hidden = true;
  $("yours-section").hidden = true;
  shownBoard = null;
}

function placeOption(place, index) {
  const id = `place-${place.number}`;
  const row = document.createElement("div");
  row.className = "place";
  const input = document.createElement("input");
  input.type = "radio";
  input.name = "place";
  input.id = id;
  input.value = String(place.number);
  const label = document.createElement("label");
  label.htmlFor = id;
  label.textContent = place.name;
  row.append(input, label);
  return row;
}

function ratingGroup(place, index) {
  // One question of the feedback: five radio buttons, the ends named.
  const words = STRINGS.feedback.questions[index] || { legend: place.name, low: "", high: "" };
  const set = document.createElement("fieldset");
  set.className = "rating";
  const legend = document.createElement("legend");
  legend.textContent = words.legend;
  const options = document.createElement("div");
  options.className = "places";
  for (let n = 1; n <= 5; n++) {
    const id = `rating-${place.number}-${n}`;
    const row = document.createElement("div");
    row.className = "place";
    const input = document.createElement("input");
    input.type = "radio";
    input.name = `rating-${place.number}`;
    input.id = id;
    input.value = String(n);
    const label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = n === 1 ? `1 (${words.low})` : n === 5 ? `5 (${words.high})` : String(n);
    row.append(input, label);
    options.append(row);
  }
  set.append(legend, options);
  return set;
}

function dotItem(place, index, board) {
  const words = STRINGS.dot;
  const item = document.createElement("li");
  const name = document.createElement("p");
  name.className = "name";
  name.textContent = place.name;
  const mine = document.createElement("p");
  mine.className = "hint";
  mine.id = `dots-${place.number}`;
  mine.textContent = words.yours(board.yourDots[index] || 0);
  const buttons = document.createElement("div");
  buttons.className = "dot-buttons";
  for (const [remove, text, where] of [[false, words.add, words.to], [true, words.remove, words.from]]) {
    const button = document.createElement("button");
    button.type = "button";
    button.dataset.place = String(place.number);
    button.dataset.remove = String(remove);
    const hidden = document.createElement("span");
    hidden.className = "unseen";
    hidden.textContent = where(place.name);
    button.append(text, hidden);
    button.setAttribute("aria-describedby", mine.id);
    button.disabled = !board.open || (remove ? !board.yourDots[index] : board.sent >= board.perPhone);
    button.addEventListener("click", () => placeDot(place, remove));
    buttons.append(button);
  }
  item.append(name, mine, buttons);
  return item;
}

async function tap(path, body) {
  // One tap's request, retried with the same request id while the laptop is busy;
  // null if the phone could not reach it.
  let result = {};
  let response = null;
  try {
    for (let attempt = 1; attempt <= 5; attempt++) {
      response = await fetch(path, {
        method: "POST",
        headers: { ...HEADERS, "Content-Type": "application/json" },
        body: JSON.stringify(body),
        cache: "no-store",
      });
      result = await response.json().catch(() => ({}));
      const retry = response.status === 503 || (response.status === 429 && result.status !== "limit");
      if (!retry) break;
      await new Promise((resolve) => setTimeout(resolve, 700 * attempt));
    }
  } catch (error) {
    return null;
  }
  return { response, result };
}

// -- who took part: a phone says its role (optional, counted, never named) ------------
function roleItem(place) {
  const item = document.createElement("li");
  const button = document.createElement("button");
  button.type = "button";
  button.dataset.name = place.number ? place.name : "";
  button.textContent = place.name;
  button.addEventListener("click", () => answerRole(place));
  item.append(button);
  return item;
}

async function answerRole(place) {
  const board = ballot && ballot.board;
  if (!board || sending) return;
  sending = true;
  const text = place.number ? place.name : "";
  const sent = await tap("api/role", {
    step: board.step, round: board.round, request: requestId(), place: place.number, text,
  });
  sending = false;
  if (!sent) return say(STRINGS.notSent, true);
  const { response, result } = sent;
  if (response.status === 404 || response.status === 401) return expired();
  if (response.ok) lastSaid = STRINGS.role.yours(place.name);
  else lastSaid = { stale: STRINGS.stale, closed: STRINGS.closedNow, limit: STRINGS.limit(board.perPhone) }[result.status] || STRINGS.notSent;
  await refresh();
  say(lastSaid, !response.ok);
}

// A page of buttons, one per item (roles, dots): what both set up the same way. Returns
// whether the board is new here, and whether the keyboard goes to its question.
function showItemList(board, title, roles) {
  const key = board.step + board.round + JSON.stringify(board.places);
  const fresh = shownBoard !== key;
  const moveFocus = fresh && rendered && !$("dot-items").contains(document.activeElement);
  rendered = true;
  $("choices").replaceChildren();
  shownRound = null;
  $("send").hidden = true;
  $("yours-section").hidden = true;
  $("title").textContent = title;
  $("credit").textContent = "";
  const list = $("dot-items");
  list.hidden = false;
  list.classList.toggle("roles", roles);
  return { fresh, moveFocus, list, key };
}

function renderRoles(board) {
  const words = STRINGS.role;
  const { fresh, moveFocus, list, key } = showItemList(board, board.title, true);
  heading(words.question, words.help, words.question);
  if (fresh) {
    shownBoard = key;
    lastSaid = "";
    const places = [...board.places, { number: 0, name: words.unsaid }];
    list.replaceChildren(...places.map(roleItem));
  }
  const yours = board.yours || [];
  const mine = yours.length ? yours[yours.length - 1].text : null;
  for (const button of list.querySelectorAll("button")) {
    button.disabled = !board.open;
    button.setAttribute("aria-pressed", String(mine === button.dataset.name));
  }
  if (!board.open) say(words.closed, true);
  else if (lastSaid) say(lastSaid);
  else if (mine !== null) say(words.yours(mine || words.unsaid));
  else say(words.open, false, " " + words.question);
  if (moveFocus) $("question").focus();
}

async function placeDot(place, remove) {
  const board = ballot && ballot.board;
  if (!board || sending) return;
  sending = true;
  const body = { step: board.step, round: board.round, request: requestId(), place: place.number, remove };
  const sent = await tap("api/dot", body);
  sending = false;
  if (!sent) return say(STRINGS.notSent, true);
  const { response, result } = sent;
  if (response.status === 404 || response.status === 401) return expired();
  await refresh();
  const now = ballot && ballot.board;
  const left = now ? now.perPhone - now.sent : 0;
  if (response.ok) lastSaid = (remove ? STRINGS.dot.taken : STRINGS.dot.placed)(place.name, left);
  else if (result.status === "limit") lastSaid = STRINGS.dot.allPlaced(board.perPhone);
  else lastSaid = { stale: STRINGS.stale, closed: STRINGS.closedNow }[result.status] || STRINGS.notSent;
  say(lastSaid, !response.ok);
}

function renderDots(board) {
  const words = STRINGS.dot;
  const { fresh, moveFocus, list, key } = showItemList(board, "", false);
  heading(words.heading(board.title), words.task(board.perPhone), words.heading(board.title));
  if (fresh) {
    shownBoard = key;
    lastSaid = "";
    list.replaceChildren(...board.places.map((place, index) => dotItem(place, index, board)));
  } else {
    // In place, so the button pressed keeps the keyboard.
    for (const [index, place] of board.places.entries()) {
      $(`dots-${place.number}`).textContent = words.yours(board.yourDots[index] || 0);
    }
    for (const button of list.querySelectorAll("button")) {
      const index = Number(button.dataset.place) - 1;
      const remove = button.dataset.remove === "true";
      button.disabled = !board.open || (remove ? !board.yourDots[index] : board.sent >= board.perPhone);
    }
  }
  if (!board.open) say(words.closed(board.sent), true);
  else if (lastSaid) say(lastSaid);
  else say(words.open(board.sent, board.perPhone), false, " " + words.task(board.perPhone));
  if (moveFocus) $("question").focus();
}

function renderBoard(board) {
  if (board.kind === "dot") return renderDots(board);
  if (board.kind === "role") return renderRoles(board);
  $("dot-items").hidden = true;
  const words = STRINGS[board.kind];
  const key = board.step + board.round + JSON.stringify(board.places);
  const first = !rendered;
  const fresh = shownBoard !== key;
  const moveFocus = fresh && !first && !$("send").contains(document.activeElement);
  rendered = true;
  $("choices").replaceChildren();
  shownRound = null;
  $("title").textContent = "";
  $("credit").textContent = "";
  heading(words.heading(board.title), words.task(board.limit), words.heading(board.title));
  const form = $("send");
  form.hidden = false;
  if (fresh) {
    shownBoard = key;
    lastSaid = "";
    $("places-set").hidden = board.kind !== "note";
    $("places-legend").textContent = words.where || "";
    $("places").replaceChildren(...(board.kind === "note" ? board.places.map(placeOption) : []));
    $("ratings").replaceChildren(
      ...(board.kind === "feedback" ? board.places.map(ratingGroup) : []),
    );
    $("text-label").textContent = words.label;
    $("action-extra").hidden = board.kind !== "action";
    $("who-label").textContent = STRINGS.who;
    $("when-label").textContent = STRINGS.when;
    $("send-button").textContent = words.send;
    $("yours-heading").textContent = words.yours;
    problem("");
    countLeft();
  }
  $("send-button").disabled = !board.open;
  renderYours(board);
  const done = words.done && board.sent >= board.perPhone;
  form.hidden = Boolean(done);
  if (done) {
    $("help").textContent = "";
    say(words.done);
  } else if (!board.open) {
    say(words.closed, true);
  } else if (lastSaid) {
    say(lastSaid);
  } else {
    say(words.open, false, " " + words.task(board.limit));
  }
  if (moveFocus) $("question").focus();
}

function renderYours(board) {
  const yours = board.kind === "feedback" ? [] : board.yours || [];
  $("yours-section").hidden = yours.length === 0;
  const items = yours.map((mine) => {
    const item = document.createElement("li");
    const text = document.createElement("span");
    text.textContent = mine.text;
    const where = document.createElement("span");
    where.className = "hint";
    where.textContent = ` — ${STRINGS.statuses[mine.status] || mine.status}`;
    item.append(text, where);
    const before = statusOf.get(mine.text);
    if (before && before !== mine.status) {
      if (mine.status === "accepted") lastSaid = STRINGS.accepted(mine.text);
      if (mine.status === "set aside") lastSaid = STRINGS.setAside(mine.text);
    }
    statusOf.set(mine.text, mine.status);
    return item;
  });
  const count = document.createElement("li");
  count.className = "hint";
  count.textContent = STRINGS.sentCount(board.sent, board.perPhone);
  $("yours").replaceChildren(...items, count);
}

function length(text) {
  return Array.from(text.trim().split(/\s+/).join(" ")).length;
}

function countLeft() {
  const board = ballot && ballot.board;
  if (!board) return;
  const n = length($("text").value);
  const over = n - board.limit;
  $("text-count").textContent = over > 0 ? STRINGS.over(over, board.limit) : STRINGS.left(-over);
  $("text-count").classList.toggle("over", over > 0);
}

function problem(text, field = null) {
  const shown = $("problem");
  shown.textContent = text;
  shown.hidden = !text;
  for (const id of ["text", "who", "when"]) {
    const input = $(id);
    const bad = field === id;
    input.toggleAttribute("aria-invalid", bad);
    input.setAttribute("aria-describedby", (id === "text" ? "text-count" : "") + (bad ? " problem" : ""));
    if (!input.getAttribute("aria-describedby").trim()) input.removeAttribute("aria-describedby");
  }
  const places = $("places-set");
  places.toggleAttribute("aria-invalid", field === "place");
  for (const set of $("ratings").querySelectorAll("fieldset")) {
    set.toggleAttribute("aria-invalid", field === "ratings");
  }
  if (text) say(text, true);
}

async function send(event) {
  event.preventDefault();
  const board = ballot && ballot.board;
  if (!board || sending) return;
  const words = STRINGS[board.kind];
  const text = $("text").value;
  const chosen = document.querySelector('input[name="place"]:checked');
  if (board.kind === "note" && !chosen) {
    problem(words.choosePlace, "place");
    $("places").querySelector("input").focus();
    return;
  }
  const ratings = board.places.map((place) => {
    const chosen = document.querySelector(`input[name="rating-${place.number}"]:checked`);
    return chosen ? Number(chosen.value) : 0;
  });
  if (board.kind === "feedback" && !ratings.some((n) => n > 0)) {
    problem(words.chooseRating, "ratings");
    $("ratings").querySelector("input").focus();
    return;
  }
  if (!text.trim() && board.kind !== "feedback") {
    problem(STRINGS.empty, "text");
    $("text").focus();
    return;
  }
  if (length(text) > board.limit) {
    problem(STRINGS.tooLong(length(text), board.limit), "text");
    $("text").focus();
    return;
  }
  problem("");
  const body = { step: board.step, round: board.round, request: requestId(), text };
  if (board.kind === "note") body.place = Number(chosen.value);
  else if (board.kind === "feedback") body.ratings = ratings;
  else Object.assign(body, { who: $("who").value, when: $("when").value });
  sending = true;
  $("send-button").setAttribute("aria-disabled", "true");
  say(STRINGS.sending);
  try {
    await post(`api/${board.kind}`, body);
  } finally {
    sending = false;
    $("send-button").removeAttribute("aria-disabled");
  }
}

async function post(path, body, attempt = 1) {
  let response;
  let result = {};
  try {
    response = await fetch(path, {
      method: "POST",
      headers: { ...HEADERS, "Content-Type": "application/json" },
      body: JSON.stringify(body),
      cache: "no-store",
    });
    result = await response.json().catch(() => ({}));
  } catch (error) {
    return problem(STRINGS.notSent);
  }
  const retry = response.status === 503 || (response.status === 429 && result.status !== "limit");
  if (retry && attempt < 5) {
    await new Promise((resolve) => setTimeout(resolve, 700 * attempt));
    return post(path, body, attempt + 1); // the same request id: taken once
  }
  if (response.status === 404 || response.status === 401) return expired();
  const said = {
    received: STRINGS.sent, shown: STRINGS.shown, duplicate: STRINGS.duplicate,
    stale: STRINGS.stale, closed: STRINGS.closedNow, full: STRINGS.full,
    limit: STRINGS.limit(ballot && ballot.board ? ballot.board.perPhone : ""),
  }[result.status];
  if (response.ok) {
    // Safely in: the fields empty for the next one; the keyboard stays where it was.
    $("text").value = "";
    $("who").value = "";
    $("when").value = "";
    countLeft();
    lastSaid = said;
    say(said);
    await refresh();
    return;
  }
  if (result.status === "too long" || result.status === "invalid") {
    return problem(result.message || STRINGS.notSent, "text");
  }
  problem(said || STRINGS.notSent);
  if (result.status === "stale") await refresh();
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
    say(STRINGS.unreachable);
    if (!ballot) document.title = STRINGS.unreachableTitle;
  }
}

async function vote(number, request = requestId(), attempt = 1) {
  if (!ballot || !ballot.open || busy) return;
  busy = true;
  render();
  say(STRINGS.sendingVote(choiceName(number)));
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
      say(STRINGS.voteIn(choiceName(result.yourChoice)));
      $("status").scrollIntoView({ block: "nearest" }); // seen at large text sizes too
    } else if (response.status === 409) {
      ballot.open = false;
      render();
    } else {
      await refresh();
      render();
      say(STRINGS.voteEnded);
    }
  } catch (error) {
    busy = false;
    render();
    say(STRINGS.voteNotSent);
  }
}

$("send").addEventListener("submit", send);
$("text").addEventListener("input", countLeft);
heading(STRINGS.connecting, "", STRINGS.connectingTitle);
say(STRINGS.connectingStatus);
refresh();
setInterval(refresh, POLL_MS);
