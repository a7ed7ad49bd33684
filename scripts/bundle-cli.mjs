#!/usr/bin/env node
// The `lead-triage` executable as one module: Node 20 spends most of a command's start resolving and loading its
// ~450 ES modules (ours, zod's, libphonenumber-js's), one file at a time. dist/cli.js, as tsc wrote it, becomes
// that module; every other file in dist/ stays as it is (the app, the worker threads, in-process tests).
// Packages that find files beside their own code (PGlite's WebAssembly, Prisma's runtime, the chart renderer's
// native module) stay outside and load from node_modules, with what must be the same copy as theirs (PGlite's
// Prisma adapter). Prisma's pg adapter is bundled with the pg it checks our pool against (`instanceof`): a
// bundled pg beside an external adapter made it take our pool for its settings. Paths to our own files come from dist/installPaths.js's
// place, which is the bundle's too (src/installPaths.ts).
import { build } from "esbuild";

await build({
  entryPoints: ["dist/cli.js"],
  outfile: "dist/cli.js",
  allowOverwrite: true,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/client",
    "@prisma/client/*",
    "@resvg/*",
  ],
  // Bundled CommonJS packages call require(); an ES module has none of its own.
  banner: {
    js: 'import { createRequire as __createRequire } from "node:module";\nconst require = __createRequire(import.meta.url);',
  },
  sourcemap: "linked",
  logLevel: "warning",
});
