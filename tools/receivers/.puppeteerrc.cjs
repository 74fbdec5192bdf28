// The tests drive the system's Chromium (apt-get install chromium): npm ci downloads no browser.
module.exports = { skipDownload: true };
