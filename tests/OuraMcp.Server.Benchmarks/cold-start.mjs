// Cold start, process start to `initialize` answered: spawns each server, writes the initialize request to its stdin
// at once, and times until the response line arrives on stdout. Servers run interleaved (A, B, A, B, ...) so that a
// change in machine load hits both alike. Usage: node cold-start.mjs RUNS 'name=command args' ['name=command args' ...]
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";

const [runsArg, ...specs] = process.argv.slice(2);
const runs = Number(runsArg);
if (!Number.isInteger(runs) || runs < 1 || specs.length === 0) {
  console.error("usage: node cold-start.mjs RUNS 'name=command args' ...");
  process.exit(2);
}
const servers = specs.map(s => {
  const i = s.indexOf("=");
  const argv = s.slice(i + 1).split(" ").filter(Boolean); // names may contain spaces, commands may not
  return { name: s.slice(0, i), command: argv[0], args: argv.slice(1), times: [] };
});

const initialize = JSON.stringify({
  jsonrpc: "2.0", id: 1, method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "cold-start", version: "1.0" } },
}) + "\n";

function once(server) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(server.command, server.args, { stdio: ["pipe", "pipe", "ignore"] });
    let buffered = "";
    const timer = setTimeout(() => { child.kill("SIGKILL"); reject(new Error(`${server.name}: no answer in 30 s`)); }, 30_000);
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", chunk => {
      buffered += chunk;
      const newline = buffered.indexOf("\n");
      if (newline < 0) return;
      const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
      clearTimeout(timer);
      const line = buffered.slice(0, newline);
      if (!line.includes('"id":1') || !line.includes('"result"')) reject(new Error(`${server.name}: unexpected first line ${line}`));
      child.on("exit", () => resolve(elapsed));
      child.stdin.end(); // end of input is how a stdio client says goodbye
      setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
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
  for (const server of order) server.times.push(await once(server));
}
const loadAfter = load();

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
const median = sorted => sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
console.log(`${runs} runs each, interleaved; ${os.cpus().length} cores; load average before ${loadBefore}, after ${loadAfter}`);
console.log("| server | median ms | p90 ms | min ms | max ms |");
console.log("|---|---:|---:|---:|---:|");
for (const s of servers) {
  const t = [...s.times].sort((a, b) => a - b);
  const f = x => x.toFixed(0);
  console.log(`| ${s.name} | ${f(median(t))} | ${f(pct(t, 0.9))} | ${f(t[0])} | ${f(t[t.length - 1])} |`);
}
