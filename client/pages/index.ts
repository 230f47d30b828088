/**
 * Pages
 * =====
 *
 * Importing a page module registers it (see app/registry.ts). Add one line per new page.
 */
import "./queue-page.js";
import "./cluster-page.js";
import "./signin-page.js";
import "./cases-page.js";
import "./case-page.js";
import "./audit-page.js";
import "./users-page.js";
import "./explore/search-box.js";
import "./explore/application-page.js";
import "./explore/identifier-page.js";
import "./glossary/glossary-page.js";
import "./runs-page.js";
import "./watchlist-page.js";
import "./rules-page.js";
