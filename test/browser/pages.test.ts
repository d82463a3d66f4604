import {afterAll, beforeAll, describe, expect, test} from "vitest";
import type {Browser} from "playwright-core";
import {launch, serve, settled, siteDir, watchedPage, type StaticServer} from "./harness.js";

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  server = await serve(siteDir());
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("built site", () => {
  test("index renders with no request leaving localhost", async () => {
    const {page, external, errors} = await watchedPage(browser, server.origin);
    await page.goto(`${server.origin}/index.html`);
    await settled(page);
    expect(external).toEqual([]);
    expect(errors.filter((e) => !/favicon|404/.test(e))).toEqual([]);
    await page.close();
  });
});
