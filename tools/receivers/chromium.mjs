// The system's Chromium (apt-get install chromium), driven by puppeteer without downloading a browser.
import { existsSync } from "node:fs";

export const ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--no-first-run", "--disable-sync"];

export function chromium() {
  const found = [process.env.CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome"].find((p) => p && existsSync(p));
  if (!found) {
    console.error("No Chromium found: set CHROMIUM or apt-get install chromium");
    process.exit(2);
  }
  return found;
}

