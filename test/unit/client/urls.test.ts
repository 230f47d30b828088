/**
 * URL state: the cluster deep link and the queue filters round-trip, leave defaults out, and drop
 * anything invalid instead of failing.
 */
import { describe, expect, it } from "vitest";

import { INITIAL_VIEW } from "../../../client/state/cluster-view.js";
import { clusterHref, decodeClusterLink, encodeClusterLink } from "../../../client/state/cluster-url.js";
import {
  EMPTY_QUEUE_QUERY,
  clearedFilters,
  decodeQueueQuery,
  encodeQueueQuery,
  isFiltered,
  toApiQuery,
  withFilter,
} from "../../../client/state/queue-query.js";

const q = (s: string) => new URLSearchParams(s);

describe("cluster deep links", () => {
  it("round-trip selection, pair, filters, range, search and run", () => {
    const link = {
      run: "R-20260101-1",
      view: {
        ...INITIAL_VIEW,
        selected: "device:d-1",
        pair: ["application:A-1", "application:A-2"] as const,
        hiddenKinds: new Set(["phone", "email"] as const),
        common: "hide" as const,
        timeRange: [Date.parse("2026-01-01T00:00:00Z"), Date.parse("2026-01-08T00:00:00Z")] as const,
        search: "bob",
      },
    };
    const encoded = encodeClusterLink(link);
    expect(encoded.toString()).toBe(
      "run=R-20260101-1&sel=device%3Ad-1&a=application%3AA-1&b=application%3AA-2&hide=email%2Cphone&common=hide&from=2026-01-01T00%3A00%3A00.000Z&to=2026-01-08T00%3A00%3A00.000Z&q=bob",
    );
    const back = decodeClusterLink(encoded);
    expect(back.run).toBe(link.run);
    expect(back.view).toMatchObject({
      selected: "device:d-1",
      pair: ["application:A-1", "application:A-2"],
      common: "hide",
      timeRange: link.view.timeRange,
      search: "bob",
    });
    expect([...back.view.hiddenKinds].sort()).toEqual(["email", "phone"]);
  });

  it("leaves defaults out, so the plain cluster URL has no query", () => {
    expect(encodeClusterLink({ view: INITIAL_VIEW, run: null }).toString()).toBe("");
    expect(clusterHref("C-1")).toBe("/clusters/C-1");
    expect(clusterHref("C 1/2", { view: { ...INITIAL_VIEW, selected: "application:A-1" } })).toBe(
      "/clusters/C%201%2F2?sel=application%3AA-1",
    );
  });

  it("drops what is invalid", () => {
    const back = decodeClusterLink(
      q(
        "sel=planet:x&a=device:d-1&b=application:A-1&hide=ip,bogus&common=loud&from=2026-02-01&to=2026-01-01&run=bad%20id!",
      ),
    );
    expect(back.view.selected).toBeNull();
    expect(back.view.pair).toEqual([null, "application:A-1"]);
    expect([...back.view.hiddenKinds]).toEqual(["ip"]);
    expect(back.view.common).toBe("dim");
    expect(back.view.timeRange).toBeNull();
    expect(back.run).toBeNull();
    expect(decodeClusterLink(q("a=application:A-1&b=application:A-1")).view.pair).toEqual(["application:A-1", null]);
  });
});

describe("queue query", () => {
  it("round-trips filters and pages", () => {
    const s = "level=high&pattern=laptop_farm&min_size=5&from=2026-01-01&to=2026-01-31&q=smith&offset=50";
    const decoded = decodeQueueQuery(q(s));
    expect(decoded).toEqual({
      run: null,
      newSince: null,
      level: "high",
      pattern: "laptop_farm",
      minSize: 5,
      triage: null,
      from: "2026-01-01",
      to: "2026-01-31",
      q: "smith",
      offset: 50,
    });
    expect(encodeQueueQuery(decoded).toString()).toBe(s);
    expect(isFiltered(decoded)).toBe(true);
    expect(isFiltered(EMPTY_QUEUE_QUERY)).toBe(false);
  });

  it("round-trips the run listed and the run changes are counted from", () => {
    const s = "run=R-20260301T020000Z-ab12&new_since=R-20260201T020000Z-cd34&level=high";
    const decoded = decodeQueueQuery(q(s));
    expect(decoded).toMatchObject({ run: "R-20260301T020000Z-ab12", newSince: "R-20260201T020000Z-cd34" });
    expect(encodeQueueQuery(decoded).toString()).toBe(s);
    expect(toApiQuery(decoded).toString()).toBe(`${s}&limit=50`);
    // Viewing another run narrows nothing; "new since" does.
    expect(isFiltered({ ...EMPTY_QUEUE_QUERY, run: "R-1" })).toBe(false);
    expect(isFiltered({ ...EMPTY_QUEUE_QUERY, newSince: "R-1" })).toBe(true);
    expect(clearedFilters({ ...decoded, q: "smith", offset: 50 })).toEqual({ ...EMPTY_QUEUE_QUERY, run: decoded.run });
  });

  it("drops values the API would reject and snaps the offset to a page", () => {
    expect(decodeQueueQuery(q("run=R 1;drop&new_since=" + "x".repeat(65)))).toEqual(EMPTY_QUEUE_QUERY);
    expect(decodeQueueQuery(q("level=extreme&pattern=x&min_size=1&from=2026-13-01&to=yesterday&offset=77"))).toEqual({
      ...EMPTY_QUEUE_QUERY,
      offset: 50,
    });
  });

  it("round-trips the triage choice and sends the API its states", () => {
    const decoded = decodeQueueQuery(q("triage=todo"));
    expect(decoded.triage).toBe("todo");
    expect(isFiltered(decoded)).toBe(true);
    expect(encodeQueueQuery(decoded).toString()).toBe("triage=todo");
    expect(toApiQuery(decoded).get("triage")).toBe("new,in_review,case_open,grown_since_dismissed");
    expect(toApiQuery({ ...EMPTY_QUEUE_QUERY, triage: "dismissed" }).get("triage")).toBe("dismissed");
    expect(decodeQueueQuery(q("triage=maybe")).triage).toBeNull();
    expect(decodeQueueQuery(q("triage=toString")).triage).toBeNull();
  });

  it("asks the API for one page, without a one-letter search", () => {
    expect(toApiQuery({ ...EMPTY_QUEUE_QUERY, q: "a", level: "low" }).toString()).toBe("level=low&limit=50");
    expect(toApiQuery({ ...EMPTY_QUEUE_QUERY, q: "ab", offset: 100 }).toString()).toBe("q=ab&offset=100&limit=50");
  });

  it("goes back to the first page when a filter changes", () => {
    expect(withFilter({ ...EMPTY_QUEUE_QUERY, offset: 100 }, { level: "high" })).toMatchObject({
      level: "high",
      offset: 0,
    });
  });
});
