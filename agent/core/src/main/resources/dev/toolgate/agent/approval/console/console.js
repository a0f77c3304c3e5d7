// The Toolgate approval console. Everything shown comes from the agent's JSON API and is put into the page as
// text (textContent, never HTML): tool arguments are written by whoever steers the model.
"use strict";

const GRANTS = ["once", "session", "always"];
const state = {
  csrf: null,
  approver: null,
  pending: [],
  sessions: {},
  selected: null,
  clockOffset: 0,
  firstShown: new Map(),
  rows: new Map(),
  answering: new Set(),
  events: null,
  inflight: false,
  dirty: false,
  outcome: new Map(),
};

function $(id) { return document.getElementById(id); }

/** An element with attributes and children; strings become text nodes. */
function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") node.className = value;
    else if (name.startsWith("data-")) node.setAttribute(name, String(value));
    else if (name === "onclick") node.addEventListener("click", value);
    else node.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

async function api(method, path, body) {
  const headers = { "Accept": "application/json" };
  if (method !== "GET") {
    headers["Content-Type"] = "application/json";
    if (state.csrf) headers["X-Toolgate-CSRF"] = state.csrf;
  }
  const response = await fetch(path, {
    method, headers, credentials: "same-origin", cache: "no-store",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let data = null;
  try { data = await response.json(); } catch (e) { data = null; }
  if (!response.ok) {
    const message = data && data.error ? data.error : "HTTP " + response.status;
    if (response.status === 401 && path !== "login") showLogin(message);
    throw new ApiError(response.status, message);
  }
  return data;
}

function showLogin(message) {
  state.csrf = null;
  if (state.events) { state.events.close(); state.events = null; }
  $("console").hidden = true;
  $("who").hidden = true;
  $("login").hidden = false;
  $("login-error").textContent = message || "";
}

function showConsole(session) {
  state.csrf = session.csrf;
  state.approver = session.approver;
  $("login").hidden = true;
  $("console").hidden = false;
  $("who").hidden = false;
  $("approver-name").textContent = "Signed in as " + session.approver;
  listen();
  refresh();
}

async function signIn(event) {
  event.preventDefault();
  $("login-error").textContent = "";
  try {
    const session = await api("POST", "login", { token: $("token").value, approver: $("approver").value });
    $("token").value = "";
    showConsole(session);
  } catch (e) {
    $("login-error").textContent = e.message;
  }
}

async function signOut() {
  try { await api("POST", "logout"); } catch (e) { /* shown by api() */ }
  showLogin("Signed out.");
}

function listen() {
  if (state.events) state.events.close();
  const events = new EventSource("api/events");
  state.events = events;
  events.addEventListener("open", () => { $("live").textContent = "live"; $("live").className = "live on"; });
  events.addEventListener("changed", () => refresh());
  events.addEventListener("expired", () => showLogin("The console session has expired; sign in again."));
  events.addEventListener("error", () => {
    $("live").textContent = "reconnecting…";
    $("live").className = "live";
    refresh();
  });
}

/** Fetches what is shown; changes that arrive meanwhile make one more fetch, not one each. */
async function refresh() {
  if (state.inflight) { state.dirty = true; return; }
  state.inflight = true;
  try {
    do {
      state.dirty = false;
      const [pending, grants, decisions] = await Promise.all([
        api("GET", "api/pending"), api("GET", "api/grants"), api("GET", "api/decisions")]);
      state.clockOffset = Date.parse(pending.now) - Date.now();
      state.pending = pending.pending;
      state.sessions = pending.sessions;
      renderPending(pending.capacity);
      renderGrants(grants);
      renderDecisions(decisions);
    } while (state.dirty);
  } catch (e) {
    // A 401 has shown the sign-in; anything else is retried on the next event.
  } finally {
    state.inflight = false;
  }
}

function timeLeft(request) {
  const left = Date.parse(request.expires_at) - (Date.now() + state.clockOffset);
  return Math.max(0, Math.round(left / 1000));
}

function formatLeft(seconds) {
  return seconds >= 60 ? Math.floor(seconds / 60) + " min " + (seconds % 60) + " s" : seconds + " s";
}

function risk(level) {
  return el("span", { class: "risk risk-" + level }, level);
}

function pendingRow(request) {
  return el("tr", {
    class: "pending-row",
    "data-id": request.id,
    "data-shown-at": state.firstShown.get(request.id),
    "data-created-at": Date.parse(request.created_at),
    onclick: () => select(request.id),
  },
    el("td", { class: "tool" }, el("strong", {}, request.tool), el("div", { class: "muted mono clip" }, summary(request.params))),
    el("td", {}, risk(request.risk_level)),
    el("td", {}, request.role),
    el("td", { class: "clip", title: request.agent_id + " / " + request.session_id }, request.agent_id, " / ", request.session_id),
    el("td", { class: "left", "data-expires": request.expires_at }, formatLeft(timeLeft(request))));
}

function renderPending(capacity) {
  const rows = $("pending-rows");
  const now = Date.now();
  const live = new Set();
  const fragment = document.createDocumentFragment();
  // A request never changes while it waits: its row is built once and reused.
  for (const request of state.pending) {
    live.add(request.id);
    if (!state.firstShown.has(request.id)) state.firstShown.set(request.id, now);
    let row = state.rows.get(request.id);
    if (!row) {
      row = pendingRow(request);
      state.rows.set(request.id, row);
    }
    row.classList.toggle("selected", request.id === state.selected);
    fragment.append(row);
  }
  rows.replaceChildren(fragment);
  for (const id of [...state.rows.keys()]) if (!live.has(id)) { state.rows.delete(id); state.firstShown.delete(id); }
  $("pending-count").textContent = state.pending.length;
  $("pending-empty").hidden = state.pending.length > 0;
  $("pending-table").hidden = state.pending.length === 0;
  $("pending-count").title = "at most " + capacity + " wait at once; beyond that the oldest are refused";
  if (state.selected === null && state.pending.length > 0) state.selected = state.pending[0].id;
  renderDetail();
}

/** The argument values in one short line, for lists; the detail shows them whole. */
function summary(params) {
  const text = Object.values(params || {}).map(v => typeof v === "string" ? v : JSON.stringify(v)).join(", ");
  return text.length > 80 ? text.slice(0, 77) + "…" : text;
}

function select(id) {
  state.selected = id;
  for (const row of $("pending-rows").children) row.classList.toggle("selected", row.dataset.id === id);
  renderDetail();
}

function renderDetail() {
  const detail = $("detail");
  const request = state.pending.find(r => r.id === state.selected);
  const outcome = state.outcome.get(state.selected);
  if (!request && state.answering.has(state.selected)) {
    // Our answer is on its way: what it gets back is shown, not that the request went away meanwhile.
    return;
  }
  if (!request) {
    const children = [];
    if (state.selected && outcome) children.push(el("p", { class: "message " + outcome.kind, id: "answer-message" }, outcome.text));
    else if (state.selected) children.push(el("p", { class: "gone", id: "answer-message" }, "This request is no longer pending: it was answered or it expired."));
    else children.push(el("p", { class: "muted" }, "Choose a request to see the call whole."));
    detail.replaceChildren(...children);
    return;
  }
  if (detail.dataset.id === request.id && detail.querySelector("textarea")) {
    // Keep what the person is typing; only the clock moves.
    updateClock(detail, request);
    return;
  }
  detail.dataset.id = request.id;
  const sessionCalls = state.sessions[request.session_key] || [];
  const maxGrant = GRANTS.indexOf(request.max_grant);
  const grant = el("select", { id: "grant", name: "grant" },
    GRANTS.filter((g, i) => i <= maxGrant).map(g => el("option", { value: g }, g === "once" ? "this call only" : g === "session" ? "identical calls in this session" : "identical calls of this role, always")));
  const reason = el("textarea", { id: "reason", placeholder: "Why (recorded in the audit log)", maxlength: 500 });
  const message = el("p", { class: "message", id: "answer-message", role: "status" });
  const answer = (approve) => async () => {
    message.textContent = "";
    state.answering.add(request.id);
    try {
      const body = approve ? { reason: reason.value, grant: grant.value } : { reason: reason.value };
      const result = await api("POST", "api/approvals/" + encodeURIComponent(request.id) + (approve ? "/approve" : "/deny"), body);
      state.outcome.set(request.id, { kind: "ok", text: (approve ? "Approved" : "Denied") + " by " + result.approver + "." });
      message.className = "message ok";
      message.textContent = state.outcome.get(request.id).text;
    } catch (e) {
      state.outcome.set(request.id, { kind: "bad", text: e.message });
      message.className = "message bad";
      message.textContent = e.message;
    } finally {
      state.answering.delete(request.id);
    }
    refresh();
  };
  detail.replaceChildren(
    el("h2", {}, request.tool, " ", risk(request.risk_level)),
    el("dl", {},
      el("dt", {}, "Agent"), el("dd", {}, request.agent_id),
      el("dt", {}, "Role"), el("dd", {}, request.role),
      el("dt", {}, "Session"), el("dd", {}, request.session_id),
      el("dt", {}, "Why a person"), el("dd", {}, request.reason),
      el("dt", {}, "Rule"), el("dd", { class: "mono" }, request.rule || "—"),
      el("dt", {}, "Checks found"), el("dd", {}, request.findings || "—"),
      el("dt", {}, "Asked"), el("dd", {}, new Date(request.created_at).toLocaleTimeString()),
      el("dt", {}, "Time left"), el("dd", { class: "left", id: "detail-left" }, formatLeft(timeLeft(request))),
      el("dt", {}, "Widest grant"), el("dd", {}, request.max_grant),
      el("dt", {}, "Request id"), el("dd", { class: "mono" }, request.id),
      el("dt", {}, "Arguments SHA-256"), el("dd", { class: "mono" }, request.arguments_sha256)),
    el("h3", {}, "Arguments (secrets redacted)"),
    el("pre", { id: "arguments" }, JSON.stringify(request.params, null, 2)),
    el("h3", {}, "This session's last calls"),
    sessionCalls.length === 0 ? el("p", { class: "muted" }, "None recorded yet.") :
      el("table", { id: "session-calls" },
        el("thead", {}, el("tr", {}, el("th", {}, "Seq"), el("th", {}, "Tool"), el("th", {}, "Arguments"), el("th", {}, "Decision"))),
        el("tbody", {}, sessionCalls.map(call => el("tr", {},
          el("td", {}, call.seq), el("td", {}, call.tool), el("td", { class: "mono" }, summary(call.params)),
          el("td", { class: "outcome-" + call.decision }, call.decision, call.approval_status ? " (" + call.approval_status + ")" : ""))))),
    el("h3", {}, "Answer"),
    reason,
    el("div", { class: "actions" },
      el("label", {}, "Grant ", grant),
      el("button", { type: "button", class: "approve", id: "approve", onclick: answer(true) }, "Approve"),
      el("button", { type: "button", class: "deny", id: "deny", onclick: answer(false) }, "Deny")),
    message);
}

function updateClock(detail, request) {
  const left = detail.querySelector("#detail-left");
  if (left) left.textContent = formatLeft(timeLeft(request));
}

function tick() {
  for (const cell of document.querySelectorAll("#pending-rows td.left")) {
    const left = Math.max(0, Math.round((Date.parse(cell.dataset.expires) - (Date.now() + state.clockOffset)) / 1000));
    cell.textContent = formatLeft(left);
    cell.classList.toggle("soon", left < 15);
  }
  const request = state.pending.find(r => r.id === state.selected);
  if (request) updateClock($("detail"), request);
}

function renderGrants(grants) {
  $("grants-count").textContent = grants.length;
  $("grants-empty").hidden = grants.length > 0;
  $("grants-table").hidden = grants.length === 0;
  $("grants-rows").replaceChildren(...grants.map(grant => el("tr", { "data-id": grant.id },
    el("td", {}, grant.scope), el("td", {}, grant.tool), el("td", {}, grant.role),
    el("td", {}, grant.session_id === "null" ? "any" : grant.session_id), el("td", {}, grant.approver),
    el("td", {}, new Date(grant.created_at).toLocaleTimeString()),
    el("td", { class: "mono" }, grant.arguments_sha256.slice(0, 16) + "…"),
    el("td", {}, el("button", { type: "button", class: "revoke", onclick: () => revoke(grant.id) }, "Revoke")))));
}

async function revoke(id) {
  const message = $("grants-message");
  try {
    await api("DELETE", "api/grants/" + encodeURIComponent(id));
    message.className = "message ok";
    message.textContent = "Grant revoked: identical calls ask again.";
  } catch (e) {
    message.className = "message bad";
    message.textContent = e.message;
  }
  refresh();
}

function renderDecisions(decisions) {
  $("decisions-rows").replaceChildren(...decisions.map(d => el("tr", {},
    el("td", {}, d.seq), el("td", {}, new Date(d.timestamp).toLocaleTimeString()),
    el("td", {}, el("strong", {}, d.tool), " ", el("span", { class: "muted mono" }, summary(d.params))),
    el("td", {}, d.role), el("td", {}, d.agent_id, " / ", d.session_id),
    el("td", { class: "outcome-" + d.decision }, d.decision),
    el("td", {}, d.approval_status ? d.approval_status + (d.approver ? " by " + d.approver : "") : "—"),
    el("td", {}, d.reason))));
}

function showTab(id) {
  for (const tab of document.querySelectorAll("nav .tab")) tab.setAttribute("aria-selected", String(tab.dataset.tab === id));
  for (const view of document.querySelectorAll(".view")) view.hidden = view.id !== id;
}

document.addEventListener("DOMContentLoaded", async () => {
  $("login-form").addEventListener("submit", signIn);
  $("logout").addEventListener("click", signOut);
  for (const tab of document.querySelectorAll("nav .tab")) tab.addEventListener("click", () => showTab(tab.dataset.tab));
  showTab("pending-view");
  setInterval(tick, 1000);
  try {
    showConsole(await api("GET", "api/session"));
  } catch (e) {
    showLogin(e.status === 401 ? "" : e.message);
  }
});
