// Runs axe-core (WCAG 2.x A and AA rules, and best practices) on HTML files in jsdom and prints,
// as JSON, each file's violations: [{file, violations: [{id, impact, help, nodes}]}].
// Usage: node check.mjs page.html [more.html ...]. Exit code 0 whatever is found (the caller judges);
// 2 when a file cannot be read.
// jsdom does no layout, so rules that need it (colour contrast, target size) come back "incomplete"
// rather than passing: a browser run is still the final word on those.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { JSDOM, VirtualConsole } from "jsdom";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const results = [];
for (const file of process.argv.slice(2)) {
  let html;
  try {
    html = readFileSync(file, "utf8");
  } catch (err) {
    console.error(`Cannot read ${file}: ${err.message}`);
    process.exit(2);
  }
  const dom = new JSDOM(html, { runScripts: "outside-only", pretendToBeVisual: true, virtualConsole: new VirtualConsole() });
  dom.window.eval(axeSource);
  const report = await dom.window.axe.run(dom.window.document, {
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
    resultTypes: ["violations"],
  });
  results.push({
    file,
    violations: report.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
    })),
  });
  dom.window.close();
}
console.log(JSON.stringify(results, null, 1));
