/**
 * Client entry
 * ============
 *
 * Registers the pages and starts the router inside #app.
 */
import "./styles.css";
import "./pages/index.js";

import "./app/reauth.js";
import { startApp } from "./app/router.js";
import { notFoundPage } from "./pages/not-found.js";

startApp(document.getElementById("app")!, notFoundPage);
