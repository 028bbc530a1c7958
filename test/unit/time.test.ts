// Every time the views show follows one format, the user's locale (VS Code's display language).
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { pauseNodes, pauseTooltip, runNode, runTooltip } from "../../src/core/runRows";
import type { RunRecord } from "../../src/core/runRecord";
import { formatClock, formatDateTime, setViewLocale } from "../../src/core/time";
import { formatLogLine } from "../../src/core/logFormat";

const evening = new Date(2026, 10, 25, 21, 5, 3).getTime();
const nextDay = new Date(2026, 10, 26, 8, 0, 0).getTime();
/** ICU separates "PM" with a narrow no-break space; what matters here is the format, not which space. */
const spaces = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

test("the time of day: 12 hours in en-US, 24 in German; the date too when it is not today", () => {
  assert.equal(spaces(formatClock(evening, evening, "en-US")), "9:05:03 PM");
  assert.equal(formatClock(evening, evening, "de"), "21:05:03");
  assert.equal(spaces(formatClock(evening, nextDay, "en-US")), "11/25/26, 9:05:03 PM");
  assert.equal(formatClock(evening, nextDay, "de"), "25.11.26, 21:05:03");
  assert.equal(spaces(formatDateTime(evening, "en-US")), "11/25/26, 9:05:03 PM");
  assert.equal(formatDateTime(evening, "de"), "25.11.26, 21:05:03");
});

test("a locale tag the runtime does not know falls back to the runtime's own format instead of failing", () => {
  assert.equal(formatClock(evening, evening, "not a locale!"), formatClock(evening, evening, undefined));
});

test("the pause hover and the rows show a time the same way, in the view's locale", () => {
  // Today: the hover says the time of day, as the rows do.
  const evening = new Date().setHours(21, 5, 3, 0);
  const record: RunRecord = {
    id: "r1",
    name: "crimson-wolf",
    flowName: "intake-review",
    spec: { file: "/ws/intake.flow.ts" },
    state: "Paused",
    createdAt: evening,
    pauses: [{ key: "review", kind: "pause", requestedAt: evening }],
  };
  for (const [locale, shown] of [["en-US", "9:05:03 PM"], ["de", "21:05:03"]] as const) {
    setViewLocale(locale);
    assert.equal(spaces(runNode(record, evening).description), `crimson-wolf · ${shown} · waiting at review`);
    assert.equal(spaces(pauseNodes(record, evening)[0]!.description), `waiting · ${shown}`);
    assert.equal(spaces(pauseTooltip(record.pauses[0]!)), `review: waiting\nAsked ${shown}`);
    assert.match(spaces(runTooltip(record)), new RegExp(`\nStarted [^\n]*${shown}\n`));
  }
  setViewLocale(undefined);
});

test("log lines keep Prefect's 24-hour time whatever the views' locale", () => {
  setViewLocale("en-US");
  assert.match(formatLogLine({ time: evening, level: "info", message: "hi", source: "flow" }, "crimson-wolf"), /^21:05:03\.000 \| INFO/);
  setViewLocale(undefined);
});
