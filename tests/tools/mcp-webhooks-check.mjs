// Drives the real server process over stdio with the official MCP TypeScript client, as an MCP host would, through the
// webhooks toolset (the Oura app's subscriptions) against the fake Oura. The client validates every structured result
// against the tool's output schema. The app's credentials and the verification token come from this process's
// environment (OURA_CLIENT_ID, OURA_CLIENT_SECRET, OURA_WEBHOOK_VERIFICATION_TOKEN) and must appear in no message.
//
//   node mcp-webhooks-check.mjs <OuraMcp.Server.dll> full|read-only <oura base url> <callback url>
//
// Prints one JSON summary on stdout and exits 0 when every check passed, 1 otherwise (the summary says which failed).
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport, getDefaultEnvironment } from "@modelcontextprotocol/sdk/client/stdio.js";

const [dll, mode, baseUrl, callbackUrl] = process.argv.slice(2);
if (!dll || !["full", "read-only"].includes(mode) || !baseUrl || !callbackUrl) {
  console.error("usage: mcp-webhooks-check.mjs <OuraMcp.Server.dll> full|read-only <oura base url> <callback url>");
  process.exit(2);
}

const secrets = ["OURA_CLIENT_SECRET", "OURA_WEBHOOK_VERIFICATION_TOKEN"].map((name) => process.env[name]);
const summary = { mode, checks: [], failures: [] };
function check(name, ok, detail) {
  summary.checks.push({ name, ok: !!ok, ...(detail === undefined ? {} : { detail }) });
  if (!ok) summary.failures.push(name);
}
const text = (result) => (result.content ?? []).filter((c) => c.type === "text").map((c) => c.text).join("\n");
const rowOf = (result) => {
  const { columns = [], rows = [] } = result.structuredContent ?? {};
  return Object.fromEntries(columns.map((name, i) => [name, rows[0]?.[i]]));
};

const env = {
  ...getDefaultEnvironment(),
  DOTNET_CLI_TELEMETRY_OPTOUT: "1",
  OURA_API_BASE_URL: baseUrl,
  OURA_ACCESS_TOKEN: process.env.OURA_ACCESS_TOKEN,
  OURA_CLIENT_ID: process.env.OURA_CLIENT_ID,
  OURA_CLIENT_SECRET: process.env.OURA_CLIENT_SECRET,
  OURA_WEBHOOK_VERIFICATION_TOKEN: process.env.OURA_WEBHOOK_VERIFICATION_TOKEN,
};
const args = [dll, "--toolsets", "webhooks,profile"];
if (mode === "read-only") args.push("--read-only");

const transport = new StdioClientTransport({ command: "dotnet", args, env, stderr: "pipe" });
let stderr = "";
transport.stderr?.on("data", (chunk) => { stderr += chunk.toString(); });
const client = new Client({ name: "oura-mcp-webhooks-check", version: "1.0.0" });
const wire = [];

try {
  await client.connect(transport);
  const onmessage = transport.onmessage;
  transport.onmessage = (message) => { wire.push(JSON.stringify(message)); onmessage?.(message); };

  const { tools } = await client.listTools();
  const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
  const webhookTools = tools.map((t) => t.name).filter((n) => n.includes("webhook")).sort();
  summary.webhookTools = webhookTools;
  const reading = ["get_webhook_subscription", "list_webhook_subscriptions"];
  const writing = ["create_webhook_subscription", "delete_webhook_subscription", "renew_webhook_subscription", "update_webhook_subscription"];

  for (const name of reading) {
    check(`${name} is listed`, !!byName[name]);
    check(`${name} is read-only and not destructive`, byName[name]?.annotations?.readOnlyHint === true && byName[name]?.annotations?.destructiveHint === false);
  }

  if (mode === "read-only") {
    check("read-only lists only list and get", JSON.stringify(webhookTools) === JSON.stringify(reading), webhookTools);
    const refused = await client.callTool({ name: "create_webhook_subscription", arguments: { callback_url: callbackUrl, data_type: "sleep", event_type: "create" } })
      .then((r) => ({ isError: r.isError, text: text(r) }), (e) => ({ protocolError: String(e?.message ?? e) }));
    check("read-only refuses a create", refused.protocolError?.includes("Unknown tool") || refused.isError === true, refused);
    const listed = await client.callTool({ name: "list_webhook_subscriptions", arguments: {} });
    check("read-only still lists", !listed.isError, text(listed));
  } else {
    for (const name of writing) {
      check(`${name} is listed`, !!byName[name]);
      check(`${name} is not read-only`, byName[name]?.annotations?.readOnlyHint === false);
    }
    check("only delete is destructive", writing.every((n) => byName[n]?.annotations?.destructiveHint === (n === "delete_webhook_subscription")));

    const created = await client.callTool({ name: "create_webhook_subscription", arguments: { callback_url: callbackUrl, data_type: "sleep", event_type: "create" } });
    const id = rowOf(created).id;
    check("create answers the new subscription", !created.isError && typeof id === "string" && rowOf(created).data_type === "sleep", text(created));
    const listed = await client.callTool({ name: "list_webhook_subscriptions", arguments: {} });
    check("list shows it", !listed.isError && text(listed).includes(id), text(listed));
    const got = await client.callTool({ name: "get_webhook_subscription", arguments: { id } });
    check("get finds it", !got.isError && rowOf(got).callback_url === callbackUrl, text(got));
    const updated = await client.callTool({ name: "update_webhook_subscription", arguments: { id, event_type: "update" } });
    check("update changes the event type", !updated.isError && rowOf(updated).event_type === "update", text(updated));
    const renewed = await client.callTool({ name: "renew_webhook_subscription", arguments: { id } });
    check("renew answers the expiry", !renewed.isError && typeof rowOf(renewed).expires === "string", text(renewed));
    const deleted = await client.callTool({ name: "delete_webhook_subscription", arguments: { id } });
    check("delete answers what it deleted", !deleted.isError && deleted.structuredContent?.deleted === id, text(deleted));
    const gone = await client.callTool({ name: "get_webhook_subscription", arguments: { id } });
    check("a deleted id is said not to exist for this app", gone.isError === true && text(gone).includes("does not exist for this app"), text(gone));
  }
} catch (error) {
  check("no protocol error", false, String(error?.stack ?? error));
} finally {
  await client.close().catch(() => {});
}

for (const secret of secrets) {
  check("no message carries the app's secret or the verification token", !!secret && !wire.some((m) => m.includes(secret)));
  check("stderr carries neither", !!secret && !stderr.includes(secret));
}
summary.ok = summary.failures.length === 0;
console.log(JSON.stringify(summary));
process.exit(summary.ok ? 0 : 1);
