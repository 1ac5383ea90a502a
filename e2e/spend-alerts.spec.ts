/**
 * A team's rules and deployment names travel with it, and its alerts reach people with the console closed.
 *
 * Member A (the connected wallet) has a deployment running dry and one deployed from this browser (named in the deploy
 * flow's review, so its saved record has the name); member B (watch-only) one running, labelled in the team's link. The link's rule
 * (escrow below 2 h) fires in the app for the one running dry only; a label given in the table is kept and goes into
 * the CSV and the exported team file. That file alone configures `npm run alerts` (its rules come with it): the local
 * webhook gets one POST for the deployment running dry, and no second one on the next blocks. Once every deployment
 * is closed, `npm run spend -- --json` for the team agrees with the dashboard's total for the same range.
 */
import { spawn, execFile, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, openApp, test } from "./fixtures";
import { approveTx, connectSigner, deploymentInfo, env, importWallet, seedLeasedDeployment, sendTx } from "./deployments-helpers";
import { navigate } from "./deploy-helpers";
import { teamLinkFragment } from "../src/lib/spend/teams.ts";
import { microOf, pricierSdl } from "./spend-helpers";


test.describe.configure({ timeout: 300_000 });


async function activeLeases(owner: string, dseq: string): Promise<number> {
  const res = await fetch(`${env("E2E_REST_URL")}/akash/market/v1beta5/leases/list?filters.owner=${owner}&filters.dseq=${dseq}`);
  const body = (await res.json()) as { leases?: Array<{ lease: { state: string } }> };
  return (body.leases ?? []).filter((l) => l.lease.state === "active").length;
}

