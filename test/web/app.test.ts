/**
 * The web app in a real browser: Debian's chromium driven by playwright-core against the real
 * server (built CLI, fresh SQLite file). A person builds a scenario, runs it, sees the plot and
 * the diagram follow the cursor, compares two runs and downloads CSV. Skips (saying so) only
 * when /usr/bin/chromium is absent; CI installs it (.ci/run).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, type Running, SLOW, startServer } from "../server/helpers.js";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(
    `test/web: skipped: ${CHROMIUM} is absent (apt-get install -y chromium; .ci/run installs it).`,
  );

function newest(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce(
    (m, e) => Math.max(m, e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs),
    0,
  );
}

/** Build web-dist/ when it is missing or older than src/web (npm run build does it in CI). */
function ensureWebBuild(): void {
  const index = join(ROOT, "web-dist", "index.html");
  if (existsSync(index) && statSync(index).mtimeMs > newest(join(ROOT, "src", "web"))) return;
  execFileSync(process.execPath, [join(ROOT, "node_modules", "vite", "bin", "vite.js"), "build"], {
    cwd: ROOT,
    stdio: "pipe",
  });
}

describe.skipIf(!hasChromium)("the web app in chromium", { timeout: SLOW }, () => {
  let server: Running;
  let browser: BrowserContext;
  let page: Page;
  const downloads = mkdtempSync(join(tmpdir(), "il6sim-downloads-"));

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer(["--workers", "2"]);
    browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "il6sim-chromium-")), {
      executablePath: CHROMIUM,
      headless: true,
      acceptDownloads: true,
      viewport: { width: 1400, height: 1000 },
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    page = await browser.newPage();
    await page.goto(server.url);
    await page.getByTestId("builder").waitFor();
  }, SLOW);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, SLOW);

  async function buildAndRun(name: string, amount: string): Promise<string> {
    await page.getByTestId("scenario-name").fill(name);
    await page.getByTestId("organism").selectOption("mouse");
    await page.getByTestId("end").fill("12");
    await page.getByLabel("output step").fill("0.1 h");
    if ((await page.getByTestId("dose-row").count()) === 0) await page.getByTestId("add-dose").click();
    const row = page.getByTestId("dose-row").first();
    await row.getByLabel("drug").selectOption("hyper_il6");
    await row.getByLabel("amount").fill(amount);
    await row.getByLabel("dose unit").selectOption("ug");
    await row.getByLabel("route").selectOption("ip");
    await page.getByTestId("run").click();
    const done = page.locator(`[data-testid=run-row][data-status=done]`, { hasText: name });
    await done.waitFor({ timeout: 120_000 });
    return (await done.getAttribute("data-run-id"))!;
  }

  async function download(testid: string): Promise<{ name: string; text: string }> {
    const [d] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testid).click()]);
    const path = join(downloads, d.suggestedFilename());
    await d.saveAs(path);
    return { name: d.suggestedFilename(), text: readFileSync(path, "utf8") };
  }

  it("builds a scenario, runs it and shows the plot and the IL-6 diagram following the cursor", async () => {
    await buildAndRun("browser_a", "2");
    const plot = page.getByTestId("plot").locator("svg").first();
    await plot.waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("plot").textContent()).toContain("browser_a");
    await page.getByTestId("diagram").locator("svg").waitFor();
    expect(await page.getByTestId("diagram-t").textContent()).toBe("0 h");
    const box = (await plot.boundingBox())!;
    // the first panel's plotting area: move across it until the hovered time changes
    for (const dx of [120, 160, 200]) {
      await page.mouse.move(box.x + dx, box.y + 140);
      await page.waitForTimeout(150);
      if ((await page.getByTestId("diagram-t").textContent()) !== "0 h") break;
    }
    expect(await page.getByTestId("diagram-t").textContent()).not.toBe("0 h");
    const hil6 = page.locator("[data-testid=diagram] g[data-cell=hep] g[data-route=hil6]");
    expect(Number(await hil6.getAttribute("data-flux"))).toBeGreaterThan(0);
  });

  it("compares two runs in one plot and downloads their CSV", async () => {
    const b = await buildAndRun("browser_b", "20");
    const a = await page
      .locator("[data-testid=run-row]", { hasText: "browser_a" })
      .getAttribute("data-run-id");
    await page.locator(`[data-testid=run-row][data-run-id="${a}"] [data-testid=run-select]`).check();
    await page.locator(`[data-testid=run-row][data-run-id="${b}"] [data-testid=run-select]`).check();
    await page.getByText("2 runs overlaid").waitFor();
    await page.getByTestId("plot").getByText("2 runs compared").waitFor({ timeout: 30_000 });
    const legend = await page.getByTestId("plot").textContent();
    expect(legend).toContain("browser_a");
    expect(legend).toContain("browser_b");

    const both = await download("download-csv");
    const lines = both.text.trim().split("\n");
    expect(lines[0]).toMatch(/^run,run_id,time_h,/);
    expect(lines.filter((l) => l.startsWith("browser_a,")).length).toBe(121);
    expect(lines.filter((l) => l.startsWith("browser_b,")).length).toBe(121);

    await page.locator(`[data-testid=run-row][data-run-id="${a}"] [data-testid=run-select]`).uncheck();
    await page.getByTestId("plot").getByText("browser_b").first().waitFor();
    const one = await download("download-csv");
    expect(one.name).toContain("browser_b");
    const header = one.text.split("\n")[0].split(",");
    expect(header[0]).toBe("time_h");
    expect(one.text.trim().split("\n")).toHaveLength(122); // header + 0, 0.1, ..., 12 h
    const first = one.text.split("\n")[1].split(",").map(Number);
    expect(first[0]).toBe(0);
    expect(first.every(Number.isFinite)).toBe(true);
  });

  it("shows every issue of an invalid scenario next to the builder, and runs nothing", async () => {
    const before = await page.getByTestId("run-row").count();
    await page.getByTestId("scenario-name").fill("browser_bad");
    await page.getByLabel("output step").fill("5 parsecs");
    await page.getByTestId("run").click();
    const issues = page.getByTestId("issues");
    await issues.waitFor();
    expect(await issues.textContent()).toContain("output.every");
    expect(await page.getByTestId("notice").textContent()).toContain("problems");
    expect(await page.getByTestId("run-row").count()).toBe(before);
  });
});
