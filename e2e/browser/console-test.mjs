// Drives the approval console in Debian's Chromium, headless, against an agent the JUnit test started. The test
// gives the console's address, the token and where to leave markers and screenshots; this script prints one
// "RESULT {name, value}" line per observation and the test asserts on them, on the application's output and on
// the audit log. MODE=main runs the whole approval story; MODE=expiry only signs in and waits for the session
// to end.
import { chromium } from "playwright-core";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";

const base = process.env.CONSOLE_URL;
const token = process.env.CONSOLE_TOKEN;
const markers = process.env.MARKER_DIR;
const shots = process.env.SCREENSHOT_DIR;
const mode = process.env.MODE || "main";
const browsers = [];

function report(name, value) {
  console.log("RESULT " + JSON.stringify({ name, value }));
}

async function launch() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "toolgate-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 1360, height: 900 },
  });
  browsers.push(context);
  const page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(30_000);
  return { context, page };
}

async function shot(page, name) {
  if (shots) await page.screenshot({ path: path.join(shots, name) });
}

async function signIn(page, name) {
  await page.goto(base + "/console/");
  await page.locator("#login").waitFor();
  await page.fill("#token", token);
  await page.fill("#approver", name);
  await page.click("#login-form button[type=submit]");
  await page.locator("#console").waitFor();
  await page.locator("#live.on").waitFor();
}

function row(page, text) {
  return page.locator("#pending-rows tr", { hasText: text }).first();
}

/** Waits for the request's row; reports how long after its creation it appeared. */
async function awaitRequest(page, text, latencyName) {
  const found = row(page, text);
  await found.waitFor();
  const id = await found.getAttribute("data-id");
  if (latencyName) {
    const shown = Number(await found.getAttribute("data-shown-at"));
    const created = Number(await found.getAttribute("data-created-at"));
    report(latencyName, shown - created);
  }
  await found.click();
  await page.locator("#detail h2").waitFor();
  return id;
}

async function answer(page, approve, reason, grant) {
  await page.fill("#reason", reason);
  if (grant) await page.selectOption("#grant", grant);
  await page.click(approve ? "#approve" : "#deny");
  const message = page.locator("#answer-message:not(:empty)");
  await message.waitFor();
  return message.textContent();
}

/** A POST from the page itself, with its session's CSRF token: what a person with devtools could send. */
async function postFromPage(page, url, body) {
  return page.evaluate(async ({ url, body }) => {
    const session = await (await fetch("api/session")).json();
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Toolgate-CSRF": session.csrf },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.text() };
  }, { url, body });
}

function touch(name) {
  fs.writeFileSync(path.join(markers, name), "");
}

