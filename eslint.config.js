// Lint rules: typescript-eslint's recommended set over server, client, seed and test.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const NEO4J_ONLY_IN_DB = { name: "neo4j-driver", message: "Only server/db/ imports neo4j-driver." };
const ONLY_COMMON = "Import what the server and the client both name from server/common/";
const TOOLS_APART =
  "Benchmarks, evaluation and chaos tooling stay in server/tools/: production code never imports them.";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", ".neo4j/", ".ringscope/", "test-results/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-imports": ["error", { paths: [NEO4J_ONLY_IN_DB] }],
    },
  },
  // Production code never imports the benchmarks, evaluation and chaos tooling (server/tools/).
  {
    files: ["server/**"],
    ignores: ["server/tools/**", "server/cli/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [NEO4J_ONLY_IN_DB], patterns: [{ group: ["**/tools/*"], message: TOOLS_APART }] },
      ],
    },
  },
  // Only server/db/ talks to Neo4j and hands back plain objects.
  { files: ["server/db/**"], rules: { "no-restricted-imports": "off" } },
  // The client names what the server sends through server/common only (API shapes, kinds, roles, …).
  {
    files: ["client/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [NEO4J_ONLY_IN_DB],
          patterns: [{ group: ["**/server/*", "!**/server/common"], message: ONLY_COMMON }],
        },
      ],
    },
  },
  // The seed writes contract records: server/common, and normalise/ to check a typed variant keeps its key.
  {
    files: ["seed/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [NEO4J_ONLY_IN_DB],
          patterns: [
            {
              group: ["**/server/*", "!**/server/common", "!**/server/normalise"],
              message: `${ONLY_COMMON} (and server/normalise/)`,
            },
          ],
        },
      ],
    },
  },
);
