// puppeteer-cluster on the same Chromium and the same filled posters, as a Node team would build
// it: each task sets the page content and takes the default PNG screenshot.
//   node cluster.js <html-dir> <K> <page|context>
const fs = require('fs');
const path = require('path');
const puppeteer = require('puppeteer-core');
const { Cluster } = require('puppeteer-cluster');

(async () => {
  const [dir, k, mode] = process.argv.slice(2);
  const files = fs.readdirSync(dir).filter(f => f.endsWith('.html')).sort().map(f => fs.readFileSync(path.join(dir, f), 'utf8'));
  const cluster = await Cluster.launch({
    puppeteer,
    concurrency: mode === 'context' ? Cluster.CONCURRENCY_CONTEXT : Cluster.CONCURRENCY_PAGE,
    maxConcurrency: Number(k),
    puppeteerOptions: {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    },
  });
  let bytes = 0;
  await cluster.task(async ({ page, data: html }) => {
    await page.setViewport({ width: 1080, height: 1080 });
    await page.setContent(html);
    // Awaited before the sum: `bytes += await ...` reads bytes first and loses the other pages' additions.
    const screenshot = await page.screenshot({ type: 'png' });
    bytes += screenshot.length;
  });
  await cluster.execute(files[0]);
  bytes = 0;
  const started = process.hrtime.bigint();
  await Promise.all(files.map(html => cluster.execute(html)));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await cluster.close();
  const label = `puppeteer-cluster ${mode.padEnd(7)} K=${k}`;
  console.log(`${label}: ${(files.length / seconds).toFixed(2).padStart(6)} posters/s, ${(bytes / 1024 / files.length).toFixed(0).padStart(6)} KiB each`);
})().catch(error => { console.error(error); process.exit(1); });
