// Drives the real server process over stdio with the official MCP TypeScript client, as an MCP host would.
// The client validates every result's structuredContent against the tool's outputSchema, so a mismatch fails here.
//
//   node mcp-stdio-check.mjs <OuraMcp.Server.dll> demo
//   node mcp-stdio-check.mjs <OuraMcp.Server.dll> token <oura base url> <access token>
//   node mcp-stdio-check.mjs <OuraMcp.Server.dll> cancel <oura base url> <access token> [signal file]
//     (aborts a heart-rate call once the signal file exists, or after 1 s without one)
//
// Prints one JSON summary on stdout and exits 0 when every check passed, 1 otherwise (the summary says which failed).
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport, getDefaultEnvironment } from "@modelcontextprotocol/sdk/client/stdio.js";
import { existsSync } from "node:fs";

const [dll, mode, baseUrl, token] = process.argv.slice(2);
if (!dll || !["demo", "token", "cancel"].includes(mode) || (mode !== "demo" && (!baseUrl || !token))) {
  console.error("usage: mcp-stdio-check.mjs <OuraMcp.Server.dll> demo | token|cancel <base url> <access token>");
  process.exit(2);
}

const summary = { mode, checks: [], failures: [] };
function check(name, ok, detail) {
  summary.checks.push({ name, ok: !!ok, ...(detail === undefined ? {} : { detail }) });
  if (!ok) summary.failures.push(name);
}
const text = (result) => (result.content ?? []).filter((c) => c.type === "text").map((c) => c.text).join("\n");
const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

// The server sees only what we pass: no token of the machine's leaks into a demo run.
const env = { ...getDefaultEnvironment(), DOTNET_CLI_TELEMETRY_OPTOUT: "1" };
const args = [dll];
if (mode === "demo") args.push("--demo");
else Object.assign(env, { OURA_ACCESS_TOKEN: token, OURA_API_BASE_URL: baseUrl });

const transport = new StdioClientTransport({ command: "dotnet", args, env, stderr: "pipe" });
let stderr = "";
transport.stderr?.on("data", (chunk) => { stderr += chunk.toString(); });
const client = new Client({ name: "oura-mcp-stdio-check", version: "1.0.0" });

try {
  await client.connect(transport);
  // Every message the server wrote to stdout, as the client parsed it (to check that no secret is in any of them).
  const wire = [];
  const onmessage = transport.onmessage;
  transport.onmessage = (message) => { wire.push(JSON.stringify(message)); onmessage?.(message); };

  summary.server = client.getServerVersion();
  const { tools } = await client.listTools();
  summary.toolCount = tools.length;
  check("lists tools", tools.length > 0, tools.length);  // the exact count is checked by the caller against the code
  const names = tools.map((t) => t.name);
  for (const name of ["get_daily_summary", "get_sleep", "get_heart_rate", "get_document"]) check(`lists ${name}`, names.includes(name));
  check("every tool declares an output schema", tools.every((t) => t.outputSchema?.type === "object"));

  if (mode === "demo") await demoChecks();
  else if (mode === "token") await tokenChecks(wire);
  else await cancelChecks();
} catch (error) {
  check("no protocol error", false, String(error?.stack ?? error));
} finally {
  await client.close().catch(() => {});
}

summary.stderrBytes = stderr.length;
if (mode !== "demo") {
  check("stderr does not contain the token", !stderr.includes(token));
}
summary.ok = summary.failures.length === 0;
console.log(JSON.stringify(summary));
process.exit(summary.ok ? 0 : 1);

// A list answer is a table: column names once, then rows as arrays. Back to one object per row, nested again
// from the dotted names (main.total_sleep_seconds), with the cells that have no value left out.
function rowsOf(result) {
  const { columns = [], rows = [] } = result.structuredContent ?? {};
  return rows.map((row) => {
    const item = {};
    columns.forEach((name, i) => {
      if (row[i] === null) return;
      const path = name.split(".");
      let parent = item;
      for (const step of path.slice(0, -1)) parent = parent[step] ??= {};
      parent[path.at(-1)] = row[i];
    });
    return item;
  });
}

async function call(name, args, options) {
  return client.callTool({ name, arguments: args }, undefined, options);
}

