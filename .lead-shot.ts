import {launch, serve} from "./test/browser/harness.js";
const [dir, ...pages] = process.argv.slice(2);
const server = await serve(dir);
const browser = await launch();
for (const p of pages) {
  const page = await browser.newPage({viewport: {width: 1280, height: 900}});
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${server.origin}/${p}`);
  await page.waitForTimeout(2500);
  const name = p.replace(/[^a-z0-9]+/gi, "_");
  await page.screenshot({path: `/tmp/shot-${name}.png`, fullPage: true});
  console.log(p, "errors:", errors);
  await page.close();
}
await browser.close();
await server.close();
