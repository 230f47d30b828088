/**
 * Case notes and status rules (issue 11): an unclosed <script>, <style> or <textarea> no longer swallows
 * the rest of a note (the case page and the evidence PDF render the same HTML), nothing executable gets
 * through, and only a lead takes a case out of `escalated` or `referred`.
 */
import { describe, expect, it } from "vitest";

import { renderNotes } from "../../server/cases/markdown.js";
import { statusChangeProblem } from "../../server/cases/status.js";

describe("renderNotes", () => {
  it.each(["script", "style", "textarea", "title", "iframe"])(
    "keeps the rest of a note after an unclosed <%s>",
    (tag) => {
      const html = renderNotes(`Seen on <${tag}>the device\n\nSecond paragraph with **bold**\n\n- a list item`);
      expect(html).toContain("<strong>bold</strong>");
      expect(html).toContain("<li>a list item</li>");
      expect(html).toContain(`&lt;${tag}&gt;the device`);
      expect(html).not.toMatch(new RegExp(`<${tag}`, "i"));
    },
  );

  it("shows raw HTML blocks as text, and still drops what is executable", () => {
    const html = renderNotes(
      '<div onclick="x()">\n<script>alert(1)</script>\n</div>\n\nafter [x](javascript:alert(1))',
    );
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("<p>after");
    expect(html).not.toMatch(/<script|<div|javascript:|<[^>]*onclick/i);
  });
});

describe("statusChangeProblem", () => {
  it("keeps escalation and referral with leads", () => {
    expect(statusChangeProblem("investigator", "open", "escalated")).toMatch(/only a lead/);
    expect(statusChangeProblem("investigator", "escalated", "open")).toMatch(
      /only a lead may change the status of an escalated/,
    );
    expect(statusChangeProblem("investigator", "escalated", "closed")).toMatch(/only a lead/);
    expect(statusChangeProblem("investigator", "referred", "open")).toMatch(/only a lead/);
    expect(statusChangeProblem("lead", "escalated", "open")).toBeNull();
    expect(statusChangeProblem("investigator", "open", "closed")).toBeNull();
    expect(statusChangeProblem("investigator", "closed", "open")).toBeNull();
  });
});