async function demoChecks() {
  const summaryAnswer = await call("get_daily_summary", {});
  const days = rowsOf(summaryAnswer);
  check("get_daily_summary answers seven days", !summaryAnswer.isError && days.length === 7, days.length);
  check("get_daily_summary has scores", days.every((d) => typeof d.sleep_score === "number" || d.sleep_score === null));

  const sleep = await call("get_sleep", { start_date: day(-3), end_date: day(-1) });
  const nights = rowsOf(sleep);
  check("get_sleep answers the date range", !sleep.isError && nights.length >= 2 && nights.every((n) => n.day >= day(-3) && n.day <= day(-1)), nights.map((n) => n.day));
  check("get_sleep's main period has durations", nights.some((n) => Number.isInteger(n.main?.total_sleep_seconds)));

  const heart = await call("get_heart_rate", { start_date: day(-1), end_date: day(-1), resolution: "hourly" });
  const buckets = rowsOf(heart);
  check("get_heart_rate hourly gives buckets", !heart.isError && buckets.length >= 20 && buckets.every((b) => b.count > 0 && b.min <= b.mean && b.mean <= b.max), buckets.length);

  const night = await call("get_sleep_series", { start_date: day(-1), end_date: day(-1) });
  const hours = rowsOf(night);
  check("get_sleep_series gives hourly buckets of the night", !night.isError && hours.length >= 5
    && hours.every((h) => h.day === day(-1) && h.heart_rate_min <= h.heart_rate_mean && h.heart_rate_mean <= h.heart_rate_max), hours.length);

  const detail = await call("get_sleep", { start_date: day(-1), end_date: day(-1), detail: true });
  const sleepDoc = detail.structuredContent?.documents?.sleep?.[0];
  check("get_sleep detail gives documents with ids", typeof sleepDoc?.id === "string");
  if (sleepDoc) {
    const doc = await call("get_document", { collection: "sleep", id: sleepDoc.id });
    check("get_document returns the document with that id", !doc.isError && doc.structuredContent?.document?.id === sleepDoc.id
      && doc.structuredContent.document.total_sleep_duration === sleepDoc.total_sleep_duration);
  }

  // The analytics tools: the client validates each structured answer against the tool's output schema, both
  // when there is an answer and when there is too little data to give one.
  const analytics = [
    ["trend", { metric: "sleep.main.average_hrv" }, (a) => a.enough_data && typeof a.slope_per_week?.low === "number"],
    ["trend", { metric: "readiness.score", start_date: day(-3), end_date: day(-1) }, (a) => !a.enough_data && a.slope_per_week === undefined && /at least 10/.test(a.notice)],
    ["compare_periods", { metric: "readiness.score", start_date: day(-30), end_date: day(-1) }, (a) => a.enough_data && typeof a.difference.cliffs_delta.value === "number"],
    ["correlate", { x_metric: "activity.steps", y_metric: "sleep.score", max_lag: 3 }, (a) => a.lags.length === 4 && a.lags.every((l) => l.n > 0)],
    ["tag_effect", { tag: "alcohol", metric: "sleep.main.average_hrv", start_date: day(-365), end_date: day(-1) }, (a) => a.matched_tags?.length > 0 && a.after_tag.n > 0],
    ["anomalies", { metric: "readiness.temperature_deviation" }, (a) => a.window_days === 28 && a.days_judged > 0 && Array.isArray(a.anomalies)],
  ];
  await chartChecks();

  for (const [name, args, ok] of analytics) {
    let answer;
    try {
      answer = await call(name, args);
    } catch (error) {
      check(`${name} answers within its output schema`, false, String(error));
      continue;
    }
    check(`${name} ${JSON.stringify(args)} answers with n, method and interval`, !answer.isError && typeof answer.structuredContent?.method === "string"
      && ok(answer.structuredContent), answer.content?.[0]?.text);
  }

  // Raw heart rate over ten days: several of Oura's pages, each reported as progress before the result.
  const progress = [];
  const raw = await call("get_heart_rate", { start_date: day(-10), end_date: day(-1), resolution: "raw" },
    { onprogress: (p) => progress.push(p) });
  summary.progress = progress.map((p) => p.progress);
  check("raw heart rate answers", !raw.isError && rowsOf(raw).length > 0);
  check("progress notifications arrive, one per page, counting up", progress.length >= 2 && progress.every((p, i) => p.progress === i + 1), summary.progress);
  check("progress messages say what is fetched", progress.every((p) => /^Heart rate: \d+ pages? fetched/.test(p.message ?? "")));

  // Cancelling a call in flight: the client gives up at once and the server keeps answering.
  const controller = new AbortController();
  const cancelled = call("get_heart_rate", { start_date: day(-30), end_date: day(-1), resolution: "raw" },
    { signal: controller.signal, onprogress: () => controller.abort("enough") });
  let aborted = false;
  try { await cancelled; } catch { aborted = true; }
  check("a cancelled call is abandoned", aborted);

  for (const [name, args, expected] of [
    ["get_sleep", { start_date: "2026-02-30" }, "is not a real date: February 2026 has 28 days"],
    ["get_sleep", { start_date: "2026-03-05", end_date: "2026-03-01" }, "is before start_date"],
    ["get_readiness", { fields: ["scroe"] }, "Unknown field 'scroe'"],
    ["get_sleep", { start: "2026-03-01" }, "get_sleep has no argument 'start'"],
  ]) {
    const bad = await call(name, args);
    check(`bad input is a helpful error: ${expected}`, bad.isError === true && text(bad).includes(expected) && bad.structuredContent === undefined, text(bad));
  }

  const after = await call("get_personal_info", {});
  check("the server still answers after errors and a cancellation", !after.isError && typeof after.structuredContent?.age === "number");
}

