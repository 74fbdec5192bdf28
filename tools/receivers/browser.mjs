// Opens exports in headless Chromium as their receivers do, and prints a JSON report per file.
//
//   node browser.mjs FILE [FILE ...]      (CHROMIUM=/path/to/chromium to choose the browser)
//
// - a web page (.html): loaded from file://, as a colleague opens it from an email; the report gives
//   the load time, the page's script errors and console errors, and axe-core's violations (WCAG 2.x
//   A and AA, best practices: the same rules as tools/axe-check runs in jsdom) with real layout, so
//   colour contrast and target size are judged too. axe-core is injected past the page's own
//   Content-Security-Policy (which rightly allows no outside script).
// - a BPMN file (.bpmn): imported into bpmn-js's viewer (bpmn.io, what Camunda Modeler draws with);
//   the report gives the import's warnings and error, the time, and how many shapes and connections
//   bpmn-js drew beside how many the file's diagram holds.
// Exit code 0 whatever is found (the caller judges); 2 when the browser cannot start or a file
// cannot be read.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { extname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import puppeteer from "puppeteer";
import { ARGS, chromium } from "./chromium.mjs";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");
const BPMN_VIEWER = require.resolve("bpmn-js/dist/bpmn-viewer.production.min.js");
const RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
async function webPage(browser, file) {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (err) => errors.push(`script error: ${err.message}`));
  page.on("console", (msg) => { if (msg.type() === "error") errors.push(`console: ${msg.text()}`); });
  page.on("requestfailed", (req) => errors.push(`failed to load: ${req.url().slice(0, 120)}`));
  await page.setBypassCSP(true);
  await page.setViewport({ width: 1280, height: 900 });
  const started = performance.now();
  await page.goto(pathToFileURL(resolve(file)).href, { waitUntil: "load", timeout: 600_000 });
  const loadSeconds = (performance.now() - started) / 1000;
  const counts = await page.evaluate(() => ({
    elements: document.getElementsByTagName("*").length,
    svgs: document.getElementsByTagName("svg").length,
    title: document.title,
  }));
  // The page on a phone: nothing wider than the screen outside the scroll areas meant for it
  await page.setViewport({ width: 360, height: 740, isMobile: true });
  const phoneOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await page.setViewport({ width: 1280, height: 900 });
  await page.addScriptTag({ path: AXE });
  const axeStarted = performance.now();
  const report = await page.evaluate(async (values) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: "tag", values }, resultTypes: ["violations"] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
    }));
  }, RULES);
  const axeSeconds = (performance.now() - axeStarted) / 1000;
  await page.close();
  return { file, kind: "html", loadSeconds, axeSeconds, errors, violations: report, phoneOverflow, ...counts };
}

async function bpmnFile(browser, file) {
  const xml = readFileSync(file, "utf8");
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (err) => errors.push(`script error: ${err.message}`));
  await page.setContent('<!doctype html><html><body><div id="canvas" style="width:1600px;height:1000px"></div></body></html>');
  await page.addScriptTag({ path: BPMN_VIEWER });
  const started = performance.now();
  const result = await page.evaluate(async (text) => {
    // eslint-disable-next-line no-undef
    const viewer = new BpmnJS({ container: "#canvas" });
    try {
      const { warnings } = await viewer.importXML(text);
      const registry = viewer.get("elementRegistry");
      const all = registry.getAll();
      const shapes = all.filter((e) => !e.waypoints && e.type !== "bpmn:Process" && e.type !== "bpmn:Collaboration" && !e.labelTarget);
      const connections = all.filter((e) => e.waypoints);
      const types = {};
      for (const e of all) types[e.type] = (types[e.type] || 0) + 1;
      const starts = all.filter((e) => e.type === "bpmn:StartEvent").length;
      return {
        error: null, warnings: warnings.map((w) => w.message.slice(0, 300)), shapes: shapes.length,
        connections: connections.length, types, starts,
        drawn: document.querySelectorAll("#canvas .djs-element").length,
      };
    } catch (err) {
      return { error: String(err.message || err), warnings: (err.warnings || []).map((w) => w.message.slice(0, 300)) };
    }
  }, xml);
  const seconds = (performance.now() - started) / 1000;
  // what the file's diagram holds, for comparison: a BPMNShape or BPMNEdge per drawn element
  const diShapes = (xml.match(/<bpmndi:BPMNShape\b/g) || []).length;
  const diEdges = (xml.match(/<bpmndi:BPMNEdge\b/g) || []).length;
  await page.close();
  return { file, kind: "bpmn", seconds, errors, diShapes, diEdges, ...result };
}

async function main() {
  const files = process.argv.slice(2);
  if (!files.length) {
    console.error("usage: node browser.mjs FILE.html|FILE.bpmn [...]");
    process.exit(2);
  }
  for (const f of files) {
    if (!existsSync(f)) {
      console.error(`Cannot read ${f}`);
      process.exit(2);
    }
  }
  const browser = await puppeteer.launch({ executablePath: chromium(), args: ARGS, headless: true,
    protocolTimeout: 1_200_000 });
  const out = [];
  try {
    for (const f of files) {
      out.push(extname(f).toLowerCase() === ".bpmn" ? await bpmnFile(browser, f) : await webPage(browser, f));
    }
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(out, null, 1));
}

await main();
