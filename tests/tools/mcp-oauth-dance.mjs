// Drives a server started with --http --auth oauth as an MCP host does, with the official TypeScript client's OAuth
// support: it reads the 401 challenge and the metadata, registers (RFC 7591), sends the person's "browser" to the
// authorization URL with PKCE and the resource, trades the code, calls a tool, then refreshes and calls again.
// Given a client metadata document URL, the client names itself by that URL instead of registering (Client ID
// Metadata Documents, which the server advertises); the server fetches the document, which the caller serves, and
// whose redirect_uris must hold this script's redirect URL.
// The browser part is scripted here: our consent page (its form posted back with its cookies), the fake Oura's
// authorize page (which redirects at once), our callback, and the final redirect carrying the code.
//
//   node mcp-oauth-dance.mjs <mcp url> [<client metadata document url>]
//
// Prints one JSON summary on stdout and exits 0 when every check passed, 1 otherwise.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { auth, UnauthorizedError } from "@modelcontextprotocol/sdk/client/auth.js";

const [mcpUrl, clientMetadataUrl] = process.argv.slice(2);
if (!mcpUrl) {
  console.error("usage: mcp-oauth-dance.mjs <mcp url> [<client metadata document url>]");
  process.exit(2);
}

const summary = { checks: [], failures: [] };
function check(name, ok, detail) {
  summary.checks.push({ name, ok: !!ok, ...(detail === undefined ? {} : { detail }) });
  if (!ok) summary.failures.push(name);
}
const text = (result) => (result.content ?? []).filter((c) => c.type === "text").map((c) => c.text).join("\n");
const serverOrigin = new URL(mcpUrl).origin;
const redirectUrl = "http://127.0.0.1:9/oauth-dance/callback";

// The browser: cookies kept per origin by hand (the server's are __Host-, Secure, which a browser sends to localhost).
const jar = new Map();
async function browse(url, init = {}) {
  const target = new URL(url);
  const headers = { ...(init.headers ?? {}) };
  if (target.origin === serverOrigin && jar.size > 0) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const response = await fetch(target, { ...init, headers, redirect: "manual" });
  if (target.origin === serverOrigin) {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const name = pair.slice(0, pair.indexOf("="));
      const value = pair.slice(pair.indexOf("=") + 1);
      if (!value || /max-age=0|1970/i.test(cookie)) jar.delete(name); else jar.set(name, value);
    }
  }
  return response;
}
const field = (html, name) => {
  const match = html.match(new RegExp(`name="${name}" value="([^"]*)"`));
  return match ? match[1].replaceAll("&amp;", "&").replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">") : null;
};

async function personSignsIn(authorizationUrl) {
  check("authorization url carries PKCE S256 and the resource",
    authorizationUrl.searchParams.get("code_challenge_method") === "S256" && authorizationUrl.searchParams.get("resource") === mcpUrl,
    authorizationUrl.search.replace(/code_challenge=[^&]*/, "code_challenge=…"));
  if (clientMetadataUrl) {
    check("the authorization url names the client by its metadata document",
      authorizationUrl.searchParams.get("client_id") === clientMetadataUrl, authorizationUrl.searchParams.get("client_id"));
  }
  const consent = await browse(authorizationUrl);
  const html = await consent.text();
  summary.consentClientName = html.match(/<title>Allow (.*?) to read/)?.[1] ?? null;
  check("consent page shown", consent.status === 200 && (clientMetadataUrl ? summary.consentClientName : html.includes("oura-dance-client")),
    `${consent.status} ${summary.consentClientName}`);
  const form = new URLSearchParams({ request: field(html, "request"), csrf: field(html, "csrf"), time_zone: "America/New_York", decision: "allow" });
  const toOura = await browse(new URL("/oauth/consent", serverOrigin), {
    method: "POST", body: form, headers: { "content-type": "application/x-www-form-urlencoded", origin: serverOrigin },
  });
  check("consent sends the browser to Oura", toOura.status === 302, toOura.status);
  const fromOura = await browse(toOura.headers.get("location"));
  const callback = fromOura.headers.get("location");
  check("Oura redirects to our callback", fromOura.status === 302 && new URL(callback).pathname === "/oauth/oura/callback", fromOura.status);
  const resumed = await browse(callback);
  const final = await browse(new URL(resumed.headers.get("location"), serverOrigin));
  const back = new URL(final.headers.get("location"));
  check("the client's redirect URI gets a code, its state and our issuer",
    back.searchParams.get("code") && back.searchParams.get("state") === authorizationUrl.searchParams.get("state") &&
      back.searchParams.get("iss") === serverOrigin + "/", back.search.replace(/code=[^&]*/, "code=…"));
  return back.searchParams.get("code");
}

// The host's side: what a real MCP host keeps between runs, in memory here.
let pendingCode = null;
const store = { client: undefined, tokens: undefined, verifier: undefined };
const provider = {
  get redirectUrl() { return redirectUrl; },
  clientMetadataUrl,
  get clientMetadata() {
    return { client_name: "oura-dance-client", redirect_uris: [redirectUrl], grant_types: ["authorization_code", "refresh_token"], response_types: ["code"], token_endpoint_auth_method: "none" };
  },
  state: () => "dance-" + Math.random().toString(36).slice(2),
  clientInformation: () => store.client,
  saveClientInformation: (info) => { store.client = info; },
  tokens: () => store.tokens,
  saveTokens: (tokens) => { store.tokens = tokens; },
  redirectToAuthorization: async (url) => { pendingCode = await personSignsIn(url); },
  saveCodeVerifier: (verifier) => { store.verifier = verifier; },
  codeVerifier: () => store.verifier,
};

async function callPersonalInfo(label) {
  const client = new Client({ name: "oura-dance-client", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider }));
  const result = await client.callTool({ name: "get_personal_info", arguments: {} });
  check(`${label}: get_personal_info answers`, !result.isError, text(result).slice(0, 200));
  await client.close();
  return result.structuredContent ?? {};
}

try {
  const first = new Client({ name: "oura-dance-client", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider });
  try {
    await first.connect(transport);
    check("the first connection is refused until the person signs in", false);
  } catch (error) {
    check("the first connection is refused until the person signs in", error instanceof UnauthorizedError, String(error));
  }
  if (clientMetadataUrl) {
    check("named by the metadata document, not registered", store.client?.client_id === clientMetadataUrl && !("client_id_issued_at" in store.client),
      store.client);
  } else {
    check("registered dynamically", typeof store.client?.client_id === "string", store.client && Object.keys(store.client));
  }
  summary.clientId = store.client?.client_id ?? null;
  await transport.finishAuth(pendingCode);
  check("tokens received", typeof store.tokens?.access_token === "string" && typeof store.tokens?.refresh_token === "string");
  summary.email = (await callPersonalInfo("after sign-in")).email;

  const spent = store.tokens.refresh_token;
  const outcome = await auth(provider, { serverUrl: mcpUrl });
  check("refresh succeeds", outcome === "AUTHORIZED", outcome);
  check("refresh tokens rotate", store.tokens.refresh_token && store.tokens.refresh_token !== spent);
  summary.emailAfterRefresh = (await callPersonalInfo("after refresh")).email;
} catch (error) {
  check("no unexpected error", false, String(error?.stack ?? error));
}

console.log(JSON.stringify(summary));
process.exit(summary.failures.length === 0 ? 0 : 1);