async function main() {
  // Nobody signed in, then a wrong token.
  const stranger = await launch();
  await stranger.page.goto(base + "/console/");
  await stranger.page.locator("#login").waitFor();
  report("no_session_status", await stranger.page.evaluate(async () => (await fetch("api/pending")).status));
  await stranger.page.fill("#approver", "alice");
  await shot(stranger.page, "console-sign-in.png");
  await stranger.page.fill("#token", "not-the-token");
  await stranger.page.click("#login-form button[type=submit]");
  await stranger.page.locator("#login-error:not(:empty)").waitFor();
  report("wrong_token_message", await stranger.page.locator("#login-error").textContent());
  report("wrong_token_cookies", (await stranger.context.cookies()).length);
  report("wrong_token_console_hidden", await stranger.page.locator("#console").isHidden());
  await stranger.context.close();

  const alice = await launch();
  const bob = await launch();
  await signIn(alice.page, "alice");
  await signIn(bob.page, "bob");
  const cookie = (await alice.context.cookies()).find(c => c.name === "toolgate_console");
  report("cookie", { httpOnly: cookie.httpOnly, sameSite: cookie.sameSite, inUrl: alice.page.url().includes(cookie.value) });

  // An e-mail whose body is an XSS payload with a key in it; a page on another origin tries to approve it.
  const mail = await awaitRequest(alice.page, "send_email");
  report("xss", await alice.page.evaluate(() => window.__xss === undefined ? null : window.__xss));
  report("arguments_text", await alice.page.locator("#arguments").textContent());
  report("injected_elements", await alice.page.locator("#detail img, #detail script, #pending-rows img").count());
  report("page_has_key", (await alice.page.content()).includes("AKIAABCDEFGHIJKLMNOP"));
  await shot(alice.page, "console-request-escaped.png");

  const evil = http.createServer((request, response) => {
    response.setHeader("Content-Type", "text/html");
    response.end(`<!DOCTYPE html><html><body>
      <form id="f" method="post" enctype="text/plain" action="${base}/console/api/approvals/${mail}/approve">
      <input name='{"reason":"evil","grant":"always","x":"' value='"}'></form></body></html>`);
  });
  await new Promise(resolve => evil.listen(0, "127.0.0.1", resolve));
  const evilPage = await alice.context.newPage();
  await evilPage.goto(`http://127.0.0.1:${evil.address().port}/`);
  const fetched = await evilPage.evaluate(async (url) => {
    try {
      const r = await fetch(url, { method: "POST", credentials: "include", headers: { "Content-Type": "text/plain" },
        body: '{"reason":"evil","grant":"always"}' });
      return "status " + r.status;
    } catch (e) {
      return "blocked";
    }
  }, `${base}/console/api/approvals/${mail}/approve`);
  report("cross_origin_fetch", fetched);
  const [formResponse] = await Promise.all([
    evilPage.waitForResponse(r => r.url().includes("/approve")),
    evilPage.evaluate(() => document.getElementById("f").submit()),
  ]);
  report("cross_origin_form_status", formResponse.status());
  report("cross_origin_form_body", await formResponse.text());
  await evilPage.close();
  evil.close();
  await alice.page.waitForTimeout(300);
  report("mail_still_pending", await row(alice.page, "send_email").count() === 1);
  await row(alice.page, "send_email").click();
  report("mail_denied", await answer(alice.page, false, "not to that address"));

  // A deletion: approved for the session, so the identical next call runs unasked.
  await awaitRequest(alice.page, 'production, web', "latency_web_ms");
  report("session_calls_shown", await alice.page.locator("#session-calls tbody tr").allTextContents());
  await shot(alice.page, "console-pending.png");
  report("web_approved", await answer(alice.page, true, "planned maintenance", "session"));

  // The grant is listed and revoked.
  await alice.page.click("nav .tab[data-tab=grants-view]");
  await alice.page.locator("#grants-rows tr", { hasText: "kubectl_delete" }).waitFor();
  report("grants_listed", await alice.page.locator("#grants-rows tr").count());
  await shot(alice.page, "console-grants.png");
  await alice.page.click("#grants-rows tr button.revoke");
  await alice.page.locator("#grants-message:not(:empty)").waitFor();
  report("revoked", await alice.page.locator("#grants-message").textContent());
  await alice.page.locator("#grants-rows tr").first().waitFor({ state: "detached" });
  report("grants_after_revoke", await alice.page.locator("#grants-rows tr").count());
  await alice.page.click("nav .tab[data-tab=pending-view]");
  touch("revoked");

  // The same call asks again; two browsers answer it at once.
  await Promise.all([awaitRequest(alice.page, 'production, web'), awaitRequest(bob.page, 'production, web')]);
  await alice.page.fill("#reason", "go ahead");
  await bob.page.fill("#reason", "not now");
  // Clicked from within both pages at the same moment: a click through the mouse can come after the winner's
  // answer has already reached the other page live and removed its buttons.
  const clicked = await Promise.all([
    alice.page.evaluate(() => { document.getElementById("approve").click(); return true; }),
    bob.page.evaluate(() => { document.getElementById("deny").click(); return true; }),
  ]);
  report("race_clicked", clicked);
  const messages = await Promise.all([alice, bob].map(async b => {
    const message = b.page.locator("#answer-message", { hasText: /Approved by|Denied by|already answered/ });
    await message.waitFor();
    return message.textContent();
  }));
  report("race", { alice: messages[0], bob: messages[1] });
  const loser = messages[0].includes("already answered") ? alice.page : bob.page;
  await shot(loser, "console-already-answered.png");

  // A request nobody answers in time disappears; a late answer is told so.
  const expiring = await awaitRequest(alice.page, "expire-me", "latency_expire_ms");
  await row(alice.page, "expire-me").waitFor({ state: "detached", timeout: 15_000 });
  report("expired_row_gone", true);
  report("expired_detail", await alice.page.locator("#detail").textContent());
  report("expired_answer", await postFromPage(alice.page, `api/approvals/${expiring}/approve`, { reason: "too late" }));

  // A rule that allows no grant wider than once.
  const once = await awaitRequest(alice.page, "once-only", "latency_once_ms");
  report("once_only_grants", await alice.page.locator("#grant option").evaluateAll(options => options.map(o => o.value)));
  report("once_only_forged", await postFromPage(alice.page, `api/approvals/${once}/approve`, { reason: "wider", grant: "always" }));
  report("once_only_approved", await answer(alice.page, true, "just this once"));

  await alice.page.click("nav .tab[data-tab=decisions-view]");
  await alice.page.locator("#decisions-rows tr", { hasText: "once-only" }).waitFor();
  report("decisions_listed", await alice.page.locator("#decisions-rows tr").count());
  await shot(alice.page, "console-decisions.png");
  await alice.page.click("nav .tab[data-tab=pending-view]");

  // 500 requests at once.
  const started = Date.now();
  await alice.page.locator("#pending-count", { hasText: /^500$/ }).waitFor({ timeout: 60_000 });
  report("listed_500_after_ms", Date.now() - started);
  report("rows_500", await alice.page.locator("#pending-rows tr").count());
  report("latency_500_max_ms", await alice.page.evaluate(() => Math.max(...[...document.querySelectorAll("#pending-rows tr")]
    .map(r => Number(r.dataset.shownAt) - Number(r.dataset.createdAt)))));
  // One more request while the 500 wait: the figure is how soon it shows.
  touch("flooded");
  await awaitRequest(alice.page, "after-flood", "latency_after_500_ms");
  report("after_flood_approved", await answer(alice.page, true, "the one that matters"));
  await alice.page.locator("#pending-rows tr").nth(250).click();
  await shot(alice.page, "console-500-pending.png");
  touch("browser-done");
}

async function expiry() {
  const alice = await launch();
  await signIn(alice.page, "alice");
  const started = Date.now();
  await alice.page.locator("#login").waitFor({ state: "visible", timeout: 30_000 });
  report("expired_after_ms", Date.now() - started);
  report("expired_message", await alice.page.locator("#login-error").textContent());
  report("expired_status", await alice.page.evaluate(async () => {
    const r = await fetch("api/pending");
    return { status: r.status, body: await r.text() };
  }));
}

try {
  if (mode === "expiry") await expiry(); else await main();
  report("done", true);
} catch (e) {
  console.log("FAILED " + (e && e.stack ? e.stack : e));
  process.exitCode = 1;
} finally {
  for (const context of browsers) await context.close().catch(() => {});
}
