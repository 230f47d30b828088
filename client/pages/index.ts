/**
 * Pages
 * =====
 *
 * Importing a page module registers it (see app/registry.ts). Add one line per new page.
 */
import "./queue-page.js";
import "./cluster-page.js";
