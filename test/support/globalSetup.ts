import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";

/** Builds dist/ from the sources once before the suites run: the tests that start the CLI or the app start it
 * as users do (`dist/cli.js`, `dist/main.js`: compiled, with the database template and worker threads), and
 * always from the code under test. The template (initdb and every migration, seconds) is built again only when
 * the migrations changed. */
export default function buildOnce(): void {
  const node = process.execPath;
  execFileSync(node, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" });
  execFileSync(node, ["scripts/bundle-cli.mjs"], { stdio: "inherit" });
  execFileSync(node, ["scripts/make-executable.mjs", "dist/cli.js"], { stdio: "inherit" });
  const migrations = readdirSync("prisma/migrations", { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .join("\n");
  const stamp = "dist/pgdata-template.migrations";
  const current = existsSync(stamp) && existsSync("dist/pgdata-template") ? readFileSync(stamp, "utf8") : "";
  if (current !== migrations) {
    execFileSync(node, ["scripts/build-template.mjs"], { stdio: "inherit" });
    writeFileSync(stamp, migrations);
  }
}
