// The one notice for parameters of a page's address that were ignored (an unknown name or a value that is not
// allowed): each parameter's message, as text (never HTML), says what is allowed and that the default is used.
import type {ParamNotice} from "../lib/scenario/params.js";
import {el} from "./dom.js";

/**
 * A status box listing the ignored parameters (`where` names what held them: "this page's address", "this link");
 * hidden when there are none, so a page can show it unconditionally and a live page can keep it in place.
 */
export function ignoredParams(notices: readonly ParamNotice[], where = "this page's address"): HTMLElement {
  const box = el("div", {class: "note notices scenario-notices", role: "status", "aria-live": "polite"});
  if (notices.length === 0) {
    box.hidden = true;
    return box;
  }
  box.append(
    el("p", {}, el("strong", {}, `Some parameters of ${where} were ignored:`)),
    el("ul", {}, ...notices.map((n) => el("li", {"data-param": n.param}, n.message)))
  );
  return box;
}
