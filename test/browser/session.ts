// The built site served on 127.0.0.1 and one Chromium, for the tests of one browser test file: started before
// them and closed after (vitest hooks). Kept apart from harness.ts, which bench/ imports outside vitest.
import type {Browser} from "playwright-core";
import {afterAll, beforeAll} from "vitest";
import {launch, serve, settled, siteDir, watchedPage, type StaticServer, type Watched} from "../../browser/harness.js";

export interface SiteSession {
  readonly server: StaticServer;
  readonly browser: Browser;
  /**
   * Opens `path` (e.g. "estimate.html?pue=1") on a watched page, waits until every cell has rendered and, if
   * given, until an element matching `ready` exists.
   */
  open(path: string, ready?: string): Promise<Watched>;
}

/** Call at the top of a test file: registers the hooks that start and stop the server and the browser. */
export function siteSession(): SiteSession {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await serve(siteDir());
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const started = () => {
    if (!server || !browser) throw new Error("siteSession: used before its beforeAll hook ran");
    return {server, browser};
  };
  return {
    get server() {
      return started().server;
    },
    get browser() {
      return started().browser;
    },
    async open(path, ready) {
      const {server, browser} = started();
      const watched = await watchedPage(browser, server.origin);
      await watched.page.goto(`${server.origin}/${path}`, {timeout: 60000});
      await settled(watched.page);
      if (ready) await watched.page.waitForSelector(ready);
      return watched;
    }
  };
}