async function tokenChecks(wire) {
  const answer = await call("get_daily_summary", {});
  summary.tokenAnswer = text(answer);
  check("a rejected token is an error", answer.isError === true && answer.structuredContent === undefined);
  check("the error says Oura rejected the token and how to sign in", text(answer).includes("(401)") && text(answer).includes("OURA_ACCESS_TOKEN"), text(answer));
  check("stdout does not contain the token", wire.length > 0 && wire.every((m) => !m.includes(token)));
}

async function cancelChecks() {
  const controller = new AbortController();
  const started = Date.now();
  // The test creates the signal file once the fake Oura holds the call's page, so the abort always finds it in flight.
  const signal = process.argv[6];
  const poll = setInterval(() => {
    if (!signal || existsSync(signal)) { clearInterval(poll); controller.abort("cancelled by the check"); }
  }, signal ? 20 : 1000);
  let aborted = false;
  try {
    await call("get_heart_rate", { start_date: "2026-03-03", end_date: "2026-03-04", resolution: "raw" }, { signal: controller.signal });
  } catch {
    aborted = true;
  }
  check("the call is abandoned when its signal aborts", aborted, Date.now() - started);
  // Give the server time to pass the cancellation on to Oura before the process is closed.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const after = await call("get_personal_info", {});
  check("the server still answers after the cancellation", !after.isError, text(after));
}

// The chart app (MCP Apps) and the plot tool, as this client sees them: the resource, the tools' pointer to it, and a
// PNG whose structured twin the client validates against plot's output schema.
async function chartChecks() {
  const { resources } = await client.listResources();
  const app = resources.find((r) => r.uri === "ui://oura/chart");
  check("the chart app is listed as an MCP App", app?.mimeType === "text/html;profile=mcp-app", app);
  const read = await client.readResource({ uri: "ui://oura/chart" });
  check("the chart app reads as one HTML document", read.contents.length === 1 && read.contents[0].mimeType === "text/html;profile=mcp-app"
    && read.contents[0].text.startsWith("<!doctype html>"));
  const { tools } = await client.listTools();
  const pointing = tools.filter((t) => t._meta?.ui?.resourceUri === "ui://oura/chart" && t._meta?.["ui/resourceUri"] === "ui://oura/chart").map((t) => t.name);
  check("chart-capable tools point at the app", ["get_heart_rate", "get_sleep_series", "get_daily_summary", "trend", "anomalies"].every((n) => pointing.includes(n)), pointing);
  const plot = await call("plot", { metric: "readiness.score", start_date: day(-30), end_date: day(-1) });
  const image = (plot.content ?? []).find((c) => c.type === "image");
  check("plot answers a PNG and its facts", !plot.isError && image?.mimeType === "image/png"
    && Buffer.from(image.data, "base64").subarray(1, 4).toString() === "PNG" && plot.structuredContent?.points > 20, plot.structuredContent);
}