/** A local webhook receiver: every POST body, parsed. */
async function webhookReceiver() {
  const bodies: Array<Record<string, unknown>> = [];
  const server = http.createServer((req, res) => {
    let text = "";
    req.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
    req.on("end", () => {
      if (req.method === "POST") bodies.push(JSON.parse(text) as Record<string, unknown>);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** `npm run alerts` as a child process (its own process group, so stopping it stops tsx under npm too); its JSON log lines. */
function startWatcher(configFile: string) {
  const log: Array<Record<string, unknown>> = [];
  const output: string[] = [];
  const child: ChildProcess = spawn("npm", ["run", "--silent", "alerts", "--", "--config", configFile], { cwd: process.cwd(), detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let pending = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    pending += chunk.toString("utf8");
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      output.push(line);
      if (line.startsWith("{")) log.push(JSON.parse(line) as Record<string, unknown>);
    }
  });
  child.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString("utf8")));
  // Done when every process of the group has let go of its output (npm itself may exit before the watcher has).
  const exited = new Promise<void>((resolve) => child.stdout!.once("close", () => resolve()));
  return {
    log,
    output,
    stop: async () => {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        // the group has already gone
      }
      return exited;
    },
  };
}

test("team rules and names travel with the team; an alert fires in the app and at a webhook from npm run alerts; npm run spend agrees with the dashboard", async ({ page }) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "spend-alerts-"));
  const receiver = await webhookReceiver();
  let watcher: ReturnType<typeof startWatcher> | null = null;
  try {
    const mateSeed = seedLeasedDeployment({ provider: 4 });
    const dry = await seedLeasedDeployment({ sdl: pricierSdl, provider: 3, deposit: "3000000" });
    const mate = await mateSeed;
    const owner = dry.address;

    // A deploys a template from this browser, naming it in the review: the deploy flow saves the name with the SDL.
    await openApp(page);
    await importWallet(page, dry.mnemonic);
    await navigate(page, "/deploy?template=nginx-static-site");
    await page.getByRole("button", { name: "Deploy", exact: true, disabled: false }).click({ timeout: 20_000 });
    const review = page.getByRole("dialog", { name: "Review deployment" });
    await review.getByLabel("Deployment name").fill("web-frontend");
    // A deposit for many hours: only the other deployment is to run dry.
    await review.getByLabel("Deposit (ACT)").fill("5");
    await review.getByRole("button", { name: "Create deployment", disabled: false }).click({ timeout: 20_000 });
    await approveTx(page, /Create deployment/);
    await expect(page).toHaveURL(/\/deployments\/\d+\/bids$/);
    const running = { dseq: /deployments\/(\d+)\/bids/.exec(page.url())![1]! };
    await page.getByRole("button", { name: "Accept cheapest audited", disabled: false }).click({ timeout: 30_000 });
    await approveTx(page, /Accept bid from/);
    await expect.poll(() => activeLeases(owner, running.dseq), { timeout: 30_000 }).toBe(1);

    // The link carries the team's rules and a name for B's deployment; opening it sets both for the team.
    const fragment = teamLinkFragment({
      version: 2,
      name: "Ops",
      members: [{ address: owner, label: "Alice" }, { address: mate.address, label: "Bob" }],
      rules: { escrowHoursBelow: 2, leaseClosed: true },
      deploymentLabels: [{ network: "devnet", owner: mate.address, dseq: mate.dseq, label: "bob-api" }],
    });
    expect(fragment.length).toBeLessThan(1000);
    await page.goto(`/spend#${fragment}`);
    await expect(page.getByText('Added team "Ops" from the link')).toBeVisible();
    const alerts = page.getByRole("region", { name: /^Alerts/ });
    await expect(alerts.getByTestId("alert-rules-summary")).toContainText("escrow time left below 2 h");
    // The rule fires in the app for the deployment running dry (about 1 h left), not for the one with about 11 h.
    await expect(alerts.getByTestId("alerts-history")).toContainText(`Deployment ${dry.dseq} runs dry in`, { timeout: 60_000 });
    await expect(alerts.getByTestId("alerts-active").getByRole("listitem")).toHaveCount(1);

    // Names: the saved SDL's for A's running deployment, the link's label for B's; the one running dry named here.
    const deployments = page.getByRole("region", { name: "Deployments", exact: true });
    // By the dseq cell (one deployed from the browser has a block height for dseq: a short number).
    const row = (dseq: string) => deployments.getByRole("row").filter({ has: page.getByRole("cell", { name: dseq, exact: true }) });
    await expect(row(running.dseq)).toContainText("web-frontend");
    await expect(row(running.dseq).getByRole("button", { name: /(Rename|Add name to) deployment/ })).toHaveCount(0);
    await expect(row(mate.dseq)).toContainText("bob-api");
    await row(dry.dseq).getByRole("button", { name: `Add name to deployment ${dry.dseq}` }).click();
    await row(dry.dseq).getByLabel(`Name for deployment ${dry.dseq}`).fill("batch-job");
    await row(dry.dseq).getByRole("button", { name: "Save" }).click();
    await expect(row(dry.dseq)).toContainText("batch-job");
    await deployments.getByLabel("Filter").fill("batch");
    await expect(deployments.getByRole("row")).toHaveCount(2);
    await deployments.getByLabel("Filter").fill("");
    // Kept in this browser (per network, owner and dseq).
    await page.reload();
    await page.getByLabel("Wallet or team").selectOption("team:Ops");
    await expect(row(dry.dseq)).toContainText("batch-job", { timeout: 60_000 });

    // The CSV per lease names each deployment.
    const csvDownload = page.waitForEvent("download");
    await deployments.getByRole("button", { name: "CSV per lease" }).click();
    const [header, ...rows] = (await readFile((await (await csvDownload).path())!, "utf8")).trim().split("\n").map((l) => l.split(","));
    const nameOf = (dseq: string) => rows.find((r) => r[header!.indexOf("dseq")] === dseq)?.[header!.indexOf("name")];
    expect([nameOf(running.dseq), nameOf(dry.dseq), nameOf(mate.dseq)]).toEqual(["web-frontend", "batch-job", "bob-api"]);

    // The exported team file carries the rules and every name.
    const teamDownload = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export JSON" }).click();
    const teamFile = path.join(dir, "ops.team.json");
    await writeFile(teamFile, await readFile((await (await teamDownload).path())!, "utf8"));
    const exported = JSON.parse(await readFile(teamFile, "utf8")) as { version: number; rules: { escrowHoursBelow: number }; deploymentLabels: Array<{ dseq: string; label: string }> };
    expect(exported.version).toBe(2);
    expect(exported.rules.escrowHoursBelow).toBe(2);
    expect(Object.fromEntries(exported.deploymentLabels.map((l) => [l.dseq, l.label]))).toEqual({ [running.dseq]: "web-frontend", [dry.dseq]: "batch-job", [mate.dseq]: "bob-api" });

    // `npm run alerts` with the exported file as its team (no rules in the config: they come with the team).
    const configFile = path.join(dir, "alerts.json");
    const config = { network: { restUrl: env("E2E_REST_URL"), rpcUrl: env("E2E_RPC_URL") }, team: "ops.team.json", webhooks: [{ url: receiver.url, format: "json" }], stateFile: "state.json", minIntervalSeconds: 0, pollSeconds: 1, retries: 2, retryBaseMs: 100 };
    await writeFile(configFile, JSON.stringify(config, null, 2));
    watcher = startWatcher(configFile);
    await expect.poll(() => receiver.bodies.length, { timeout: 90_000, message: "a POST at the webhook" }).toBeGreaterThan(0);
    const fired = watcher.log.find((r) => r.event === "delivery");
    expect(fired).toMatchObject({ type: "fired", key: `escrow-low:${owner}/${dry.dseq}`, ok: true });
    expect(receiver.bodies[0]).toMatchObject({
      type: "fired",
      key: `escrow-low:${owner}/${dry.dseq}`,
      kind: "escrow-low",
      subject: `${owner}/${dry.dseq}`,
      title: expect.stringMatching(new RegExp(`^Deployment ${dry.dseq} runs dry in `)),
      message: expect.stringContaining("(alert below 2 h)"),
      network: new URL(env("E2E_REST_URL")).host,
    });
    // The next blocks: evaluated again, the condition still holds, nothing is posted twice.
    const firedHeight = Math.max(...watcher.log.filter((r) => r.event === "evaluated" && (r.events as number) > 0).map((r) => r.height as number));
    const later = () => watcher!.log.filter((r) => r.event === "evaluated" && (r.height as number) > firedHeight);
    await expect.poll(() => later().length, { timeout: 60_000, message: "evaluations on later blocks" }).toBeGreaterThanOrEqual(3);
    expect(later().every((r) => (r.conditions as string[]).includes(`escrow-low:${owner}/${dry.dseq}`) && r.events === 0)).toBe(true);
    expect(receiver.bodies).toHaveLength(1);
    // Stopped (SIGTERM, as a service manager would): it finishes what it was doing and says so.
    await watcher.stop();
    expect(watcher.log.at(-1)).toMatchObject({ event: "stop" });
    watcher = null;

    // With every deployment closed (nothing accrues any more), the spend report and the dashboard read the same range.
    for (const [mnemonic, who, dseqs] of [
      [dry.mnemonic, owner, [running.dseq, dry.dseq]],
      [mate.mnemonic, mate.address, [mate.dseq]],
    ] as const) {
      const { client } = await connectSigner(mnemonic);
      try {
        await sendTx(client, who, dseqs.map((dseq) => ({ typeUrl: "/akash.deployment.v1beta4.MsgCloseDeployment", value: { id: { owner: who, dseq: BigInt(dseq) } } })));
      } finally {
        client.disconnect();
      }
      for (const dseq of dseqs) await expect.poll(async () => (await deploymentInfo(who, dseq)).deployment.state).toBe("closed");
    }
    await page.reload();
    await page.getByLabel("Wallet or team").selectOption("team:Ops");
    const period = page.getByRole("region", { name: "Period", exact: true });
    await expect(period).toContainText("Spent in range", { timeout: 60_000 });
    const rangeText = (await period.textContent()) ?? "";
    const [, from, to] = /(\d{4}-\d{2}-\d{2}) … (\d{4}-\d{2}-\d{2})/.exec(rangeText) ?? [];
    const spentText = (await period.getByText("Spent in range").locator("..").textContent()) ?? "";
    const { stdout } = await promisify(execFile)("npm", ["run", "--silent", "spend", "--", "--address", `${owner},${mate.address}`, "--network", env("E2E_REST_URL"), "--from", from!, "--to", to!, "--json"], { cwd: process.cwd() });
    const report = JSON.parse(stdout) as { from: string; to: string; totalUact: string; deployments: Array<{ dseq: string }> };
    expect([report.from, report.to]).toEqual([from, to]);
    expect(new Set(report.deployments.map((d) => d.dseq))).toEqual(new Set([running.dseq, dry.dseq, mate.dseq]));
    expect(BigInt(report.totalUact.split(".")[0]!)).toBeGreaterThan(0n);
    expect(BigInt(report.totalUact.split(".")[0]!)).toBe(microOf(spentText));
    await page.screenshot({ path: test.info().outputPath("spend-alerts.png"), fullPage: true });
  } finally {
    await watcher?.stop();
    await receiver.close();
    await rm(dir, { recursive: true, force: true });
  }
});
