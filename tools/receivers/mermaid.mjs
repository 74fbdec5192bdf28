// Renders Mermaid files to SVG with mermaid-cli (the renderer behind `mmdc`), in one headless
// Chromium, with Mermaid's default configuration (so its default limits: 50,000 characters and
// 500 arrows a diagram), and prints a JSON report per file.
//
//   node mermaid.mjs OUT_DIR FILE.mmd [FILE.mmd ...]     (CHROMIUM=/path/to/chromium to choose)
//
// Each FILE.mmd becomes OUT_DIR/FILE.svg. A diagram Mermaid refuses either throws (a syntax error,
// too many arrows) or, over the text limit, is drawn as an error box instead ("Maximum text size in
// diagram exceeded"): both are reported as the file's error. The report also counts the nodes and
// arrows drawn. The same as `mmdc -p puppeteer-config.json -i FILE.mmd -o FILE.svg`, file by file,
// without starting a browser per file. Exit code 0 whatever is found (the caller judges); 2 when the
// browser cannot start or a file cannot be read.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { renderMermaid } from "@mermaid-js/mermaid-cli";
import puppeteer from "puppeteer";
import { ARGS, chromium } from "./chromium.mjs";

const REFUSALS = ["Maximum text size in diagram exceeded", "Syntax error in text", "Edge limit exceeded"];

const [outDir, ...files] = process.argv.slice(2);
if (!outDir || !files.length) {
  console.error("usage: node mermaid.mjs OUT_DIR FILE.mmd [...]");
  process.exit(2);
}
for (const f of files) {
  if (!existsSync(f)) {
    console.error(`Cannot read ${f}`);
    process.exit(2);
  }
}
mkdirSync(outDir, { recursive: true });
const browser = await puppeteer.launch({ executablePath: chromium(), args: ARGS, headless: true,
  protocolTimeout: 1_200_000 });
const out = [];
try {
  for (const file of files) {
    const started = performance.now();
    const svgPath = join(outDir, basename(file, extname(file)) + ".svg");
    let error = null;
    let svg = "";
    try {
      const { data } = await renderMermaid(browser, readFileSync(file, "utf8"), "svg", { mermaidConfig: {} });
      svg = new TextDecoder().decode(data);
      writeFileSync(svgPath, svg);
      error = REFUSALS.find((r) => svg.includes(r)) ?? null;
    } catch (err) {
      error = String(err.message || err).split("\n").slice(0, 3).join(" ");
    }
    out.push({
      file, svg: error ? null : svgPath, error, seconds: (performance.now() - started) / 1000,
      bytes: svg.length,
      nodes: (svg.match(/class="node[ "]/g) || []).length,
      edges: (svg.match(/<path[^>]*class="[^"]*flowchart-link/g) || []).length,
      clusters: (svg.match(/class="cluster[ "]/g) || []).length,
    });
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(out, null, 1));
