/**
 * Case notes
 * ==========
 *
 * Markdown rendered with marked, then sanitised with sanitize-html against a short allow-list: no
 * scripts, styles, images, frames or event handlers; links only to http(s) and mailto, opened without
 * an opener. The same HTML goes to the client and into the evidence report.
 *
 * Raw HTML in the Markdown is shown as text, not passed to the sanitiser: an unclosed `<script>`,
 * `<style>` or `<textarea>` would make the HTML parser treat the rest of the note as that element's
 * content, which the sanitiser then drops with it. Notes are Markdown; the allow-list above is what
 * Markdown itself produces.
 */
import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "p",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "del",
    "code",
    "pre",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
  ],
  allowedAttributes: { a: ["href", "title", "rel", "target"], th: ["align"], td: ["align"], ol: ["start"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  transformTags: {
    a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer nofollow", target: "_blank" }),
  },
};

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const markdown = new Marked({
  gfm: true,
  renderer: {
    html: ({ text }) => escapeHtml(text),
  },
});

export function renderNotes(source: string): string {
  const html = markdown.parse(source, { async: false }) as string;
  return sanitizeHtml(html, OPTIONS);
}
