import {describe, expect, test} from "vitest";
import {permalink} from "../src/components/cite-block.js";

describe("permalink", () => {
  test("permalink keeps the page's origin and path and puts the canonical scenario query in place of the address's", () => {
    expect(permalink("https://example.org/site/cite.html?units=kg&pue=1.10&x=1#downloads", "pue=1.1&units=kg")).toBe(
      "https://example.org/site/cite.html?pue=1.1&units=kg"
    );
  });

  test("permalink of the paper's scenario has no query", () => {
    expect(permalink("http://127.0.0.1:8080/table3.html?pue=1.58", "")).toBe("http://127.0.0.1:8080/table3.html");
  });
});
