// Cold start: spawns each server, writes the initialize request to its stdin at once, and times until the response
// line arrives on stdout. A server given a tool (`name=command args#tool {"json":"arguments"}`) is then sent
// `initialized` and that tools/call, timed from process start to its answer (the first call's cold start), and then the
// same call CALLS more times (default 10, environment), each timed alone (the warm per-call time over stdio). Servers
// run interleaved (A, B, A, B, ...) so that a change in machine load hits all alike.
// Usage: node cold-start.mjs RUNS 'name=command args[#tool {args}]' ['name=command args' ...]
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";

const [runsArg, ...specs] = process.argv.slice(2);
const runs = Number(runsArg);
const warmCalls = Number(process.env.CALLS ?? 10);
if (!Number.isInteger(runs) || runs < 1 || specs.length === 0) {
  console.error("usage: node cold-start.mjs RUNS 'name=command args[#tool {args}]' ...");
  process.exit(2);
}
const servers = specs.map(s => {
  const i = s.indexOf("=");
  const [commandLine, call] = s.slice(i + 1).split("#");
  const argv = commandLine.split(" ").filter(Boolean); // names may contain spaces, commands may not
  const space = call?.indexOf(" ") ?? -1;
  const tool = call && { name: space < 0 ? call : call.slice(0, space), arguments: space < 0 ? {} : JSON.parse(call.slice(space + 1)) };
  return { name: s.slice(0, i), command: argv[0], args: argv.slice(1), tool, times: [], firstCalls: [], warm: [] };
});

const message = (id, method, params) => JSON.stringify({ jsonrpc: "2.0", ...(id === null ? {} : { id }), method, params }) + "\n";
const initialize = message(1, "initialize",
  { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "cold-start", version: "1.0" } });

function once(server) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const elapsed = since => Number(process.hrtime.bigint() - since) / 1e6;
    const child = spawn(server.command, server.args, { stdio: ["pipe", "pipe", "ignore"] });
    const run = { initialize: 0, firstCall: 0, warm: [] };
    let buffered = "";
    let callSent = started;
    let nextId = 2;
    const timer = setTimeout(() => { child.kill("SIGKILL"); reject(new Error(`${server.name}: no answer in 30 s`)); }, 30_000);
    const finish = () => {
      clearTimeout(timer);
      child.on("exit", () => resolve(run));
      child.stdin.end(); // end of input is how a stdio client says goodbye
      setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
    };
    const call = () => {
      callSent = process.hrtime.bigint();
      child.stdin.write(message(nextId++, "tools/call", server.tool));
    };
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", chunk => {
      buffered += chunk;
      let newline;
      while ((newline = buffered.indexOf("\n")) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        const answer = JSON.parse(line);
        if (answer.id === undefined) continue; // a notification (log, list changed)
        if (answer.error || answer.result?.isError) {
          clearTimeout(timer);
          child.kill("SIGKILL");
          return reject(new Error(`${server.name}: ${line.slice(0, 300)}`));
        }
        if (answer.id === 1) {
          run.initialize = elapsed(started);
          if (!server.tool) return finish();
          child.stdin.write(message(null, "notifications/initialized", {}));
          call();
        } else if (answer.id === 2) {
          run.firstCall = elapsed(started);
          if (warmCalls === 0) return finish();
          call();
        } else {
          run.warm.push(elapsed(callSent));
          if (run.warm.length === warmCalls) return finish();
          call();
        }
      }
    });
    child.on("error", reject);
    child.stdin.write(initialize);
  });
}

const load = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
const loadBefore = load();
for (let i = 0; i < runs; i++) {
  // Alternate who goes first, so neither always runs right after the other's exit.
  const order = i % 2 === 0 ? servers : [...servers].reverse();
  for (const server of order) {
    const run = await once(server);
    server.times.push(run.initialize);
    if (server.tool) server.firstCalls.push(run.firstCall);
    server.warm.push(...run.warm);
  }
}
const loadAfter = load();

const sorted = xs => [...xs].sort((a, b) => a - b);
const pct = (s, p) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
const median = s => s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
const f = x => x === undefined || Number.isNaN(x) ? "" : x >= 10 ? x.toFixed(0) : x.toFixed(1);
console.log(`${runs} runs each, interleaved; ${os.cpus().length} cores; load average before ${loadBefore}, after ${loadAfter}`);
console.log(`| server | initialize median ms | p90 ms | min ms | max ms | first tools/call median ms | p90 ms | warm tools/call median ms (${warmCalls} a run) | p90 ms |`);
console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const s of servers) {
  const t = sorted(s.times), c = sorted(s.firstCalls), w = sorted(s.warm);
  const calls = s.tool ? [f(median(c)), f(pct(c, 0.9)), f(median(w)), f(pct(w, 0.9))] : ["", "", "", ""];
  console.log(`| ${s.name} | ${f(median(t))} | ${f(pct(t, 0.9))} | ${f(t[0])} | ${f(t[t.length - 1])} | ${calls.join(" | ")} |`);
}
